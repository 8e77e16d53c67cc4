package dev.unravel.cli;

import dev.unravel.collect.AwsSigV4;
import dev.unravel.collect.Collector;
import dev.unravel.collect.DefenderHuntingLog;
import dev.unravel.collect.DuoAuthLog;
import dev.unravel.collect.EntraGraphLog;
import dev.unravel.collect.FalconDataReplicator;
import dev.unravel.collect.FleetHosts;
import dev.unravel.collect.GithubAuditLog;
import dev.unravel.collect.JamfInventory;
import dev.unravel.collect.GoogleReportsLog;
import dev.unravel.collect.Http;
import dev.unravel.collect.LogApi;
import dev.unravel.collect.M365AuditLog;
import dev.unravel.collect.OktaSystemLog;
import dev.unravel.collect.SlackAccessLogs;
import dev.unravel.collect.TeamsCallRecords;
import dev.unravel.collect.ZoomMeetingParticipants;
import dev.unravel.core.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unravel collect}: logs pulled from the vendors' APIs into a folder a scan reads. */
@Command(name = "collect",
        mixinStandardHelpOptions = true,
        description = {"Pulls logs from the vendors' APIs into a folder that 'unravel scan' (or the console's "
                + "--scan-also) reads, going on from where the last run stopped: run it from cron, or before each "
                + "scan. Each run writes one file of new records, exactly as the API gave them, to "
                + "OUT/<source>/<day>/, and keeps where it stopped in OUT/.unravel-collect/; a run that fails "
                + "writes nothing, and the next asks again. CrowdStrike's Falcon Data Replicator is a queue: its "
                + "files are kept as they are, and the queue keeps where a run stopped. Credentials are read from "
                + "a file or an environment "
                + "variable, never from the command line.", ""},
        subcommands = {CollectCommand.Okta.class, CollectCommand.Entra.class, CollectCommand.Teams.class,
            CollectCommand.Zoom.class, CollectCommand.Slack.class, CollectCommand.M365.class,
            CollectCommand.Google.class, CollectCommand.Duo.class, CollectCommand.Github.class,
            CollectCommand.Defender.class, CollectCommand.CrowdStrike.class, CollectCommand.Jamf.class,
            CollectCommand.Fleet.class})
public final class CollectCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A collection the console runs ({@code serve --collect}): the words of its command, and the log
     * they name, which the store records its runs under.
     *
     * @param words  the {@code unravel collect} command's words, without --out
     * @param source the spool folder its files go to ({@code okta}, {@code gworkspace})
     * @param name   the log's own name, as its state is kept ({@code okta-acme.okta.com})
     * @param what   the log in words
     */
    record Planned(List<String> words, String source, String name, String what) {
    }

    /**
     * {@code line} ("okta --url https://acme.okta.com --token-file F") as the words of an
     * {@code unravel collect} command, checked as the command would check them but for --out, which
     * the console gives; its credentials are read now, so that a missing one stops the console
     * starting rather than every run.
     *
     * @throws IllegalArgumentException naming the line and what is wrong
     */
    static Planned checked(String line) {
        List<String> words = words(line);
        if (words.contains("--out") || words.stream().anyMatch(w -> w.startsWith("--out="))) {
            throw new IllegalArgumentException("--collect '" + line + "': the console collects into its spool; "
                    + "leave --out out");
        }
        try {
            Described d = parse(words, Path.of(".")).described();
            return new Planned(List.copyOf(words), d.source(), d.name(), d.what());
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("--collect '" + line + "': " + e.getMessage());
        }
    }

    /**
     * The source {@code words} name, with its options, collecting into {@code out}: what
     * {@code unravel collect WORDS --out OUT} would run.
     *
     * @throws IllegalArgumentException when the words are not such a command
     */
    static Source parse(List<String> words, Path out) {
        List<String> args = new java.util.ArrayList<>(words);
        args.addAll(List.of("--out", out.toString()));
        picocli.CommandLine.ParseResult parsed;
        try {
            parsed = new picocli.CommandLine(new CollectCommand()).parseArgs(args.toArray(String[]::new));
        } catch (picocli.CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (!parsed.hasSubcommand() || !(parsed.subcommand().commandSpec().userObject() instanceof Source source)) {
            throw new IllegalArgumentException("name a source first (okta, entra, teams, zoom, slack, m365, google, "
                    + "duo, github, defender, crowdstrike, jamf, fleet)");
        }
        return source;
    }

    /** A line split into words at blanks, single or double quotes keeping blanks within a word. */
    static List<String> words(String line) {
        List<String> words = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("--collect '" + line + "': a quote is not closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** What every source takes. */
    static final class Common {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", required = true,
                description = "The folder to collect into (the same one every run, so that runs go on from each other).")
        Path out;

        @Option(names = "--max-wait", paramLabel = "DURATION", defaultValue = "15m",
                description = "The longest a rate limit is waited out; a longer one stops the run (nothing written). "
                        + "Default: ${DEFAULT-VALUE}.")
        String maxWait;

        @Option(names = "--quiet", description = "Print nothing but errors.")
        boolean quiet;
    }

    /** What the sources read by time take: where a first run starts, and how the runs go on from each other. */
    static final class Resume {
        @Option(names = "--since", paramLabel = "WHEN", defaultValue = "30d",
                description = "Where a source never collected into --out starts: a duration back from now (30d, "
                        + "12h), a date (2026-03-01) or a time (2026-03-01T09:00:00Z). Default: ${DEFAULT-VALUE}.")
        String since;

        @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "15m",
                description = "How far before the last run's newest record the next run asks from, for records the "
                        + "vendor had not settled yet; those already collected are skipped by id. "
                        + "Default: ${DEFAULT-VALUE}.")
        String overlap;

        @Option(names = "--state", paramLabel = "FILE",
                description = "Where to keep where the runs stopped (default: OUT/.unravel-collect/<source>.json).")
        Path state;

        Instant firstSince(Clock clock) {
            String s = since.strip();
            try {
                if (s.contains("T")) {
                    return Instant.parse(s);
                }
                if (s.length() == 10 && s.charAt(4) == '-') {
                    return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--since takes a duration (30d), a date (2026-03-01) or a time "
                        + "(2026-03-01T09:00:00Z): '" + since + "'");
            }
            return clock.instant().minus(Durations.parse("--since", s));
        }
    }

    /**
     * What a source is, once its options are checked and its credential read.
     *
     * @param source the folder its files go to ({@code okta})
     * @param name the log's own name, as the store records its runs ({@code okta-acme.okta.com})
     * @param what the log in words
     */
    record Described(String source, String name, String what) {
    }

    /**
     * A run: what it did, in the lines the command prints, the records it brought and the files it wrote.
     */
    record Outcome(List<String> lines, long records, List<Path> files) {
    }

    /**
     * A run that stopped with an error after writing files that stay (CrowdStrike's: each file is
     * placed as it comes, and the next run does not fetch it again): the console still keeps them
     * as batches.
     */
    static final class Stopped extends IOException {
        private final transient List<Path> files;

        Stopped(String message, Throwable cause, List<Path> files) {
            super(message, cause);
            this.files = List.copyOf(files);
        }

        List<Path> files() {
            return files;
        }
    }

    /** A run of a log read by time, in the lines the command prints. */
    static Outcome outcome(LogApi api, Collector.Result r) {
        return new Outcome(lines(api, r), r.records(), r.file() == null ? List.of() : List.of(r.file()));
    }

    private static List<String> lines(LogApi api, Collector.Result r) {
        List<String> lines = new java.util.ArrayList<>();
        if (r.file() == null) {
            lines.add(String.format(Locale.ROOT, "%s: nothing new since %s (%,d page%s read%s)", api.id(),
                    r.since(), r.pages(), r.pages() == 1 ? "" : "s",
                    r.duplicates() > 0 ? ", " + r.duplicates() + " already collected" : ""));
        } else {
            lines.add(String.format(Locale.ROOT, "%s: %,d records (%,d page%s) from %s to %s -> %s", api.id(),
                    r.records(), r.pages(), r.pages() == 1 ? "" : "s", r.first(), r.last(), r.file()));
            lines.add(String.format(Locale.ROOT, "  %s; asked from %s%s%s", api.describe(), r.since(),
                    r.duplicates() > 0 ? "; " + r.duplicates() + " already collected, skipped" : "",
                    r.withoutTime() > 0 ? "; " + r.withoutTime() + " without a time, kept" : ""));
        }
        lines.add(String.format(Locale.ROOT, "  next run asks from %s (state: %s)", r.nextSince(), r.stateFile()));
        return lines;
    }

    /** "unravel collect okta: okta: …" would say the source twice. */
    static IOException withoutSource(String id, dev.unravel.collect.CollectException e) {
        String m = e.getMessage();
        return new IOException(m.startsWith(id + ": ") ? m.substring(id.length() + 2) : m, e);
    }

    /** One source's subcommand: its own options say what it is, the common ones where it goes. */
    abstract static class Source implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        /** What the source is, from its options (credentials read now). */
        abstract Described described() throws IOException;

        /** Collects once; {@code notes} hears of waits and progress. */
        abstract Outcome run(java.util.function.Consumer<String> notes) throws IOException;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = common.spec.commandLine().getErr();
            Outcome done = run(note -> {
                if (!common.quiet) {
                    err.println(note);
                    err.flush();
                }
            });
            if (!common.quiet) {
                PrintWriter out = common.spec.commandLine().getOut();
                done.lines().forEach(out::println);
                out.flush();
            }
            return 0;
        }
    }

    /** A log read page by page from where the last run stopped: its own options build its API. */
    abstract static class ApiSource extends Source {
        @Mixin
        Resume resume = new Resume();

        /** The source's API, built from its options (credentials read now). */
        abstract LogApi api() throws IOException;

        @Override
        Described described() throws IOException {
            LogApi api = api();
            return new Described(api.id(), api.stateName(), api.describe());
        }

        @Override
        Outcome run(java.util.function.Consumer<String> notes) throws IOException {
            Duration overlap = Durations.parse("--overlap", resume.overlap);
            Duration maxWait = Durations.parse("--max-wait", common.maxWait);
            Instant since = resume.firstSince(Clock.systemUTC());
            LogApi api = api();
            try {
                return outcome(api, new Collector(Http.standard(maxWait, notes), notes).run(api, common.out,
                        new Collector.Options(since, overlap, resume.state)));
            } catch (dev.unravel.collect.CollectException e) {
                throw withoutSource(api.id(), e);
            }
        }
    }

    /**
     * An Entra ID app registration signing in with its client secret: the Entra, Teams, Microsoft 365
     * and Defender sources.
     */
    static final class EntraApp {
        @Option(names = "--tenant", paramLabel = "TENANT", required = true,
                description = "The tenant's id (a GUID) or, for entra, teams and defender, one of its domains.")
        String tenant;

        @Option(names = "--client-id", paramLabel = "ID", required = true, description = "The app registration's client id.")
        String clientId;

        @Option(names = "--secret-file", paramLabel = "FILE",
                description = "A file holding the app's client secret (else the environment variable "
                        + "ENTRA_CLIENT_SECRET).")
        Path secretFile;

        @Option(names = "--login-url", paramLabel = "URL", defaultValue = "https://login.microsoftonline.com",
                description = "Where the app signs in. Default: ${DEFAULT-VALUE}.")
        URI loginUrl;

        String secret() throws IOException {
            return Secrets.read(secretFile, "--secret-file", "ENTRA_CLIENT_SECRET", "client secret");
        }
    }

    @Command(name = "okta",
            mixinStandardHelpOptions = true,
            description = {"Collects Okta's System Log (GET /api/v1/logs): sign-ins, MFA, admin events, oldest first. "
                    + "Needs an API token of an administrator who may read the System Log (Read-Only Administrator "
                    + "is enough), or an OAuth access token with okta.logs.read (--bearer).", ""},
            footer = {"", "Examples:",
                "  OKTA_API_TOKEN=… unravel collect okta --url https://acme.okta.com --out /srv/logs",
                "  unravel collect okta --url https://acme.okta.com --token-file /etc/unravel/okta-token --out /srv/logs",
                "  unravel scan /srv/logs --config unravel.yaml"})
    static final class Okta extends ApiSource {
        @Option(names = "--url", paramLabel = "URL", required = true,
                description = "The Okta organisation's address, such as https://acme.okta.com.")
        URI url;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "A file holding the token (else the environment variable OKTA_API_TOKEN).")
        Path tokenFile;

        @Option(names = "--bearer", description = "The token is an OAuth access token, not an API token (SSWS).")
        boolean bearer;

        @Override
        LogApi api() throws IOException {
            String token = Secrets.read(tokenFile, "--token-file", "OKTA_API_TOKEN", "token");
            return new OktaSystemLog(url, token, bearer);
        }
    }

    @Command(name = "jamf",
            mixinStandardHelpOptions = true,
            description = {"Collects Jamf Pro's computer inventory (GET /api/v1/computers-inventory): each Mac's last "
                    + "check-in, with the address Jamf Pro saw it come from, for the Macs that checked in since the "
                    + "last run. An inventory keeps only each Mac's last check-in: run it every hour or so. Needs an "
                    + "API client (Settings, API roles and clients) whose role allows Read Computers.", ""},
            footer = {"", "Examples:",
                "  JAMF_CLIENT_SECRET=… unravel collect jamf --url https://acme.jamfcloud.com --client-id 9f1c2e3d-… "
                        + "--out /srv/logs",
                "  unravel serve --spool /var/lib/unravel/spool --collect \"jamf --url https://acme.jamfcloud.com "
                        + "--client-id … --secret-file /etc/unravel/jamf-secret\""})
    static final class Jamf extends ApiSource {
        @Option(names = "--url", paramLabel = "URL", required = true,
                description = "The Jamf Pro server's address, such as https://acme.jamfcloud.com.")
        URI url;

        @Option(names = "--client-id", paramLabel = "ID", required = true, description = "The API client's id.")
        String clientId;

        @Option(names = "--secret-file", paramLabel = "FILE",
                description = "A file holding the API client's secret (else the environment variable "
                        + "JAMF_CLIENT_SECRET).")
        Path secretFile;

        @Override
        LogApi api() throws IOException {
            return new JamfInventory(url, clientId,
                    Secrets.read(secretFile, "--secret-file", "JAMF_CLIENT_SECRET", "client secret"));
        }
    }

    @Command(name = "fleet",
            mixinStandardHelpOptions = true,
            description = {"Collects Fleet's hosts (GET /api/v1/fleet/hosts): each osquery host's last contact, with "
                    + "the address Fleet saw it come from, for the hosts seen since the last run. A host record keeps "
                    + "only its last contact: run it every hour or so. Needs an API-only user's token (fleetctl user "
                    + "create --api-only) with the observer role or more.", ""},
            footer = {"", "Examples:",
                "  FLEET_API_TOKEN=… unravel collect fleet --url https://fleet.acme.com --out /srv/logs"})
    static final class Fleet extends ApiSource {
        @Option(names = "--url", paramLabel = "URL", required = true,
                description = "The Fleet server's address, such as https://fleet.acme.com.")
        URI url;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "A file holding the API token (else the environment variable FLEET_API_TOKEN).")
        Path tokenFile;

        @Override
        LogApi api() throws IOException {
            return new FleetHosts(url, Secrets.read(tokenFile, "--token-file", "FLEET_API_TOKEN", "token"));
        }
    }

    @Command(name = "m365",
            mixinStandardHelpOptions = true,
            description = {"Collects Microsoft 365's unified audit log through the Office 365 Management Activity API: "
                    + "SharePoint and OneDrive file activity, Exchange mailbox forwarding and inbox rules, Entra ID "
                    + "and general records. The first run starts the subscriptions (records exist from then on, not "
                    + "before); the API keeps 7 days. Needs an app registration with the Office 365 Management APIs' "
                    + "ActivityFeed.Read application permission, admin-consented, and auditing turned on.", ""},
            footer = {"", "Examples:",
                "  ENTRA_CLIENT_SECRET=… unravel collect m365 --tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 "
                    + "--client-id 1f3c… --out /srv/logs",
                "  unravel collect m365 --tenant 72f9… --client-id 1f3c… --secret-file /etc/unravel/entra-secret "
                    + "--content-type Audit.SharePoint --content-type Audit.Exchange --out /srv/logs"})
    static final class M365 extends ApiSource {
        @Mixin
        EntraApp app = new EntraApp();

        @Option(names = "--content-type", paramLabel = "TYPE",
                description = "Audit.SharePoint, Audit.Exchange, Audit.AzureActiveDirectory, Audit.General or DLP.All; "
                        + "repeatable. Default: the first four.")
        java.util.List<String> contentTypes = M365AuditLog.CONTENT_TYPES;

        @Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://manage.office.com",
                description = "The Management API's address (a government cloud's elsewhere). Default: ${DEFAULT-VALUE}.")
        URI apiUrl;

        @Override
        LogApi api() throws IOException {
            M365AuditLog.check(app.tenant, app.clientId, contentTypes); // the options' mistakes before the secret's
            return new M365AuditLog(apiUrl, app.loginUrl, app.tenant, app.clientId, app.secret(), contentTypes);
        }
    }

    @Command(name = "google",
            mixinStandardHelpOptions = true,
            description = {"Collects Google Workspace's activity reports through the Admin SDK Reports API: by default "
                    + "the login application's sign-ins. A service account with domain-wide delegation for "
                    + GoogleReportsLog.SCOPE + " acts for an administrator (--admin). Google's reports can settle "
                    + "hours late, so each run goes back at least two hours over the last; what it already has is "
                    + "skipped. One application a run: collect drive (downloads and sharing) and user_accounts "
                    + "(Gmail's forwarding) too for the steal detectors.", ""},
            footer = {"", "Examples:",
                "  unravel collect google --key-file /etc/unravel/unravel-sa.json --admin it.admin@acme.com "
                    + "--out /srv/logs",
                "  unravel collect google --key-file /etc/unravel/unravel-sa.json --admin it.admin@acme.com "
                    + "--application drive --out /srv/logs"})
    static final class Google extends ApiSource {
        @Option(names = "--key-file", paramLabel = "FILE", required = true,
                description = "The service account's JSON key, as the Google Cloud console downloads it.")
        Path keyFile;

        @Option(names = "--admin", paramLabel = "EMAIL", required = true,
                description = "The administrator the service account acts for (one with the Reports privilege).")
        String admin;

        @Option(names = "--application", paramLabel = "APP", defaultValue = "login",
                description = "The report's application: login, drive, user_accounts, admin, token, saml, … "
                        + "Default: ${DEFAULT-VALUE}.")
        String application;

        @Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://admin.googleapis.com",
                description = "The Admin SDK's address. Default: ${DEFAULT-VALUE}.")
        URI apiUrl;

        @Override
        LogApi api() throws IOException {
            if (!Files.isRegularFile(keyFile)) {
                throw new IllegalArgumentException("key file " + keyFile + " does not exist");
            }
            return new GoogleReportsLog(apiUrl, keyFile, admin, application);
        }
    }

    @Command(name = "duo",
            mixinStandardHelpOptions = true,
            description = {"Collects Duo's authentication log through the Admin API (/admin/v2/logs/authentication): "
                    + "each MFA attempt with the computer signed in from and the phone that approved it, oldest "
                    + "first, up to two minutes ago (Duo settles the log that long). Needs an Admin API application "
                    + "with the \"Grant read log\" permission; requests are signed with its secret key.", ""},
            footer = {"", "Examples:",
                "  DUO_SECRET_KEY=… unravel collect duo --api-host api-1a2b3c4d.duosecurity.com --ikey DIWJ8X6AEYOR5OMC6TQ1 "
                    + "--out /srv/logs",
                "  unravel collect duo --api-host api-1a2b3c4d.duosecurity.com --ikey DIWJ8X6AEYOR5OMC6TQ1 "
                    + "--skey-file /etc/unravel/duo-skey --out /srv/logs"})
    static final class Duo extends ApiSource {
        @Option(names = "--api-host", paramLabel = "HOST", required = true,
                description = "The Admin API's host name, api-XXXXXXXX.duosecurity.com (or an https:// address).")
        String apiHost;

        @Option(names = "--ikey", paramLabel = "KEY", required = true,
                description = "The Admin API application's integration key.")
        String integrationKey;

        @Option(names = "--skey-file", paramLabel = "FILE",
                description = "A file holding its secret key (else the environment variable DUO_SECRET_KEY).")
        Path secretKeyFile;

        @Override
        LogApi api() throws IOException {
            String secret = Secrets.read(secretKeyFile, "--skey-file", "DUO_SECRET_KEY", "secret key");
            URI api = URI.create(apiHost.contains("://") ? apiHost : "https://" + apiHost.strip());
            return new DuoAuthLog(api, integrationKey, secret);
        }
    }

    @Command(name = "github",
            mixinStandardHelpOptions = true,
            description = {"Collects an organisation's or enterprise's GitHub audit log (REST API, GitHub Enterprise "
                    + "Cloud or Server): web and git events — the clones the repository detectors count are git "
                    + "events — oldest first. Needs a token of an owner with the read:audit_log scope (classic) or "
                    + "the organisation's 'Administration' read permission. The API narrows by day: each run reads "
                    + "its first day again and skips what it already has.", ""},
            footer = {"", "Examples:",
                "  GITHUB_TOKEN=… unravel collect github --org acme --out /srv/logs",
                "  unravel collect github --enterprise acme-corp --token-file /etc/unravel/gh-token --out /srv/logs",
                "  unravel collect github --org acme --api-url https://github.acme.com/api/v3 --out /srv/logs"})
    static final class Github extends ApiSource {
        @Option(names = "--org", paramLabel = "ORG", description = "The organisation.")
        String org;

        @Option(names = "--enterprise", paramLabel = "SLUG", description = "The enterprise, instead of one organisation.")
        String enterprise;

        @Option(names = "--include", paramLabel = "KIND", defaultValue = "all",
                description = "all, web or git events. Default: ${DEFAULT-VALUE}.")
        String include;

        @Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://api.github.com",
                description = "The REST API's address (a GitHub Enterprise Server's ends in /api/v3). "
                        + "Default: ${DEFAULT-VALUE}.")
        URI apiUrl;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "A file holding the token (else the environment variable GITHUB_TOKEN).")
        Path tokenFile;

        @Override
        LogApi api() throws IOException {
            GithubAuditLog.check(org, enterprise, include); // the options' mistakes before the token's
            String token = Secrets.read(tokenFile, "--token-file", "GITHUB_TOKEN", "token");
            return new GithubAuditLog(apiUrl, org, enterprise, include, token);
        }
    }

    @Command(name = "entra",
            mixinStandardHelpOptions = true,
            description = {"Collects Microsoft Entra ID's sign-ins or directory audits through Microsoft Graph, as an "
                    + "app registration with the AuditLog.Read.All application permission (admin-consented; sign-in "
                    + "logs need an Entra ID P1 or P2 licence) signing in with its client secret.", ""},
            footer = {"", "Examples:",
                "  ENTRA_CLIENT_SECRET=… unravel collect entra --tenant acme.onmicrosoft.com --client-id 1f3c… "
                    + "--out /srv/logs",
                "  unravel collect entra --tenant 72f9… --client-id 1f3c… --secret-file /etc/unravel/entra-secret "
                    + "--log audits --out /srv/logs"})
    static final class Entra extends ApiSource {
        @Mixin
        EntraApp app = new EntraApp();

        @Option(names = "--log", paramLabel = "LOG", defaultValue = "signins",
                description = "signins or audits (directory audits). Default: ${DEFAULT-VALUE}.")
        String log;

        @Option(names = "--graph-url", paramLabel = "URL", defaultValue = "https://graph.microsoft.com",
                description = "Microsoft Graph's address (a national cloud's elsewhere). Default: ${DEFAULT-VALUE}.")
        URI graphUrl;

        @Override
        LogApi api() throws IOException {
            EntraGraphLog.Log which = switch (log.strip().toLowerCase(Locale.ROOT)) {
                case "signins" -> EntraGraphLog.Log.SIGN_INS;
                case "audits" -> EntraGraphLog.Log.DIRECTORY_AUDITS;
                default -> throw new IllegalArgumentException("--log is signins or audits, not '" + log + "'");
            };
            return new EntraGraphLog(graphUrl, app.loginUrl, app.tenant, app.clientId, app.secret(), which);
        }
    }

    @Command(name = "teams",
            mixinStandardHelpOptions = true,
            description = {"Collects Microsoft Teams call records through Microsoft Graph: each call or meeting that "
                    + "ended, with every participant's session — the computer, the microphone, camera and speaker it "
                    + "used, and the address it joined from — one whole record a line. Graph keeps call records for "
                    + "30 days, lists them without their sessions, and makes each when its call ends: each listed "
                    + "record is asked for again with its sessions, and each run goes back at least a day over the "
                    + "last, asking for none it has. Needs an app registration with Graph's CallRecords.Read.All "
                    + "application permission, admin-consented.", ""},
            footer = {"", "Examples:",
                "  ENTRA_CLIENT_SECRET=… unravel collect teams --tenant acme.onmicrosoft.com --client-id 1f3c… "
                    + "--out /srv/logs",
                "  unravel collect teams --tenant 72f9… --client-id 1f3c… --secret-file /etc/unravel/entra-secret "
                    + "--since 7d --out /srv/logs"})
    static final class Teams extends ApiSource {
        @Mixin
        EntraApp app = new EntraApp();

        @Option(names = "--graph-url", paramLabel = "URL", defaultValue = "https://graph.microsoft.com",
                description = "Microsoft Graph's address (a national cloud's elsewhere). Default: ${DEFAULT-VALUE}.")
        URI graphUrl;

        @Override
        LogApi api() throws IOException {
            return new TeamsCallRecords(graphUrl, app.loginUrl, app.tenant, app.clientId, app.secret());
        }
    }

    @Command(name = "zoom",
            mixinStandardHelpOptions = true,
            description = {"Collects Zoom's meeting participants through its Dashboard API: the account's past "
                    + "meetings by day, then each one's participants — who joined, from which address and computer, "
                    + "with which microphone, camera and speaker — one a line with the meeting's uuid, id and topic. "
                    + "Zoom keeps six months and lists a meeting once it ends, a month at most a request; each run "
                    + "goes back at least a day over the last, asks for no meeting it has, and leaves one that ended "
                    + "in the last quarter hour, which Zoom may still be processing, to the next. Needs a "
                    + "Server-to-Server OAuth app with the dashboard_meetings:read:admin scope, on a Business plan or "
                    + "higher. Zoom limits these requests to a few a second (fewer on smaller plans): a run over "
                    + "thousands of meetings takes a while, and waits out what Zoom asks (--max-wait).", ""},
            footer = {"", "Examples:",
                "  ZOOM_CLIENT_SECRET=… unravel collect zoom --account-id Xq3vT9kLQzy --client-id 4Fh… --out /srv/logs",
                "  unravel collect zoom --account-id Xq3vT9kLQzy --client-id 4Fh… "
                    + "--secret-file /etc/unravel/zoom-secret --since 7d --out /srv/logs"})
    static final class Zoom extends ApiSource {
        @Option(names = "--account-id", paramLabel = "ID", required = true,
                description = "The Zoom account's id (the app's App Credentials).")
        String accountId;

        @Option(names = "--client-id", paramLabel = "ID", required = true, description = "The app's client id.")
        String clientId;

        @Option(names = "--secret-file", paramLabel = "FILE",
                description = "A file holding the app's client secret (else the environment variable "
                        + "ZOOM_CLIENT_SECRET).")
        Path secretFile;

        @Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://api.zoom.us",
                description = "Zoom's API. Default: ${DEFAULT-VALUE}.")
        URI apiUrl;

        @Option(names = "--oauth-url", paramLabel = "URL", defaultValue = "https://zoom.us",
                description = "Where the app signs in. Default: ${DEFAULT-VALUE}.")
        URI oauthUrl;

        @Override
        LogApi api() throws IOException {
            String secret = Secrets.read(secretFile, "--secret-file", "ZOOM_CLIENT_SECRET", "client secret");
            return new ZoomMeetingParticipants(apiUrl, oauthUrl, accountId, clientId, secret);
        }
    }

    @Command(name = "slack",
            mixinStandardHelpOptions = true,
            description = {"Collects Slack's access logs (team.accessLogs): each account's use of Slack from each "
                    + "address and client, with Slack's country and ISP for the address, written with the account's "
                    + "email from the workspace's members list so that the roster knows the worker. An entry is "
                    + "written again each time it grows. Needs a user token of a workspace admin or owner with the admin, "
                    + "users:read and users:read.email scopes, on a paid plan.", ""},
            footer = {"", "Examples:",
                "  SLACK_TOKEN=xoxp-… unravel collect slack --out /srv/logs",
                "  unravel collect slack --token-file /etc/unravel/slack-token --team T0G9PQBBK --out /srv/logs"})
    static final class Slack extends ApiSource {
        @Option(names = "--token-file", paramLabel = "FILE",
                description = "A file holding the user token (else the environment variable SLACK_TOKEN).")
        Path tokenFile;

        @Option(names = "--team", paramLabel = "ID",
                description = "The workspace, when the token is an Enterprise Grid organisation's.")
        String team;

        @Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://slack.com",
                description = "Slack's Web API. Default: ${DEFAULT-VALUE}.")
        URI apiUrl;

        @Override
        LogApi api() throws IOException {
            String token = Secrets.read(tokenFile, "--token-file", "SLACK_TOKEN", "token");
            return new SlackAccessLogs(apiUrl, token, team);
        }
    }

    @Command(name = "defender",
            mixinStandardHelpOptions = true,
            description = {"Collects Microsoft Defender for Endpoint's advanced hunting tables through Microsoft Graph "
                    + "(runHuntingQuery), for a tenant whose Defender streams to no Event Hub or storage account: the "
                    + "rows the detectors read — process starts, connections to the Internet, plugged-in devices and "
                    + "DNS look-ups and USB drives, the registry's time zone, logons, files written off the system "
                    + "drive — one query a table and --window (a full answer, "
                    + "100,000 rows, is cut in two and asked again), within the 30 days advanced hunting keeps. Each "
                    + "run goes back at least an hour over the last, as Defender's tables fill late. Needs an app "
                    + "registration with Graph's ThreatHunting.Read.All application permission, admin-consented.", ""},
            footer = {"", "Examples:",
                "  ENTRA_CLIENT_SECRET=… unravel collect defender --tenant acme.onmicrosoft.com --client-id 1f3c… "
                    + "--out /srv/logs",
                "  unravel collect defender --tenant 72f9… --client-id 1f3c… --secret-file /etc/unravel/entra-secret "
                    + "--table DeviceProcessEvents --table DeviceEvents --window 15m --out /srv/logs"})
    static final class Defender extends ApiSource {
        @Mixin
        EntraApp app = new EntraApp();

        @Option(names = "--table", paramLabel = "TABLE",
                description = "DeviceProcessEvents, DeviceNetworkEvents, DeviceEvents, DeviceRegistryEvents, "
                        + "DeviceLogonEvents, DeviceFileEvents or DeviceInfo; repeatable. Default: all seven.")
        java.util.List<String> tables = java.util.Arrays.stream(DefenderHuntingLog.Table.values())
                .map(DefenderHuntingLog.Table::tableName).toList();

        @Option(names = "--window", paramLabel = "DURATION", defaultValue = "1h",
                description = "How much time one query asks for (a minute to a day). Default: ${DEFAULT-VALUE}.")
        String window;

        @Option(names = "--graph-url", paramLabel = "URL", defaultValue = "https://graph.microsoft.com",
                description = "Microsoft Graph's address (a national cloud's elsewhere). Default: ${DEFAULT-VALUE}.")
        URI graphUrl;

        @Override
        LogApi api() throws IOException {
            java.util.List<DefenderHuntingLog.Table> which = tables.stream().map(DefenderHuntingLog.Table::named)
                    .distinct().toList();
            Duration span = Durations.parse("--window", window);
            DefenderHuntingLog.check(app.tenant, app.clientId, which, span); // the options' mistakes before the secret's
            return new DefenderHuntingLog(graphUrl, app.loginUrl, app.tenant, app.clientId, app.secret(), which, span);
        }
    }

    @Command(name = "crowdstrike",
            mixinStandardHelpOptions = true,
            description = {"Collects CrowdStrike Falcon's telemetry through the Falcon Data Replicator (FDR): takes "
                    + "the batches its SQS queue announces, fetches each file from CrowdStrike's S3 bucket (gzipped "
                    + "JSON lines, kept as they are, checked against the notice's size and MD5), puts it in "
                    + "OUT/crowdstrike/<day of its first event>/, and only then deletes the notice. A run that stops "
                    + "leaves its notices in the queue, which gives them again after --visibility-timeout; files "
                    + "already in place are not fetched twice. The aidmaster inventory, which names each sensor's "
                    + "computer, comes the same way. Needs the FDR feed's key pair and queue address, which the Falcon "
                    + "console gives when the feed is created (its Falcon Data Replicator page, "
                    + "falcon.<cloud>.crowdstrike.com/fdr; API clients and keys in older consoles); FDR keeps a batch "
                    + "7 days, so collect at least daily.", ""},
            footer = {"", "Examples:",
                "  FALCON_FDR_SECRET=… unravel collect crowdstrike --queue-url "
                    + "https://sqs.us-west-1.amazonaws.com/292230061137/cs-prod-cannon-0f1e2d3c --key-id AKIA… "
                    + "--out /srv/logs",
                "  unravel collect crowdstrike --queue-url https://sqs.us-west-1.amazonaws.com/292230061137/cs-prod-… "
                    + "--key-id AKIA… --secret-file /etc/unravel/fdr-secret --max-batches 200 --out /srv/logs"})
    static final class CrowdStrike extends Source {
        @Option(names = "--queue-url", paramLabel = "URL", required = true,
                description = "The FDR feed's SQS queue, https://sqs.REGION.amazonaws.com/ACCOUNT/cs-prod-cannon-….")
        URI queueUrl;

        @Option(names = "--key-id", paramLabel = "ID", required = true,
                description = "The feed's AWS access key id (the console's \"Client ID\").")
        String keyId;

        @Option(names = "--secret-file", paramLabel = "FILE",
                description = "A file holding the feed's secret access key (else the environment variable "
                        + "FALCON_FDR_SECRET).")
        Path secretFile;

        @Option(names = "--region", paramLabel = "REGION",
                description = "The AWS region of the queue and the bucket (default: the one the queue's address "
                        + "names, such as us-west-1).")
        String region;

        @Option(names = "--max-batches", paramLabel = "N", defaultValue = "1000",
                description = "The most batches one run takes; the rest wait for the next run. Default: ${DEFAULT-VALUE}.")
        int maxBatches;

        @Option(names = "--visibility-timeout", paramLabel = "DURATION", defaultValue = "30m",
                description = "How long the queue keeps a batch from others while a run works on it; a run that "
                        + "stops finds it again after that. Default: ${DEFAULT-VALUE}.")
        String visibilityTimeout;

        @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "5s",
                description = "How long an empty queue is waited on (up to 20s) before the run ends. "
                        + "Default: ${DEFAULT-VALUE}.")
        String longPoll;

        @Option(names = "--s3-url", paramLabel = "URL",
                description = "Where S3 is reached, path-style (an S3 VPC endpoint); default: AWS's own, "
                        + "https://BUCKET.s3.REGION.amazonaws.com.")
        URI s3Url;

        private FalconDataReplicator replicator() throws IOException {
            String in = region != null ? region.strip() : FalconDataReplicator.regionOf(queueUrl);
            if (in == null) {
                throw new IllegalArgumentException("--queue-url " + queueUrl + " names no AWS region (as "
                        + "sqs.us-west-1.amazonaws.com does): give --region");
            }
            AwsSigV4 signer = new AwsSigV4(keyId, "unchecked", in); // the options' mistakes before the secret's
            new FalconDataReplicator(queueUrl, signer, s3Url);
            String secret = Secrets.read(secretFile, "--secret-file", "FALCON_FDR_SECRET", "secret access key");
            return new FalconDataReplicator(queueUrl, new AwsSigV4(keyId, secret, in), s3Url);
        }

        private FalconDataReplicator.Options options() {
            return new FalconDataReplicator.Options(maxBatches,
                    Durations.parse("--visibility-timeout", visibilityTimeout), Durations.parse("--wait", longPoll));
        }

        @Override
        Described described() throws IOException {
            options();
            FalconDataReplicator fdr = replicator();
            return new Described(fdr.id(), fdr.stateName(), fdr.describe());
        }

        @Override
        Outcome run(java.util.function.Consumer<String> notes) throws IOException {
            FalconDataReplicator.Options options = options();
            FalconDataReplicator fdr = replicator();
            FalconDataReplicator.Result r;
            List<Path> placed = new java.util.ArrayList<>();
            try {
                r = fdr.run(Http.standard(Durations.parse("--max-wait", common.maxWait), notes), common.out, options,
                        notes, placed::add);
            } catch (dev.unravel.collect.CollectException e) {
                IOException said = withoutSource(fdr.id(), e);
                if (placed.isEmpty()) {
                    throw said;
                }
                throw new Stopped(said.getMessage() + " (" + placed.size() + " file" + (placed.size() == 1 ? "" : "s")
                        + " of this run already in place, kept)", e, placed);
            }
            List<String> lines = new java.util.ArrayList<>();
            if (r.files() == 0) {
                lines.add(String.format(Locale.ROOT, "%s: nothing new on the queue (%,d batch%s taken%s)", fdr.id(),
                        r.batches(), r.batches() == 1 ? "" : "es",
                        r.already() > 0 ? ", " + r.already() + " files already in place" : ""));
            } else {
                lines.add(String.format(Locale.ROOT, "%s: %,d records in %,d file%s (%,d batch%s, %,.1f MB) from %s to "
                        + "%s -> %s", fdr.id(), r.records(), r.files(), r.files() == 1 ? "" : "s", r.batches(),
                        r.batches() == 1 ? "" : "es", r.bytes() / 1e6, r.first(), r.last(),
                        common.out.resolve(fdr.id())));
                lines.add("  " + fdr.describe() + (r.already() > 0 ? "; " + r.already() + " files already in place, "
                        + "not fetched again" : ""));
            }
            r.problems().forEach(p -> lines.add("  " + p));
            if (r.more()) {
                lines.add("  stopped at --max-batches " + maxBatches + ": more batches may be waiting; the next run "
                        + "goes on");
            }
            return new Outcome(lines, r.records(), r.written());
        }
    }
}
