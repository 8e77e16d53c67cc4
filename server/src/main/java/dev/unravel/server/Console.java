package dev.unravel.server;

import dev.unravel.core.Count;
import dev.unravel.core.cases.CaseStatus;
import dev.unravel.core.cases.Disposition;
import dev.unravel.engine.report.HtmlReport;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.store.Store;
import dev.unravel.store.StoreException;
import dev.unravel.store.StoredCases.CaseChange;
import dev.unravel.store.StoredCases.CaseFile;
import dev.unravel.store.StoredCases.CaseSummary;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;

/**
 * The analysts' console: sign-in, the cases to work and decide, a case's brief, the saved scans
 * and their reports, the sources sending logs, and a JSON API ({@code GET /api/cases},
 * {@code /api/cases/{id}}, {@code /api/scans} for the signed-in session or an API token;
 * {@code POST /api/cases/{id}} with an API token only; {@code POST /api/ingest/{source}} with an
 * ingest token only, {@link IngestApi}; {@code POST /hooks/github}, signed with a webhook's secret,
 * {@link GithubHookApi}). Pages are rendered on the server ({@link Pages});
 * everything from logs and records is escaped.
 *
 * <p>Security: every page but the sign-in needs a session, made on signing in (a new session id,
 * so a planted one is worthless; a new password or the analyst's removal ends it) and kept in a cookie that is HttpOnly and SameSite=Strict; every
 * form carries the session's CSRF token; failed sign-ins are throttled per name and per address; pages are served
 * with a Content-Security-Policy that runs no script, and a saved scan's report (which has its own
 * script) in a sandbox of its own origin. Sign-ins, failed ones included, and every case, brief and
 * report opened are written to the store's access log ({@code unravel analysts log}).
 */
public final class Console {

    static final String ANALYST = "analyst";
    static final String CSRF = "csrf";
    /** When the signed-in analyst's password last changed, as the session saw it on signing in. */
    static final String SINCE = "since";
    /** The request attribute that names the analyst an API token acts for. */
    static final String TOKEN_ANALYST = "unravel.token-analyst";
    /** The request attribute that holds the token a request came with ({@link Store.TokenGrant}). */
    static final String TOKEN_GRANT = "unravel.token";
    private static final String INGEST = "/api/ingest/";
    /** The largest file a page reads a record from: a request is no place to read a gigabyte. */
    static final long RECORD_FILE_MAX = 512L * 1024 * 1024;
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /** A report runs its own sorting script, in a sandbox: an origin of its own, away from the session. */
    static final String REPORT_CSP = "sandbox allow-scripts; default-src 'none'; style-src 'unsafe-inline'; "
            + "script-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final Pages pages;
    private final LoginThrottle throttle = new LoginThrottle();
    private final IngestApi ingest;
    private final HecApi hec;
    private final GithubHookApi github;
    /** The latest scan's blind stages, read from its report once (a scan's report does not change). */
    private volatile java.util.Map.Entry<Long, List<String>> blind;

    private final ScanNow scanNow;
    private boolean https;
    /** The thresholds after which sources are silent; null: a day for every source. */
    private SilentSources silence;
    /** Told of cases opened by hand; null when the console has no webhook. */
    private CaseNotice.Hook notices;
    /** Readers of column-mapped exports, so that a record page reads a mapped file as the scan did. */
    private List<dev.unravel.ingest.read.Reader> readers = List.of();

    private Console(Store store, String version, Spool spool, ScanNow scanNow) {
        this.store = store;
        this.pages = new Pages(store.description(), version);
        this.ingest = new IngestApi(store, spool);
        this.hec = new HecApi(store, spool);
        this.github = new GithubHookApi(store, spool);
        this.scanNow = scanNow;
    }

    /**
     * What a console serves beyond the cases, each part optional: the ingest API's {@code spool}
     * (null: it takes no logs), {@code scanNow} for "Scan now" (null: it runs no scheduled scans),
     * {@code tls} (null: plain HTTP, as behind a proxy that ends TLS), the reverse {@code proxies}
     * whose forwarding headers it believes ({@link TrustedProxies}), the {@code readers} of
     * column-mapped exports ({@code serve --mapping}) with which record pages read records again,
     * and the webhook told of cases opened by hand ({@code notices}, null: none).
     */
    public record Setup(Spool spool, ScanNow scanNow, Tls tls, TrustedProxies proxies, SilentSources silence,
            List<dev.unravel.ingest.read.Reader> readers, CaseNotice.Hook notices) {
        public Setup {
            proxies = proxies == null ? TrustedProxies.none() : proxies;
            readers = readers == null ? List.of() : List.copyOf(readers);
        }

        public Setup(Spool spool, ScanNow scanNow, Tls tls, TrustedProxies proxies, SilentSources silence) {
            this(spool, scanNow, tls, proxies, silence, List.of(), null);
        }

        /** Cases only: no logs taken, no scheduled scans, plain HTTP, no proxy trusted. */
        public static Setup casesOnly() {
            return new Setup(null, null, null, TrustedProxies.none(), null);
        }

        /** The readers of column-mapped exports, as the scans were given them, for the record pages. */
        public Setup readers(List<dev.unravel.ingest.read.Reader> readers) {
            return new Setup(spool, scanNow, tls, proxies, silence, readers, notices);
        }

        /** The webhook told of each case an analyst opens by hand, as scans tell of theirs (null: none). */
        public Setup notices(CaseNotice.Hook notices) {
            return new Setup(spool, scanNow, tls, proxies, silence, readers, notices);
        }

        public Setup spool(Spool spool) {
            return new Setup(spool, scanNow, tls, proxies, silence, readers, notices);
        }

        public Setup scanNow(ScanNow scanNow) {
            return new Setup(spool, scanNow, tls, proxies, silence, readers, notices);
        }

        /**
         * The thresholds after which a source is silent ({@code serve --silent-after}), which the Sources
         * page and {@code /api/sources} go by (null: a day, for every source).
         */
        public Setup silence(SilentSources silence) {
            return new Setup(spool, scanNow, tls, proxies, silence, readers, notices);
        }

        /**
         * HTTPS only: the keystore's connector takes the host and port given to {@code start}, cookies
         * are sent over HTTPS only, and browsers are told to keep to HTTPS (HSTS).
         */
        public Setup tls(Tls tls) {
            return new Setup(spool, scanNow, tls, proxies, silence, readers, notices);
        }

        public Setup proxies(TrustedProxies proxies) {
            return new Setup(spool, scanNow, tls, proxies, silence, readers, notices);
        }
    }

    /** The console over {@code store}, not yet started ({@code start(host, port)}); it takes no logs. */
    public static Javalin create(Store store, String version) {
        return create(store, version, Setup.casesOnly());
    }

    /**
     * The console over {@code store}, taking logs sent to the ingest API into {@code spool}, not yet
     * started ({@code start(host, port)}).
     */
    public static Javalin create(Store store, String version, Spool spool) {
        return create(store, version, Setup.casesOnly().spool(spool));
    }

    /** The console over {@code store} with what {@code setup} adds, not yet started ({@code start(host, port)}). */
    public static Javalin create(Store store, String version, Setup setup) {
        Spool spool = setup.spool();
        ScanNow scanNow = setup.scanNow();
        Tls tls = setup.tls();
        TrustedProxies proxies = setup.proxies();
        Console c = new Console(store, version, spool, scanNow);
        c.silence = setup.silence();
        c.notices = setup.notices();
        c.readers = setup.readers();
        c.https = tls != null;
        return Javalin.create(config -> {
            config.jetty.modifyHttpConfiguration(http -> http.addCustomizer(proxies.customizer()));
            if (tls != null) {
                // with a connector of its own, Javalin adds no plain one: the console is HTTPS only
                config.jetty.addConnector((server, http) -> tls.connector(server, http, config.jetty.host,
                        config.jetty.port));
            }
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 64 * 1024;
            config.jetty.modifyServletContextHandler(handler -> {
                SessionHandler sessions = handler.getSessionHandler();
                if (sessions == null) {
                    sessions = new SessionHandler();
                    handler.setSessionHandler(sessions);
                }
                sessions.setHttpOnly(true);
                sessions.setSameSite(HttpCookie.SameSite.STRICT);
                sessions.setMaxInactiveInterval(8 * 60 * 60);
                sessions.setSessionCookie("unravel_session");
                sessions.setSecureRequestOnly(true); // the cookie is Secure whenever the console is reached by HTTPS
            });
            config.routes.before(c::headers);
            config.routes.before(c::signedIn);
            config.routes.before(c::csrf);
            config.routes.before(c::roles);
            config.routes.get("/login", c::loginPage);
            config.routes.post("/login", c::login);
            config.routes.post("/logout", c::logout);
            config.routes.get("/", ctx -> ctx.redirect("/cases"));
            config.routes.get("/cases", c::cases);
            config.routes.post("/cases", c::openCase);
            config.routes.get("/cases/{id}", c::caseFile);
            config.routes.post("/cases/{id}", c::update);
            config.routes.post("/cases/{id}/share", c::share);
            config.routes.post("/cases/{id}/unshare", c::unshare);
            config.routes.post("/cases/{id}/steps", c::step);
            config.routes.post("/cases/{id}/forget", c::forget);
            config.routes.get("/cases/{id}/brief", c::brief);
            config.routes.get("/cases/{id}/record", c::record);
            config.routes.get("/cases/{id}/evidence", c::evidence);
            config.routes.get("/api/cases/{id}/evidence", c::evidence);
            config.routes.get("/scans", c::scans);
            config.routes.get("/stats", c::stats);
            config.routes.get("/api/stats", c::apiStats);
            config.routes.get("/scans/{id}/report", c::report);
            config.routes.post("/scans/run", c::runScan);
            config.routes.post("/api/scans/run", c::apiRunScan);
            config.routes.get("/sources", c::sources);
            config.routes.get("/access", c::access);
            config.routes.get("/api/sources", c::apiSources);
            config.routes.get("/health", c::health);
            config.routes.get("/api/cases", c::apiCases);
            config.routes.post("/api/cases", c::apiOpenCase);
            config.routes.get("/api/cases/{id}", c::apiCase);
            config.routes.post("/api/cases/{id}", c::apiUpdate);
            config.routes.get("/api/scans", c::apiScans);
            config.routes.post(INGEST + "{source}", c.ingest::receive);
            config.routes.get(INGEST + "{source}", c.ingest::verify);
            for (String path : List.of(HecApi.PATH, HecApi.PATH + "/event", HecApi.PATH + "/event/1.0")) {
                config.routes.post(path, c.hec::receive);
            }
            config.routes.post(HecApi.PATH + "/raw", c.hec::receiveRaw);
            config.routes.post(HecApi.PATH + "/raw/1.0", c.hec::receiveRaw);
            config.routes.post(HecApi.PATH + "/ack", c.hec::acknowledge);
            config.routes.post(HecApi.PATH + "/ack/1.0", c.hec::acknowledge);
            config.routes.get(HecApi.PATH + "/health", c.hec::health);
            config.routes.get(HecApi.PATH + "/health/1.0", c.hec::health);
            config.routes.post(GithubHookApi.PATH, c.github::receive);
            config.routes.get(GithubHookApi.PATH, c.github::explain);
            config.routes.exception(NoSuchElementException.class, (e, ctx) -> c.problem(ctx, HttpStatus.NOT_FOUND,
                    e.getMessage()));
            config.routes.exception(NumberFormatException.class, (e, ctx) -> c.problem(ctx, HttpStatus.NOT_FOUND,
                    "no such page"));
            config.routes.exception(StoreException.class, (e, ctx) -> c.problem(ctx, HttpStatus.SERVICE_UNAVAILABLE,
                    "The store cannot be used just now (" + e.getMessage() + "). If a scan is saving into the "
                            + "embedded store, try again in a moment."));
            config.routes.error(404, "html", ctx -> c.problem(ctx, HttpStatus.NOT_FOUND, "no such page"));
        });
    }

    private void headers(Context ctx) {
        if (https || ctx.req().isSecure()) { // own TLS, or a trusted proxy's (TrustedProxies)
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    private void signedIn(Context ctx) {
        if (ctx.path().equals("/health")) {
            return; // for load balancers and monitors: says nothing but whether the console can serve
        }
        if (ctx.path().startsWith(HecApi.PATH)) {
            return; // HEC senders authenticate by its own protocol (HecApi), with an ingest token
        }
        if (ctx.path().equals(GithubHookApi.PATH)) {
            return; // GitHub signs each delivery with the hook's secret (GithubHookApi)
        }
        if (ctx.path().startsWith("/api/") && ctx.header("Authorization") != null) {
            // Another tool with a token acts as the analyst the token was made for, for this request only,
            // and only as far as the token's scope goes: a shipper's token sends logs, a tool's works cases.
            String token = ApiTokens.bearer(ctx.header("Authorization"));
            Store.TokenGrant grant = token == null ? null : store.token(ApiTokens.hash(token)).orElse(null);
            if (grant == null) {
                throw new UnauthorizedResponse("the API token is not valid (unknown, revoked or malformed)");
            }
            boolean ingesting = ctx.path().startsWith(INGEST);
            if (grant.scope() == Store.TokenScope.GITHUB_WEBHOOK) {
                throw new ForbiddenResponse("this is a GitHub webhook's secret: GitHub signs its deliveries to "
                        + GithubHookApi.PATH + " with it, and it is no bearer token");
            }
            if (ingesting && grant.scope() != Store.TokenScope.INGEST) {
                throw new ForbiddenResponse("this token is for the cases API; sending logs takes an ingest token "
                        + "('unravel analysts token NAME --scope ingest')");
            }
            if (!ingesting && grant.scope() != Store.TokenScope.API) {
                throw new ForbiddenResponse("this token only sends logs (" + INGEST + "…); the cases API takes an API "
                        + "token");
            }
            ctx.attribute(TOKEN_ANALYST, grant.analyst());
            ctx.attribute(TOKEN_GRANT, grant);
            return;
        }
        if (ctx.path().startsWith(INGEST)) {
            throw new UnauthorizedResponse("sending logs takes an ingest token (Authorization: Bearer …; 'unravel "
                    + "analysts token NAME --scope ingest')");
        }
        if (ctx.path().equals("/login")) {
            return;
        }
        String name = ctx.sessionAttribute(ANALYST);
        if (name != null) {
            // A new password, or the analyst removed, ends the sessions signed in before it.
            if (store.analystSince(name).map(t -> t.toString().equals(ctx.sessionAttribute(SINCE))).orElse(false)) {
                return;
            }
            ctx.req().getSession().invalidate();
        }
        if (ctx.path().startsWith("/api/")) {
            throw new UnauthorizedResponse("sign in first, or send an API token (Authorization: Bearer …)");
        }
        ctx.redirect("/login");
        ctx.skipRemainingHandlers();
    }

    /** Every form carries the session's token; a request without it (another site's form) is refused. */
    private void csrf(Context ctx) {
        if (!ctx.method().name().equals("POST") || ctx.path().startsWith(HecApi.PATH)) {
            return; // HEC takes an ingest token, which a browser never sends on its own
        }
        if (ctx.path().equals(GithubHookApi.PATH)) {
            return; // a delivery counts only with the signature of a hook's secret, which no other site has
        }
        if (ctx.path().startsWith("/api/")) {
            // The API's writes take a token, which a browser never sends on its own: no form can forge them.
            if (ctx.attribute(TOKEN_ANALYST) == null) {
                throw new ForbiddenResponse("changes through the API need an API token (Authorization: Bearer …)");
            }
            return;
        }
        String expected = ctx.sessionAttribute(CSRF);
        String given = ctx.formParam(CSRF);
        if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenResponse("the form is stale or not from this console: reload the page and try again");
        }
    }

    /**
     * A viewer reads the cases shared with them and changes nothing: every change to a case and every
     * scan asked for (the forms and the API, signed in or by token) takes the analyst role, and so do
     * the pages about everyone (scans and their reports, sources, the access log). The role is looked
     * up at each request, so a change holds at once. Signing in and out, and sending logs, are not
     * changes to cases; which cases a viewer reads is asked where a case is ({@link #find}).
     */
    private void roles(Context ctx) {
        String path = ctx.path();
        if (path.equals("/login") || path.equals("/logout") || path.equals("/health") || path.startsWith(INGEST)
                || path.startsWith(HecApi.PATH) || path.equals(GithubHookApi.PATH)) {
            return;
        }
        boolean post = ctx.method().name().equals("POST");
        if (!post && !ANALYSTS_PAGES.matcher(path).lookingAt()) {
            return;
        }
        if (analyst(ctx) != null && !mayChange(ctx)) {
            throw new ForbiddenResponse(analyst(ctx) + " is a viewer: viewers read the cases shared with them, their "
                    + "briefs and records; " + (post ? "changing a case or asking for a scan" : "scans, reports, "
                    + "sources and the access log") + " take the analyst role ('unravel analysts role NAME analyst')");
        }
    }

    /**
     * Pages about everyone rather than one case — scans and their reports, outcomes, sources, the access log —
     * and a case's evidence package, which copies whole log files that name other people too.
     */
    private static final java.util.regex.Pattern ANALYSTS_PAGES = java.util.regex.Pattern.compile(
            "/(api/)?(scans|sources|stats)(/|$)|/access(/|$)|/(api/)?cases/[^/]+/evidence$");

    /** The one signed in as the pages show them (null before signing in): a viewer is marked so. */
    private Pages.Who shown(Context ctx) {
        String who = analyst(ctx);
        if (who == null) {
            return null;
        }
        try {
            return new Pages.Who(who, !mayChange(ctx));
        } catch (StoreException e) {
            return new Pages.Who(who, true); // the store is away (a page that says so is being made): the least
        }
    }

    /** Whether the one acting may change cases and ask for scans (the analyst role). */
    private boolean mayChange(Context ctx) {
        // asked by the filters, the navigation and the page itself: looked up once per request
        Boolean known = ctx.attribute(MAY_CHANGE);
        if (known != null) {
            return known;
        }
        String who = analyst(ctx);
        boolean may = who != null && store.analystRole(who).map(r -> r == Store.AnalystRole.ANALYST).orElse(false);
        ctx.attribute(MAY_CHANGE, may);
        return may;
    }

    private static final String MAY_CHANGE = "unravel.may-change";

    static String analyst(Context ctx) {
        String byToken = ctx.attribute(TOKEN_ANALYST);
        return byToken != null ? byToken : ctx.sessionAttribute(ANALYST);
    }

    /** The session's CSRF token, made on first use. */
    static String token(Context ctx) {
        String t = ctx.sessionAttribute(CSRF);
        if (t == null) {
            byte[] b = new byte[24];
            RANDOM.nextBytes(b);
            t = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            ctx.sessionAttribute(CSRF, t);
        }
        return t;
    }

    private void loginPage(Context ctx) {
        ctx.html(pages.login(token(ctx), null));
    }

    private void login(Context ctx) {
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").trim();
        String password = ctx.formParam("password");
        long now = System.nanoTime();
        long fromAddress = throttle.addressBlockedMinutes(ctx.ip(), now);
        long forName = throttle.blockedMinutes(name, now);
        if (fromAddress > 0 || forName > 0) {
            store.logAccess(name.isEmpty() ? "?" : name, ctx.ip(), "sign-in-held", null);
            long blocked = Math.max(fromAddress, forName);
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).html(pages.login(token(ctx), "Too many failed sign-ins "
                    + (fromAddress > 0 ? "from this address" : "for " + name) + ": try again in "
                    + Count.of(blocked, "minute", "minutes") + "."));
            return;
        }
        if (!Passwords.matches(password, store.analystHash(name).orElse(null))) {
            throttle.failed(name, ctx.ip(), now);
            store.logAccess(name.isEmpty() ? "?" : name, ctx.ip(), "sign-in-failed", null);
            ctx.status(HttpStatus.UNAUTHORIZED).html(pages.login(token(ctx), "Wrong name or password."));
            return;
        }
        throttle.succeeded(name);
        store.logAccess(name, ctx.ip(), "sign-in", null);
        ctx.req().changeSessionId(); // a session id planted before signing in is worth nothing after
        ctx.sessionAttribute(ANALYST, name);
        ctx.sessionAttribute(SINCE, store.analystSince(name).map(Object::toString).orElse(""));
        ctx.sessionAttribute(CSRF, null);
        token(ctx);
        ctx.redirect("/cases");
    }

    private void logout(Context ctx) {
        store.logAccess(analyst(ctx), ctx.ip(), "sign-out", null);
        ctx.req().getSession().invalidate();
        ctx.redirect("/login");
    }

    /** The statuses a {@code status} query names: {@code active} (the default), {@code all}, or one status. */
    static Set<CaseStatus> statuses(String query) {
        if (query == null || query.isBlank() || query.equals("active")) {
            return EnumSet.of(CaseStatus.OPEN, CaseStatus.INVESTIGATING, CaseStatus.ESCALATED);
        }
        if (query.equals("all")) {
            return EnumSet.noneOf(CaseStatus.class);
        }
        return EnumSet.of(CaseStatus.parse(query));
    }

    private void cases(Context ctx) {
        casesPage(ctx, null);
    }

    /**
     * The case list's "Open a case" form ({@code who}: an id or a name, {@code kind}, {@code name} for
     * someone no report lists, {@code reason}); analysts only (see {@link #roles}). Opened: the case's
     * page; refused: the list again with why.
     */
    private void openCase(Context ctx) {
        Pages.OpenForm form = new Pages.OpenForm(ctx.formParam("who"), blankToNull(ctx.formParam("kind")),
                ctx.formParam("name"), ctx.formParam("reason"), null, null);
        try {
            CaseSummary c = CaseOpening.open(store, form.who(), form.kind(), form.name(), form.reason(), analyst(ctx));
            seen(ctx, "open-case", "case " + c.id() + ": " + c.kind() + " " + c.personId());
            tell(c, form.reason());
            ctx.redirect("/cases/" + c.id());
        } catch (CaseOpening.Refused e) {
            ctx.status(e.status());
            casesPage(ctx, new Pages.OpenForm(form.who(), form.kind(), form.name(), form.reason(), e.getMessage(),
                    e.existingCase()));
        }
    }

    /** Tells the webhook, if any, of a case opened by hand, off the request's thread. */
    private void tell(CaseSummary c, String reason) {
        if (notices != null) {
            notices.tellLater(CaseNotice.openedByHand(c, reason, notices.consoleUrl()), "case " + c.id());
        }
    }

    private void casesPage(Context ctx, Pages.OpenForm opening) {
        // a viewer's few cases are often decided already (shared with legal once closed as fraud): all by default
        String status = ctx.queryParam("status") != null ? ctx.queryParam("status") : mayChange(ctx) ? "active" : "all";
        Set<CaseStatus> wanted;
        try {
            wanted = statuses(status);
        } catch (IllegalArgumentException e) {
            throw new NoSuchElementException(e.getMessage());
        }
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        Pages.Who who = shown(ctx);
        List<CaseSummary> all = readable(ctx, store.cases(wanted));
        List<CaseSummary> shown = all.stream().filter(c -> c.matches(q)).toList();
        java.util.Map<Long, List<String>> urgent = urgent(shown);
        boolean urgentOnly = "1".equals(ctx.queryParam("urgent"));
        if (urgentOnly) {
            shown = shown.stream().filter(c -> !urgent.getOrDefault(c.id(), List.of()).isEmpty()).toList();
        }
        List<dev.unravel.store.StoredCases.ScanSummary> last = who.viewer() ? List.of() : store.scans(1);
        ctx.html(pages.cases(who, token(ctx), status, q, shown, all.size(), last, urgent, urgentOnly,
                last.isEmpty() ? List.of() : blindStages(last.get(0)), opening, store.lastOpened(analyst(ctx))));
    }

    /** The stages a saved scan could not see ({@code Coverage}), from its kept report; none when pruned. */
    private List<String> blindStages(dev.unravel.store.StoredCases.ScanSummary scan) {
        java.util.Map.Entry<Long, List<String>> known = blind;
        if (known != null && known.getKey() == scan.id()) {
            return known.getValue();
        }
        List<String> stages = store.report(scan.id()).map(json -> {
            try {
                dev.unravel.engine.report.Report r = dev.unravel.engine.report.ReportJson.mapper().readValue(json,
                        dev.unravel.engine.report.Report.class);
                return dev.unravel.engine.report.Coverage.blindStages(r).stream().map(dev.unravel.core.Stage::id)
                        .toList();
            } catch (java.io.IOException | RuntimeException e) {
                return List.<String>of(); // a report this version cannot read says nothing of what it saw
            }
        }).orElse(List.of());
        blind = java.util.Map.entry(scan.id(), stages);
        return stages;
    }

    /** For each of {@code cases}, the teams with urgent steps in it (none once closed). */
    private java.util.Map<Long, List<String>> urgent(List<CaseSummary> cases) {
        java.util.Map<Long, List<dev.unravel.store.StoredCases.FindingKind>> kinds = store.findingKinds(
                cases.stream().map(CaseSummary::id).toList());
        java.util.Map<Long, List<String>> out = new java.util.HashMap<>();
        dev.unravel.engine.report.NextChecks checks = CaseChecks.in(store);
        for (CaseSummary c : cases) {
            out.put(c.id(), CaseBrief.urgentTeams(c, kinds.get(c.id()), checks));
        }
        return out;
    }

    /** Of {@code cases}, those the one acting may read: every case for an analyst, those shared with a viewer. */
    private List<CaseSummary> readable(Context ctx, List<CaseSummary> cases) {
        if (mayChange(ctx)) {
            return cases;
        }
        Set<Long> shared = store.casesSharedWith(analyst(ctx));
        return cases.stream().filter(c -> shared.contains(c.id())).toList();
    }

    /** The case of the path, if the one acting may read it (a viewer: only the cases shared with them). */
    private CaseFile find(Context ctx) {
        long id = Long.parseLong(ctx.pathParam("id"));
        if (!store.mayRead(analyst(ctx), id)) {
            throw new NoSuchElementException("There is no case " + id + " shared with you; an analyst shares a case "
                    + "from its page.");
        }
        return store.caseFile(id).orElseThrow(() -> new NoSuchElementException("There is no case " + id + "."));
    }

    private void caseFile(Context ctx) {
        CaseFile f = find(ctx);
        seen(ctx, "case", "case " + f.summary().id());
        caseFilePage(ctx, f, null);
    }

    private void caseFilePage(Context ctx, CaseFile f, String error) {
        Pages.Who who = shown(ctx);
        List<Store.CaseViewer> sharedWith = who.viewer() ? List.of() : store.caseViewers(f.summary().id());
        List<String> viewers = who.viewer() ? List.of() : store.analystEntries().stream()
                .filter(a -> a.role() == Store.AnalystRole.VIEWER).map(Store.AnalystEntry::name).toList();
        String name = analyst(ctx);
        ctx.html(pages.caseFile(who, token(ctx), f, error, sharedWith, viewers,
                other -> !who.viewer() || store.mayRead(name, other), CaseChecks.of(store, f.summary().id())));
    }

    /**
     * Marks a step of "what to check next" done ({@code done=1}) or takes the mark back ({@code done=0});
     * analysts only (see {@link #roles}). The step must be one the case shows now.
     */
    private void step(Context ctx) {
        CaseFile f = find(ctx);
        long id = f.summary().id();
        String key = ctx.formParam("step");
        dev.unravel.engine.report.NextChecks.Check step = CaseBrief.checks(f, CaseChecks.in(store)).stream()
                .filter(c -> c.key().equals(key)).findFirst().orElse(null);
        if (step == null) {
            ctx.status(HttpStatus.BAD_REQUEST);
            caseFilePage(ctx, f, "That step is not among this case's now (its findings or the team's steps changed): "
                    + "reload the page.");
            return;
        }
        boolean done = !"0".equals(ctx.formParam("done"));
        try {
            if (done) {
                store.markStep(id, step.key(), step.label(), analyst(ctx));
            } else {
                store.unmarkStep(id, step.key(), step.label(), analyst(ctx));
            }
        } catch (IllegalArgumentException e) { // the person was forgotten since the page was made
            ctx.status(HttpStatus.BAD_REQUEST);
            caseFilePage(ctx, f, e.getMessage());
            return;
        }
        seen(ctx, done ? "step-done" : "step-undone", "case " + id + ": " + (step.label().length() <= 150
                ? step.label() : step.label().substring(0, 150)));
        ctx.redirect("/cases/" + id + "#checks");
    }

    /**
     * Forgets the person of a case closed benign or inconclusive ({@code reason}, {@code confirm=1});
     * analysts only (see {@link #roles}).
     */
    private void forget(Context ctx) {
        CaseFile f = find(ctx);
        long id = f.summary().id();
        try {
            if (!"1".equals(ctx.formParam("confirm"))) {
                throw new IllegalArgumentException("Tick that forgetting cannot be undone, to forget the person.");
            }
            store.forget(id, ctx.formParam("reason"), analyst(ctx), ReportRecords::without);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            caseFilePage(ctx, f, e.getMessage());
            return;
        }
        seen(ctx, "forget", "case " + id);
        ctx.redirect("/cases/" + id);
    }

    /** Shares the case with the viewer of the form ({@code viewer}); analysts only (see {@link #roles}). */
    private void share(Context ctx) {
        sharing(ctx, true);
    }

    private void unshare(Context ctx) {
        sharing(ctx, false);
    }

    private void sharing(Context ctx, boolean share) {
        CaseFile f = find(ctx);
        long id = f.summary().id();
        String viewer = ctx.formParam("viewer") == null ? "" : ctx.formParam("viewer").strip();
        try {
            if (share) {
                store.shareCase(id, viewer, analyst(ctx));
            } else {
                store.unshareCase(id, viewer, analyst(ctx));
            }
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            caseFilePage(ctx, f, e.getMessage());
            return;
        }
        seen(ctx, share ? "share" : "unshare", "case " + id + " with " + (viewer.length() <= 100 ? viewer
                : viewer.substring(0, 100)));
        ctx.redirect("/cases/" + id);
    }

    private void update(Context ctx) {
        CaseFile f = find(ctx);
        try {
            CaseChange change = new CaseChange(blankToNull(ctx.formParam("status")) == null ? null
                    : CaseStatus.parse(ctx.formParam("status")),
                    blankToNull(ctx.formParam("disposition")) == null ? null
                            : Disposition.parse(ctx.formParam("disposition")),
                    ctx.formParam("assignee"), blankToNull(ctx.formParam("note")));
            store.update(f.summary().id(), change, analyst(ctx));
            seen(ctx, "update", "case " + f.summary().id());
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            caseFilePage(ctx, f, e.getMessage());
            return;
        }
        ctx.redirect("/cases/" + f.summary().id()); // after a post, a page that reloading does not post again
    }

    /**
     * A record a finding of the case cites, read again from its file ({@code ?ref=FILE#N}); only the
     * case's own references, so the page opens no other file.
     */
    private void record(Context ctx) {
        CaseFile f = find(ctx);
        String ref = ctx.queryParam("ref");
        boolean cited = ref != null && f.signals().stream().anyMatch(g -> g.evidence().contains(ref));
        if (!cited) {
            throw new NoSuchElementException("Case " + f.summary().id() + " cites no record "
                    + (ref == null ? "(no ?ref= given)" : ref) + ".");
        }
        seen(ctx, "record", "case " + f.summary().id() + ": " + (ref.length() <= 180 ? ref : ref.substring(0, 179) + "…"));
        try {
            Object got = dev.unravel.ingest.RecordLookup.findAll(List.of(ref), readers, RECORD_FILE_MAX).get(ref);
            if (got instanceof dev.unravel.ingest.RecordLookup.Found found) {
                ctx.html(pages.record(shown(ctx), token(ctx), f.summary(), ref, found,
                        CaseBrief.verdicts(store, f).apply(found), null));
            } else {
                ctx.status(HttpStatus.NOT_FOUND).html(pages.record(shown(ctx), token(ctx), f.summary(), ref, null, null,
                        ((Exception) got).getMessage()));
            }
        } catch (java.io.IOException e) {
            ctx.status(HttpStatus.NOT_FOUND).html(pages.record(shown(ctx), token(ctx), f.summary(), ref, null, null,
                    "The file cannot be read: " + e.getMessage()));
        }
    }

    /**
     * A case's evidence package ({@link EvidencePackage}), streamed as it is made; analysts only (see
     * {@link #roles}), and in the case's history.
     */
    private void evidence(Context ctx) throws java.io.IOException {
        CaseFile f = find(ctx);
        long id = f.summary().id();
        if (f.summary().forgotten()) {
            problem(ctx, HttpStatus.NOT_FOUND, "Case " + id + "'s person was forgotten: there is nothing to export.");
            return;
        }
        seen(ctx, "evidence", "case " + id);
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"case-" + id + "-evidence.zip\"");
        EvidencePackage.write(f, store, analyst(ctx), pages.version(), readers, RECORD_FILE_MAX, true,
                ctx.outputStream());
    }

    /** A case's brief; with {@code ?records=1}, the records behind its findings as an appendix. */
    private void brief(Context ctx) throws java.io.IOException {
        CaseFile f = find(ctx);
        boolean records = "1".equals(ctx.queryParam("records"));
        seen(ctx, "brief", "case " + f.summary().id() + (records ? " with the records" : ""));
        ctx.html(records ? CaseBrief.withRecords(f, store, analyst(ctx), pages.version(), readers, RECORD_FILE_MAX)
                .html() : CaseBrief.render(f, store.description(), analyst(ctx), pages.version(),
                        CaseChecks.of(store, f.summary().id())));
    }

    /** How the cases went ({@link CaseStats}); analysts only (see {@link #roles}). */
    private void stats(Context ctx) {
        ctx.html(pages.stats(shown(ctx), token(ctx), CaseStats.of(store)));
    }

    private void apiStats(Context ctx) throws java.io.IOException {
        json(ctx, CaseStats.of(store));
    }

    private void scans(Context ctx) {
        ctx.html(pages.scans(shown(ctx), token(ctx), store.scans(200), scanNow != null && mayChange(ctx),
                ctx.queryParam("asked")));
    }

    /** The Scans page's "Scan now": asks, then shows the page again with the answer (no repost on reload). */
    private void runScan(Context ctx) {
        if (scanNow == null) {
            throw new NoSuchElementException("This console runs no scheduled scans (unravel serve --scan-every).");
        }
        String answer = scanNow.request(analyst(ctx));
        seen(ctx, "scan-asked", null);
        ctx.redirect("/scans?asked=" + java.net.URLEncoder.encode(answer, StandardCharsets.UTF_8));
    }

    private void apiRunScan(Context ctx) throws java.io.IOException {
        if (scanNow == null) {
            ctx.status(HttpStatus.NOT_FOUND);
            json(ctx, java.util.Map.of("error", "this console runs no scheduled scans (unravel serve --scan-every)"));
            return;
        }
        String answer = scanNow.request(analyst(ctx));
        seen(ctx, "scan-asked", null);
        ctx.status(HttpStatus.ACCEPTED);
        json(ctx, java.util.Map.of("status", answer));
    }

    private void sources(Context ctx) {
        ctx.html(pages.sources(shown(ctx), token(ctx), store.ingestSources(), store.collectSources(),
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC), ingest.taking(), this::silentAfter));
    }

    /**
     * The access log, newest first ({@code ?analyst=NAME}, {@code ?ingest=1} for the batches taken
     * too): who signed in, and every case, brief, record and report opened or changed. For analysts:
     * it shows what colleagues looked at.
     */
    private void access(Context ctx) {
        String who = ctx.queryParam("analyst") == null || ctx.queryParam("analyst").isBlank() ? null
                : ctx.queryParam("analyst").strip();
        boolean withIngest = "1".equals(ctx.queryParam("ingest"));
        seen(ctx, "access-log", who);
        ctx.html(pages.accessLog(shown(ctx), token(ctx), store.accessLog(who, withIngest, ACCESS_SHOWN), who,
                withIngest));
    }

    /** Entries the access log page shows; {@code unravel analysts log --limit N} reads further. */
    static final int ACCESS_SHOWN = 500;

    /** How long {@code source} may be quiet before it is called silent; null when it is not watched. */
    private java.time.Duration silentAfter(String source) {
        return silence == null ? java.time.Duration.ofDays(1) : silence.thresholdOf(source);
    }

    /**
     * Each source sending logs, its totals and how long it has been silent, for monitoring tools; with
     * the console's collections of its logs, where it collects them.
     */
    private void apiSources(Context ctx) throws java.io.IOException {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        List<Store.CollectSource> collected = store.collectSources();
        json(ctx, SilentSources.feeds(store.ingestSources(), collected).stream().map(s -> {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("source", s.source());
            m.put("batches", s.batches());
            m.put("records", s.records());
            m.put("events", s.events());
            m.put("rejected", s.rejected());
            m.put("last_received", s.lastReceived().toString());
            m.put("last_event", s.lastEvent() == null ? null : s.lastEvent().toString());
            java.time.Duration quiet = java.time.Duration.between(s.lastReceived(), now);
            java.time.Duration after = silentAfter(s.source());
            m.put("silent_seconds", quiet.toSeconds());
            m.put("silent_after_seconds", after == null ? null : after.toSeconds());
            m.put("silent", after != null && quiet.compareTo(after) > 0);
            List<java.util.Map<String, Object>> collections = new java.util.ArrayList<>();
            for (Store.CollectSource c : collected) {
                if (c.source().equals(s.source())) {
                    java.util.Map<String, Object> one = new java.util.LinkedHashMap<>();
                    one.put("name", c.name());
                    one.put("log", c.what());
                    one.put("first_run", c.firstRun().toString());
                    one.put("last_run", c.lastRun().toString());
                    one.put("last_success", c.lastSuccess() == null ? null : c.lastSuccess().toString());
                    one.put("last_records_at", c.lastBrought() == null ? null : c.lastBrought().toString());
                    one.put("runs", c.runs());
                    one.put("records", c.records());
                    one.put("failing_runs", c.failing());
                    one.put("last_error", c.lastError());
                    collections.add(one);
                }
            }
            if (!collections.isEmpty()) {
                m.put("collections", collections);
            }
            return m;
        }).toList());
    }

    /** Liveness for a load balancer or monitor: 200 when the store answers, 503 when it does not. */
    private void health(Context ctx) throws java.io.IOException {
        try {
            store.hasScan(0);
        } catch (StoreException e) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
            json(ctx, java.util.Map.of("status", "the store does not answer"));
            return;
        }
        json(ctx, java.util.Map.of("status", "ok"));
    }

    private void report(Context ctx) {
        long id = Long.parseLong(ctx.pathParam("id"));
        String json = store.report(id).orElseThrow(() -> new NoSuchElementException(store.hasScan(id)
                ? "Scan " + id + "'s report was pruned: only the last scans keep "
                        + "theirs (serve --keep-scans, unravel cases prune)." : "There is no scan " + id + "."));
        Report r;
        try {
            r = ReportJson.mapper().readValue(json, Report.class);
        } catch (java.io.IOException e) {
            throw new NoSuchElementException("Scan " + id + "'s report cannot be read: " + e.getMessage());
        }
        seen(ctx, "report", "scan " + id);
        ctx.header("Content-Security-Policy", REPORT_CSP);
        ctx.html(HtmlReport.render(r, CaseChecks.in(store)));
    }

    private void apiCases(Context ctx) throws java.io.IOException {
        Set<CaseStatus> wanted;
        try {
            wanted = statuses(ctx.queryParam("status"));
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            json(ctx, java.util.Map.of("error", e.getMessage()));
            return;
        }
        String q = ctx.queryParam("q");
        List<CaseSummary> shown = readable(ctx, store.cases(wanted)).stream().filter(c -> c.matches(q)).toList();
        java.util.Map<Long, List<String>> urgent = urgent(shown);
        if ("1".equals(ctx.queryParam("urgent"))) { // only the cases with a step that cannot wait
            shown = shown.stream().filter(c -> !urgent.getOrDefault(c.id(), List.of()).isEmpty()).toList();
        }
        json(ctx, shown.stream().map(c -> CaseJson.listed(c, urgent.getOrDefault(c.id(), List.of()))).toList());
    }

    private void apiCase(Context ctx) throws java.io.IOException {
        CaseFile f = find(ctx);
        seen(ctx, "api-case", "case " + f.summary().id());
        java.util.Map<String, Object> m = CaseJson.of(f, CaseChecks.of(store, f.summary().id()));
        if (mayChange(ctx)) { // whom else a case is shared with is for analysts
            m.put("shared_with", sharedWith(f.summary().id()));
        } else { // and a viewer learns of another person's case only when it is shared with them too
            String name = analyst(ctx);
            for (Object tie : (List<?>) m.get("ties")) {
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> t = (java.util.Map<String, Object>) tie;
                if (t.get("case") instanceof Long other && !store.mayRead(name, other)) {
                    t.put("case", null);
                }
            }
        }
        json(ctx, m);
    }

    /**
     * Opens a case by hand from JSON ({@code person}: an id or a name; {@code kind}: worker or
     * applicant, optional; {@code name}: for someone no saved report lists; {@code reason}), with a
     * token: 201 and the case, or why not (400, 404, 409 with the person's {@code case}).
     */
    private void apiOpenCase(Context ctx) throws java.io.IOException {
        java.util.Map<?, ?> body = jsonObject(ctx);
        if (body == null) {
            return;
        }
        try {
            keys(body, "person, kind, name and reason", "person", "kind", "name", "reason");
            CaseSummary c = CaseOpening.open(store, text(body, "person"), text(body, "kind"), text(body, "name"),
                    text(body, "reason"), analyst(ctx));
            seen(ctx, "api-open-case", "case " + c.id() + ": " + c.kind() + " " + c.personId());
            tell(c, text(body, "reason"));
            ctx.status(HttpStatus.CREATED);
            json(ctx, CaseJson.of(store.caseFile(c.id()).orElseThrow(), CaseChecks.of(store, c.id())));
        } catch (CaseOpening.Refused e) {
            ctx.status(e.status());
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("error", e.getMessage());
            if (e.existingCase() != null) {
                m.put("case", e.existingCase());
            }
            json(ctx, m);
        } catch (IllegalArgumentException e) { // an unknown key, or one of the wrong type
            ctx.status(HttpStatus.BAD_REQUEST);
            json(ctx, java.util.Map.of("error", e.getMessage()));
        }
    }

    private List<String> sharedWith(long id) {
        return store.caseViewers(id).stream().map(Store.CaseViewer::viewer).toList();
    }

    /**
     * A change to a case as JSON ({@code status}, {@code disposition}, {@code assignee}, {@code note};
     * {@code share} and {@code unshare}, a viewer's name or a list of them), with a token.
     */
    private void apiUpdate(Context ctx) throws java.io.IOException {
        long id = Long.parseLong(ctx.pathParam("id"));
        java.util.Map<?, ?> body = jsonObject(ctx);
        if (body == null) {
            return;
        }
        try {
            keys(body, "status, disposition, assignee, note, share or unshare", "status", "disposition", "assignee",
                    "note", "share", "unshare");
            CaseChange change = new CaseChange(text(body, "status") == null ? null
                    : CaseStatus.parse(text(body, "status")), text(body, "disposition") == null ? null
                    : Disposition.parse(text(body, "disposition")), text(body, "assignee"), text(body, "note"));
            List<String> share = names(body, "share");
            List<String> unshare = names(body, "unshare");
            if (change.isEmpty() && share.isEmpty() && unshare.isEmpty()) {
                throw new IllegalArgumentException("nothing to change: give status, disposition, assignee, note, share "
                        + "or unshare");
            }
            for (String v : share) { // all checked before anything changes
                if (store.analystRole(v).orElse(null) != Store.AnalystRole.VIEWER) {
                    throw new IllegalArgumentException("cannot share case " + id + " with " + v + ": cases are shared "
                            + "with viewers ('unravel analysts list' shows them)");
                }
            }
            CaseSummary updated = change.isEmpty() ? find(ctx).summary() : store.update(id, change, analyst(ctx));
            for (String v : share) {
                store.shareCase(id, v, analyst(ctx));
            }
            for (String v : unshare) {
                store.unshareCase(id, v, analyst(ctx));
            }
            seen(ctx, "api-update", "case " + id);
            java.util.Map<String, Object> m = CaseJson.of(updated);
            m.put("shared_with", sharedWith(id));
            json(ctx, m);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            json(ctx, java.util.Map.of("error", e.getMessage()));
        }
    }

    /** The request's body as a JSON object; null, with 400 answered, when it is not one. */
    private static java.util.Map<?, ?> jsonObject(Context ctx) throws java.io.IOException {
        try {
            return ReportJson.mapper().readValue(ctx.body(), java.util.Map.class);
        } catch (java.io.IOException | RuntimeException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            json(ctx, java.util.Map.of("error", "the body is not a JSON object: " + e.getMessage().lines().findFirst()
                    .orElse("")));
            return null;
        }
    }

    /** Refuses a key of {@code body} not among {@code known} ({@code use}: them in words). */
    private static void keys(java.util.Map<?, ?> body, String use, String... known) {
        for (Object key : body.keySet()) {
            if (!Set.of(known).contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "': use " + use);
            }
        }
    }

    /** A key holding one name or a list of names; empty when absent. */
    private static List<String> names(java.util.Map<?, ?> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return List.of();
        }
        List<?> given = v instanceof List<?> l ? l : List.of(v);
        List<String> out = new java.util.ArrayList<>();
        for (Object o : given) {
            if (!(o instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("'" + key + "' is a viewer's name or a list of them");
            }
            out.add(s.strip());
        }
        return out;
    }

    private static String text(java.util.Map<?, ?> body, String key) {
        Object v = body.get(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException("'" + key + "' must be a string");
        }
        return (String) v;
    }

    private void apiScans(Context ctx) throws java.io.IOException {
        json(ctx, store.scans(200).stream().map(CaseJson::of).toList());
    }

    /** Notes in the access log that the signed-in analyst saw or changed {@code target}. */
    private void seen(Context ctx, String action, String target) {
        store.logAccess(analyst(ctx), ctx.ip(), action, target);
    }

    private static void json(Context ctx, Object value) throws java.io.IOException {
        ctx.contentType("application/json").result(ReportJson.mapper().writeValueAsString(value));
    }

    private void problem(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        if (ctx.path().startsWith("/api/")) {
            ctx.contentType("application/json").result("{\"error\":" + quote(message) + "}");
            return;
        }
        ctx.html(pages.problem(shown(ctx), analyst(ctx) == null ? null : token(ctx), status.getCode(), message));
    }

    private static String quote(String s) {
        try {
            return ReportJson.mapper().writeValueAsString(s);
        } catch (java.io.IOException e) {
            return "\"\"";
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
