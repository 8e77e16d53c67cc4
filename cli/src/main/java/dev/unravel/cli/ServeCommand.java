package dev.unravel.cli;

import dev.unravel.engine.ScanConfigFile;
import dev.unravel.server.CaseNotice;
import dev.unravel.server.Console;
import dev.unravel.server.SilentSources;
import dev.unravel.server.Spool;
import dev.unravel.server.Tls;
import dev.unravel.server.TrustedProxies;
import dev.unravel.store.Store;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unravel serve}: the analysts' console over the store. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the analysts' console over the store: sign in, list the cases, open one (its findings stage by "
                + "stage, its score in each scan, its history), change its status, assignee or disposition and add "
                + "notes, print its brief for HR and legal, and open each saved scan's report; a read-only JSON API "
                + "for the signed-in session (/api/cases, /api/cases/ID, /api/scans). Analysts sign in with the "
                + "names and passwords 'unravel analysts add' gives. With --spool it also takes logs: log shippers and "
                + "vendors' event hooks POST them to /api/ingest/SOURCE with an ingest token (or speak Splunk's HTTP "
                + "Event Collector protocol at /services/collector), GitHub's webhooks post to /hooks/github signed with "
                + "their secret (--scope github-webhook), and with --scan-every the console scans what "
                + "came, saves the scan and opens cases on its own. Runs until stopped (Ctrl-C).",
            ""},
        footer = {"", "Examples:", "  unravel analysts add dana && unravel serve",
            "  unravel serve --store demo-out-store --port 8080",
            "  unravel serve --store jdbc:postgresql://db.example.com/unravel?user=unravel --bind 0.0.0.0",
            "  unravel serve --spool /var/lib/unravel/spool --scan-every 1h --scan-also /srv/exports/hr "
                + "--config unravel.yaml --keep-days 90 --keep-scans 48",
            "  unravel serve --spool /var/lib/unravel/spool --scan-every 1h --collect \"okta --url https://acme.okta.com "
                + "--token-file /etc/unravel/okta-token\"",
            "  UNRAVEL_TLS_PASSWORD=… unravel serve --tls-keystore unravel.p12 --bind 0.0.0.0 --port 8443",
            "", "Bound to 127.0.0.1 unless --bind says otherwise; serve HTTPS (--tls-keystore) or put a TLS reverse "
                + "proxy in front of it before binding it to a network."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "The address to listen on. Default: "
            + "${DEFAULT-VALUE} (this machine only).")
    String bind = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "Default: ${DEFAULT-VALUE}; 0 picks a free one.")
    int port = 7300;

    @Option(names = "--tls-keystore", paramLabel = "FILE.p12", description = "Serve HTTPS only, with the key and "
            + "certificate chain in this PKCS#12 keystore (openssl pkcs12 -export -in cert.pem -inkey key.pem -out "
            + "unravel.p12). Its password comes from --tls-password-file or $UNRAVEL_TLS_PASSWORD. A keystore "
            + "replaced in place is taken up without a restart once it opens and holds a key.")
    Path tlsKeystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "A file holding the keystore's "
            + "password.")
    Path tlsPasswordFile;

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS[/BITS]", description = "A reverse proxy in front of "
            + "the console (an address or CIDR range, IPv4 or IPv6; repeatable). Requests from it are taken to come "
            + "from the client its Forwarded or X-Forwarded-For header names, read from the right, and over the "
            + "scheme its X-Forwarded-Proto names, so that the access log, the sign-in throttle and the batches "
            + "received see the analysts' and senders' own addresses, and the session cookie keeps its Secure "
            + "flag behind a proxy that ends TLS. Those headers from any other address are ignored.")
    List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--spool", paramLabel = "DIR", description = "Take logs sent to /api/ingest/SOURCE (with an "
            + "ingest token: 'unravel analysts token NAME --scope ingest') and keep them in this folder, one folder per "
            + "source and day, which 'unravel scan DIR' reads; also GitHub's webhook deliveries to /hooks/github, signed "
            + "with a secret from 'unravel analysts token NAME --scope github-webhook'.")
    Path spool;

    @Option(names = "--max-batch", paramLabel = "MIB", description = "The largest batch taken, in MiB after "
            + "decompression. Default: ${DEFAULT-VALUE}.")
    int maxBatchMib = 64;

    @Option(names = "--scan-every", paramLabel = "DURATION", description = "Scan the spool this often (15m, 1h, 1d) "
            + "and save each scan to the store, opening cases as 'unravel scan' does; passed over when no logs came. "
            + "Needs --spool.")
    String scanEvery;

    @Option(names = "--scan-days", paramLabel = "N", description = "The days of the spool a scheduled scan reads, "
            + "today included (by the day of each batch's first event); 0 reads all. Default: ${DEFAULT-VALUE}.")
    int scanDays = 30;

    @Option(names = "--keep-days", paramLabel = "N", description = "Delete the spool's logs older than N days (by "
            + "the day of their events; checked at start and every 6 hours), keeping the record of each batch; 0 keeps "
            + "everything. Default: ${DEFAULT-VALUE}.")
    int keepDays = 0;

    @Option(names = "--keep-batch-records", paramLabel = "N", description = "Delete the record of each batch (as "
            + "'unravel ingest batches' lists it) N days after --keep-days deleted its file, and the access log's "
            + "entries of batches taken once they are --keep-days + N days old; the sources' totals and refused "
            + "batches stay. A shipper that sends every second makes 86,400 of each a day. 0 keeps them all. "
            + "Default: ${DEFAULT-VALUE}.")
    int keepBatchRecords = 0;

    @Option(names = "--keep-scans", paramLabel = "N", description = "After each scheduled scan, keep the last N scans "
            + "whole and prune the older ones' reports and the scores of people with no case (as 'unravel cases "
            + "prune'); 0 keeps everything. Default: ${DEFAULT-VALUE}.")
    int keepScans = 0;

    @Option(names = "--silent-after", paramLabel = "[SOURCE=]DURATION", description = "Tell the webhook of "
            + "--config's cases.notify when a source has sent nothing for this long (12h, 1d), and again when it "
            + "sends again; checked every 15 minutes. SOURCE=DURATION gives one source a threshold of its own "
            + "(okta=2h, github-enterprise-audit=3d); repeatable. Without a plain DURATION only the named sources "
            + "are watched.")
    List<String> silentAfter = new ArrayList<>();

    @Option(names = "--collect", paramLabel = "'SOURCE OPTIONS'", description = "Pull a source's log from its API "
            + "into the spool, now and every --collect-every, as 'unravel collect SOURCE OPTIONS --out SPOOL' would "
            + "(\"okta --url https://acme.okta.com --token-file /etc/unravel/okta-token\"; quote values with spaces); "
            + "scheduled scans read what it brings. Each run's file is a batch of its source, and each run, with "
            + "why it failed when it did, is on the Sources page and watched by --silent-after. Its credential is "
            + "read at start. Repeatable. Needs --spool.")
    List<String> collect = new ArrayList<>();

    @Option(names = "--collect-every", paramLabel = "DURATION", defaultValue = "15m",
            description = "How often --collect runs. Default: ${DEFAULT-VALUE}.")
    String collectEvery;

    @Option(names = "--scan-also", paramLabel = "PATH", description = "Files or folders every scheduled scan reads "
            + "besides the spool (HR and asset exports); repeatable.")
    List<Path> scanAlso = new ArrayList<>();

    @Option(names = "--mapping", paramLabel = "FILE", description = "Column-mapping file for an HRIS export "
            + "(docs/formats/hr-csv.md), as 'unravel scan --mapping' takes it: scheduled scans read the exports of "
            + "--scan-also with it, and the console's record pages read those records again with it; repeatable.")
    List<Path> mappings = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "The scan configuration of scheduled scans "
            + "(intel, extra rules, detector settings, cases.open_at, cases.notify), as for 'unravel scan'.")
    Path config;

    /** {@code --silent-after}'s values: at most one plain DURATION, and SOURCE=DURATION pairs. */
    static SilentSources silence(List<String> given) {
        java.time.Duration every = null;
        java.util.Map<String, java.time.Duration> bySource = new java.util.LinkedHashMap<>();
        for (String g : given) {
            int eq = g.indexOf('=');
            if (eq < 0) {
                if (every != null) {
                    throw new IllegalArgumentException("--silent-after: one threshold for every source at most (got "
                            + String.join(", ", given) + "); name the others SOURCE=DURATION");
                }
                every = SpoolScans.duration("--silent-after", g);
            } else {
                String source = g.substring(0, eq).strip();
                if (!source.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
                    throw new IllegalArgumentException("--silent-after " + g + ": '" + source + "' is not a source "
                            + "name (lower-case letters, digits, '-' and '_', as 'unravel ingest batches' lists them)");
                }
                if (bySource.put(source, SpoolScans.duration("--silent-after " + source, g.substring(eq + 1)
                        .strip())) != null) {
                    throw new IllegalArgumentException("--silent-after: " + source + " is given twice");
                }
            }
        }
        return new SilentSources(every, bySource);
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0 to 65535");
        }
        if (maxBatchMib < 1 || maxBatchMib > 4096) {
            throw new IllegalArgumentException("--max-batch must be 1 to 4096 (MiB)");
        }
        if (spool == null && (scanEvery != null || !scanAlso.isEmpty() || config != null || keepDays != 0
                || maxBatchMib != 64)) {
            throw new IllegalArgumentException("--scan-every, --scan-also, --config, --keep-days and --max-batch are "
                    + "about the logs received: they need --spool");
        }
        if (config != null && !Files.isRegularFile(config)) {
            throw new IllegalArgumentException(config + ": no such file");
        }
        if (!collect.isEmpty() && spool == null) {
            throw new IllegalArgumentException("--collect brings logs into the spool: it needs --spool");
        }
        List<CollectCommand.Planned> collecting = new ArrayList<>();
        for (String c : collect) {
            collecting.add(CollectCommand.checked(c));
        }
        java.time.Duration collectPeriod = dev.unravel.core.Durations.parse("--collect-every", collectEvery);
        if (!silentAfter.isEmpty() && spool == null) {
            throw new IllegalArgumentException("--silent-after watches the sources sending logs: it needs --spool");
        }
        SilentSources silence = silentAfter.isEmpty() ? null : silence(silentAfter);
        ScanConfigFile.Cases told = ScanConfigFile.cases(config);
        if (silence != null && told.webhook() == null) {
            throw new IllegalArgumentException("--silent-after tells a webhook: give --config with cases.notify");
        }
        java.net.URI silenceHook = silence == null ? null : CaseNotice.webhook(told.webhook());
        if (keepScans < 0) {
            throw new IllegalArgumentException("--keep-scans must be 0 (keep everything) or more");
        }
        if (keepScans > 0 && scanEvery == null) {
            throw new IllegalArgumentException("--keep-scans prunes after each scheduled scan: it needs --scan-every "
                    + "(or run 'unravel cases prune --keep-scans N' yourself)");
        }
        if (keepDays < 0) {
            throw new IllegalArgumentException("--keep-days must be 0 (keep everything) or more");
        }
        if (keepBatchRecords < 0) {
            throw new IllegalArgumentException("--keep-batch-records must be 0 (keep them all) or more");
        }
        if (keepBatchRecords > 0 && keepDays == 0) {
            throw new IllegalArgumentException("--keep-batch-records prunes the records of batches whose files "
                    + "--keep-days deleted: give --keep-days too");
        }
        if (keepDays > 0 && scanEvery != null && (scanDays == 0 || scanDays > keepDays)) {
            throw new IllegalArgumentException("--scan-days (" + (scanDays == 0 ? "all" : scanDays) + ") reaches past "
                    + "--keep-days (" + keepDays + "): the scans would miss days already deleted; make --scan-days at "
                    + "most " + keepDays);
        }
        java.time.Duration every = scanEvery == null ? null : SpoolScans.every(scanEvery);
        // a missing or bad mapping file is told now, by name, as 'scan --mapping' tells it
        dev.unravel.ingest.format.records.Mappings mapped = IngestCommand.mappings(mappings);
        if (tlsPasswordFile != null && tlsKeystore == null) {
            throw new IllegalArgumentException("--tls-password-file is the password of --tls-keystore: give both");
        }
        Tls tls = tlsKeystore == null ? null : Tls.of(tlsKeystore, tlsPasswordFile != null
                ? Files.readString(tlsPasswordFile).strip() : System.getenv("UNRAVEL_TLS_PASSWORD"));
        TrustedProxies proxies = TrustedProxies.of(trustedProxies);
        PrintWriter out = spec.commandLine().getOut();
        Store s = Store.open(store.location);
        if (s.analysts().isEmpty()) {
            s.close();
            throw new IllegalArgumentException("no analyst can sign in yet: add one first with 'unravel analysts add "
                    + "NAME --store " + store.location + "'");
        }
        Spool taking;
        SpoolScans scans;
        try {
            taking = spool == null ? null : new Spool(spool, maxBatchMib * 1024L * 1024L, s, Clock.systemUTC());
            scans = every == null ? null : new SpoolScans(s, taking.folder(), scanAlso, scanDays, config,
                    Clock.systemUTC()).keepScans(keepScans).mappings(mappings);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        ConsoleJobs jobs = new ConsoleJobs(out);
        Javalin app = Console.create(s, Main.version(), new Console.Setup(taking, scans == null ? null
                : jobs.scanNow(scans), tls == null ? null : tls.telling(jobs::say), proxies.telling(jobs::say),
                silence).readers(mapped.readers()).notices(told.webhook() == null ? null : new CaseNotice.Hook(
                CaseNotice.webhook(told.webhook()), told.consoleUrl(), jobs::say)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            jobs.close();
            s.close();
            stopped.countDown();
        }, "unravel-serve-stop"));
        try {
            app.start(bind, port);
        } catch (RuntimeException e) {
            s.close();
            throw new IllegalArgumentException("cannot listen on " + bind + ":" + port + ": " + rootMessage(e));
        }
        String address = (tls == null ? "http://" : "https://") + (bind.contains(":") ? "[" + bind + "]" : bind) + ":"
                + app.port();
        out.printf("Console for the store at %s: %s/ (Ctrl-C stops it)%n", s.description(), address);
        if (!trustedProxies.isEmpty()) {
            out.println("Taking the client's address from the forwarding headers of " + String.join(", ",
                    trustedProxies) + ".");
        }
        if (taking != null) {
            out.printf("Taking logs at %s/api/ingest/SOURCE, %s/services/collector and GitHub's webhooks at "
                    + "%s/hooks/github into %s (at most %d MiB a batch)%n", address, address, address, taking.folder(),
                    maxBatchMib);
        }
        if (taking != null && keepDays > 0) {
            out.println("Keeping " + keepDays + (keepDays == 1 ? " day" : " days") + " of logs in the spool"
                    + (keepBatchRecords == 0 ? "." : ", and the record of a batch " + keepBatchRecords
                            + (keepBatchRecords == 1 ? " day" : " days") + " more."));
            jobs.keepDays(taking, s, keepDays, keepBatchRecords);
        }
        if (silence != null) {
            out.println("Telling " + CaseNotice.webhookShown(silenceHook) + " of sources silent for more than "
                    + String.join(", ", silentAfter) + ".");
            jobs.watchSilence(s, silence, silenceHook, told.consoleUrl());
        }
        if (!collecting.isEmpty()) {
            out.println("Collecting " + collecting.stream().map(CollectCommand.Planned::what).collect(java.util.stream
                    .Collectors.joining(", ")) + " into the spool now and every " + collectEvery + ".");
            jobs.collectEvery(collecting, taking, s, collectPeriod, scans == null ? () -> { } : scans::collected);
        }
        if (scans != null) {
            out.println("Scanning what came every " + scanEvery + ", the first time in " + scanEvery + ".");
            jobs.scanEvery(scans, every);
        }
        out.flush();
        stopped.await();
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
