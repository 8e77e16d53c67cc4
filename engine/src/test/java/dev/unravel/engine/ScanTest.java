package dev.unravel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.roster.Pii;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a small simulated company, with detectors written for the test. */
class ScanTest {

    @TempDir
    static Path dir;
    static Path sim;
    static JsonNode truth;

    @BeforeAll
    static void simulate() throws IOException {
        sim = dir.resolve("sim");
        new Simulator(new SimConfig(80, 4, 7, 5, SimConfig.DEFAULT_START, sim, true), Simulator.Progress.NONE).run();
        truth = ReportJson.mapper().readTree(sim.resolve("truth.json").toFile());
    }

    static Scan.Options options(List<Detector> detectors) {
        return Scan.Options.of(List.of(sim)).withDetectors(detectors).withQuarantine(dir.resolve("q.ndjson"))
                .withReorderWindow(10_000);
    }

    /** Flags every sign-in from the facilitators' VPN exits by IP alone: resolution must find the worker. */
    static final class VpnExitIps implements Detector {
        final Set<String> ips;
        final List<Long> outOfOrder = new ArrayList<>();
        long lastSeen = Long.MIN_VALUE;

        VpnExitIps(Set<String> ips) {
            this.ips = ips;
        }

        @Override
        public String id() {
            return "signin.vpn-exit";
        }

        @Override
        public String description() {
            return "sign-ins from known VPN exits";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("user.session.start", "signin", "user.authentication.sso");
        }

        @Override
        public void onEvent(Event e, DetectorContext ctx) {
            long t = e.time().toEpochMilli();
            if (t < lastSeen) {
                outOfOrder.add(t);
            }
            lastSeen = Math.max(lastSeen, t);
            if (e.sourceIp() != null && ips.contains(e.sourceIp())) {
                ctx.signal(id(), new EntityRef(EntityRef.Kind.IP, e.sourceIp())).stage(Stage.ACCESS).strength(0.5)
                        .evidence(e).because("Signed in from a commercial VPN exit.").emit();
            }
        }
    }

    /** Flags the hire record of every worker whose phone is shared: APPLY-stage signals from records. */
    static class HireRecords implements Detector {
        @Override
        public String id() {
            return "records.hire";
        }

        @Override
        public String description() {
            return "every hire of the fraud ids";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("hr.hire");
        }

        @Override
        public void onEvent(Event e, DetectorContext ctx) {
            for (JsonNode f : truth.path("fraudulent_workers")) {
                if (f.path("employee_id").asText().equals(e.user())) {
                    ctx.signal(id(), EntityRef.worker(e.user())).stage(Stage.APPLY).strength(0.5).evidence(e)
                            .because("Test: hired.").emit();
                }
            }
        }
    }

    @Test
    void scansTheSimulatedCompanyEndToEnd() throws IOException {
        Set<String> exits = new java.util.HashSet<>();
        for (JsonNode f : truth.path("facilitators")) {
            exits.add(f.path("vpn_exit_ip").asText());
        }
        VpnExitIps vpn = new VpnExitIps(exits);
        Report r = Scan.run(options(List.of(vpn, new HireRecords())), Scan.Progress.NONE);

        assertThat(r.schema()).isEqualTo(Report.SCHEMA);
        assertThat(r.workersScanned()).isGreaterThanOrEqualTo(80);
        assertThat(r.ingest().quarantined()).isZero();
        assertThat(r.ingest().events()).isGreaterThan(10_000);
        assertThat(r.resolution().eventsResolved()).isGreaterThan(r.resolution().eventsUnresolved());
        assertThat(r.resolution().aliasesLearned()).as("GitHub logins tied through SAML").isPositive();
        assertThat(vpn.outOfOrder).as("sign-ins delivered in time order").isEmpty();

        // the stolen-identity persona signs in through the VPN exit: IP-only signals resolved to it
        String farmWorker = null;
        for (JsonNode f : truth.path("fraudulent_workers")) {
            if (f.path("persona").asText().equals("stolen_identity_farm")) {
                farmWorker = f.path("employee_id").asText();
            }
        }
        String expected = farmWorker;
        Report.WorkerEntry top = r.workers().get(0);
        assertThat(r.workers()).anySatisfy(w -> {
            assertThat(w.workerId()).isEqualTo(expected);
            assertThat(w.stages()).containsExactly("apply", "access");
            assertThat(w.level()).isIn("high", "critical");
            assertThat(w.firstFlaggedAt()).isNotNull();
            assertThat(w.activity().byHourUtc()).hasSize(24);
            assertThat(w.signals()).allSatisfy(s -> assertThat(s.evidence()).isNotEmpty());
        });
        assertThat(top.rank()).isEqualTo(1);
        assertThat(top.score()).isGreaterThanOrEqualTo(r.workers().get(r.workers().size() - 1).score());

        // the laptop farm: the facilitator's workers form a cluster over the ship-to address
        JsonNode f1 = truth.path("facilitators").get(0);
        List<String> f1Workers = new ArrayList<>();
        f1.path("workers").forEach(n -> f1Workers.add(n.asText()));
        assertThat(r.clusters()).anySatisfy(c -> {
            assertThat(c.workers()).containsAll(f1Workers);
            assertThat(c.ties()).anySatisfy(t -> assertThat(t.kind()).isEqualTo("ship_to"));
        });

        // every file the findings cite is fingerprinted as the report is written
        Set<String> cited = new java.util.TreeSet<>();
        r.workers().forEach(w -> w.signals().forEach(s -> s.evidence().forEach(ref -> cited.add(
                dev.unravel.ingest.RecordLookup.containerOf(ref)))));
        r.applicants().forEach(a -> a.signals().forEach(s -> s.evidence().forEach(ref -> cited.add(
                dev.unravel.ingest.RecordLookup.containerOf(ref)))));
        assertThat(r.evidenceFiles()).extracting(Report.EvidenceFile::path).containsExactlyElementsOf(cited);
        Report.EvidenceFile first = r.evidenceFiles().get(0);
        assertThat(first.sha256()).isEqualTo(dev.unravel.ingest.RecordLookup.sha256(Path.of(first.path())));
        assertThat(first.bytes()).isEqualTo(Files.size(Path.of(first.path())));

        // the report survives a JSON round trip
        Path file = dir.resolve("report.json");
        ReportJson.write(r, file);
        Report back = ReportJson.read(file);
        assertThat(back.workers()).hasSameSizeAs(r.workers());
        assertThat(back.evidenceFiles()).isEqualTo(r.evidenceFiles());
        assertThat(dev.unravel.engine.report.EvidenceFiles.of(Files.readString(file))).hasSameSizeAs(cited);
        assertThat(back.workers().get(0).workerId()).isEqualTo(top.workerId());
        assertThat(Files.readString(file)).contains("\"workers_scanned\"").contains("\"first_flagged_at\"");
    }

    @Test
    void badFilesAreReportedAndTheRestIsStillScanned() throws IOException {
        Path extra = dir.resolve("extra");
        Files.createDirectories(extra);
        Files.writeString(extra.resolve("okta-broken.ndjson"), """
                {"uuid":"1","published":"2026-03-02T10:00:00Z","eventType":"user.session.start","actor":{"alternateId":"a@b.c"},"client":{"ipAddress":"1.2.3.4"}}
                {"uuid":"2","published":"not a time","eventType":"user.session.start","actor":{"alternateId":"a@b.c"}}
                """);
        Files.write(extra.resolve("garbage.bin"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 0, 7});
        Scan.Options o = Scan.Options.of(List.of(sim, extra)).withDetectors(List.of(new HireRecords()))
                .withQuarantine(dir.resolve("q2.ndjson"));
        Report r = Scan.run(o, Scan.Progress.NONE);
        assertThat(r.ingest().quarantined()).isGreaterThanOrEqualTo(1);
        assertThat(r.ingest().problems()).anySatisfy(p -> assertThat(p.file()).contains("okta-broken.ndjson"));
        assertThat(r.ingest().problems()).anySatisfy(p -> assertThat(p.file()).contains("garbage.bin"));
        assertThat(Files.readString(dir.resolve("q2.ndjson"))).contains("okta-broken.ndjson");
        assertThat(r.workers()).hasSize(truth.path("fraudulent_workers").size());

        // the simulator's git repositories are passed over on purpose: listed after the real
        // problems, and the summary tells the two apart
        assertThat(r.ingest().problems().get(0).format()).isNotEqualTo("skipped");
        assertThat(r.ingest().problems()).anySatisfy(p -> assertThat(p.format()).isEqualTo("skipped"));
        java.io.StringWriter text = new java.io.StringWriter();
        dev.unravel.engine.report.Summary.print(r, new java.io.PrintWriter(text), 5);
        long wrong = r.ingest().problems().stream().filter(p -> !p.format().equals("skipped")).count();
        assertThat(text.toString()).contains(wrong + " files had problems")
                .contains(r.ingest().byFormat().get("skipped").files() + " passed over on purpose");
    }

    @Test
    void aFailingDetectorIsCountedAndTheOthersCarryOn() throws IOException {
        Detector broken = new HireRecords() {
            @Override
            public String id() {
                return "test.broken";
            }

            @Override
            public void onEvent(Event e, DetectorContext ctx) {
                throw new IllegalStateException("bug");
            }
        };
        Report r = Scan.run(options(List.of(broken, new HireRecords())), Scan.Progress.NONE);
        assertThat(r.detectors()).anySatisfy(d -> {
            assertThat(d.id()).isEqualTo("test.broken");
            assertThat(d.failures()).isPositive();
            assertThat(d.firstFailure()).contains("bug");
        });
        assertThat(r.workers()).isNotEmpty();
        assertThat(Pii.ephemeral().ephemeralKey()).isTrue();
    }

    /** Flags every sign-in: by account, and the one address it knows as a VPN exit more strongly. */
    static final class EverySignIn implements Detector {
        @Override
        public String id() {
            return "test.every-sign-in";
        }

        @Override
        public String description() {
            return "every sign-in";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("user.session.start");
        }

        @Override
        public void onEvent(Event e, DetectorContext ctx) {
            ctx.signal(id(), new EntityRef(EntityRef.Kind.ACCOUNT, e.user())).stage(Stage.ACCESS).strength(0.3)
                    .evidence(e).because("Signed in.").emit();
            if ("203.0.113.9".equals(e.sourceIp())) {
                ctx.signal(id(), new EntityRef(EntityRef.Kind.IP, e.sourceIp())).stage(Stage.ACCESS).strength(0.9)
                        .evidence(e).because("Signed in from a VPN exit.").emit();
            }
        }
    }

    @Test
    void signalsNoRecordTiesToAnyone_areListedStrongestFirst_andTheSummarySaysSo() throws IOException {
        Path logs = dir.resolve("logs-only");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("okta-2026-03-02.ndjson"), """
                {"uuid":"1","published":"2026-03-02T10:00:00Z","eventType":"user.session.start","actor":{"alternateId":"nobody@example.com"},"client":{"ipAddress":"198.51.100.4"}}
                {"uuid":"2","published":"2026-03-02T11:00:00Z","eventType":"user.session.start","actor":{"alternateId":"nobody@example.com"},"client":{"ipAddress":"203.0.113.9"}}
                {"uuid":"3","published":"2026-03-02T12:00:00Z","eventType":"user.session.start","actor":{"alternateId":"ghost@example.com"},"client":{"ipAddress":"198.51.100.4"}}
                """);
        Scan.Options o = Scan.Options.of(List.of(logs)).withDetectors(List.of(new EverySignIn()))
                .withQuarantine(dir.resolve("q3.ndjson"));
        Report r = Scan.run(o, Scan.Progress.NONE);

        assertThat(r.workers()).isEmpty();
        assertThat(r.resolution().signalsUnresolved()).isEqualTo(4);
        assertThat(r.unresolved()).extracting(Report.UnresolvedEntry::subject).containsExactly(
                "ip:203.0.113.9", "account:nobody@example.com", "account:ghost@example.com");
        Report.UnresolvedEntry nobody = r.unresolved().get(1);
        assertThat(nobody.signalsTotal()).isEqualTo(2);
        assertThat(nobody.strongest()).isEqualTo(0.3);
        assertThat(nobody.detectors()).containsExactly("test.every-sign-in");
        assertThat(nobody.first()).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(nobody.last()).isEqualTo("2026-03-02T11:00:00Z");
        assertThat(nobody.signals()).hasSize(2).allSatisfy(x -> assertThat(x.evidence()).isNotEmpty());

        java.io.StringWriter text = new java.io.StringWriter();
        dev.unravel.engine.report.Summary.print(r, new java.io.PrintWriter(text), 5);
        assertThat(text.toString()).contains("No worker reached level medium.")
                .contains("4 signals tied to no one, about 2 accounts and 1 IP address that no HR, asset or identity record "
                        + "given names.")
                .contains("listed in the report under \"unresolved\"")
                .containsPattern("ip:203\\.0\\.113\\.9\\s+1 signal, strongest 0\\.90: Signed in from a VPN exit\\.");

        // the JSON report carries the list, and reads back
        Path json = dir.resolve("logs-only-report.json");
        ReportJson.write(r, json);
        assertThat(ReportJson.read(json).unresolved()).hasSize(3);
        assertThat(Files.readString(json)).contains("\"unresolved\"").contains("\"signals_total\"");
    }

    /** Flags every Zeek connection by its client address alone, as a network sensor's detector must. */
    static final class EveryConnection implements Detector {
        @Override
        public String id() {
            return "test.every-connection";
        }

        @Override
        public String description() {
            return "every connection";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("conn");
        }

        @Override
        public void onEvent(Event e, DetectorContext ctx) {
            ctx.signal(id(), new EntityRef(EntityRef.Kind.IP, e.sourceIp())).stage(Stage.STEAL).strength(0.4)
                    .evidence(e).because("The computer at " + e.sourceIp() + " sent a lot.").emit();
        }
    }

    @Test
    void anAddressIsTiedToTheWorkerWhoseLaptopHeldIt_whenOsquerySaysWhichOneDid() throws IOException {
        Path logs = dir.resolve("address-holders");
        Files.createDirectories(logs.resolve("hr"));
        Files.createDirectories(logs.resolve("assets"));
        Files.createDirectories(logs.resolve("osquery"));
        Files.createDirectories(logs.resolve("zeek"));
        Files.writeString(logs.resolve("hr/employees.csv"), Records.EMPLOYEES_HEADER
                + Records.employee("E1", "Ada", "Lovelace", "+15125550101", "1 Main St", "", "78701")
                + Records.employee("E2", "Alan", "Turing", "+15125550102", "2 Oak Ave", "", "78702"));
        Files.writeString(logs.resolve("assets/assets.csv"), """
                asset_tag,serial_number,model,os,hostname,assigned_employee_id,assigned_at,status
                NWL-1,SER111,MacBook Pro,macOS,NWL-MBP-1,E1,2026-01-02,assigned
                NWL-2,SER222,ThinkPad T14,Windows,NWL-LT-2,E2,2026-01-02,assigned
                """);
        // Ada's VPN tunnel; both laptops on a 192.168.1.x home network, the same address at once
        String line = "{\"name\":\"pack_it_interface_addresses\",\"hostIdentifier\":\"%s\",\"unixTime\":%d,"
                + "\"columns\":{\"interface\":\"%s\",\"address\":\"%s\",\"mask\":\"255.255.0.0\"},\"action\":\"added\"}\n";
        long t0 = java.time.Instant.parse("2026-03-02T09:00:00Z").getEpochSecond();
        Files.writeString(logs.resolve("osquery/osqueryd.results.log"),
                String.format(line, "NWL-MBP-1", t0, "utun4", "10.20.0.5")
                + String.format(line, "NWL-MBP-1", t0, "en0", "192.168.1.10")
                + String.format(line, "NWL-LT-2", t0 + 60, "12", "192.168.1.10"));
        String conn = "{\"ts\":%d.5,\"uid\":\"C%d\",\"id.orig_h\":\"%s\",\"id.orig_p\":50000,\"id.resp_h\":\"198.51.100.7\","
                + "\"id.resp_p\":443,\"proto\":\"tcp\",\"orig_bytes\":5000000}\n";
        Files.writeString(logs.resolve("zeek/conn.log"), String.format(conn, t0 + 3600, 1, "10.20.0.5")
                + String.format(conn, t0 + 3700, 2, "192.168.1.10") + String.format(conn, t0 + 3800, 3, "10.20.0.99"));

        Scan.Options o = Scan.Options.of(List.of(logs)).withDetectors(List.of(new EveryConnection()))
                .withQuarantine(dir.resolve("q4.ndjson"));
        Report r = Scan.run(o, Scan.Progress.NONE);

        assertThat(r.ingest().quarantined()).isZero();
        assertThat(r.workers()).extracting(Report.WorkerEntry::workerId).containsExactly("E1");
        Report.SignalEntry s = r.workers().get(0).signals().get(0);
        assertThat(s.subject()).isEqualTo("ip:10.20.0.5");
        assertThat(s.via()).isEqualTo("10.20.0.5 was the address of device NWL-MBP-1 then (osquery "
                + "interface_addresses, utun4, added 2026-03-02T09:00:00Z)");
        assertThat(r.unresolved()).extracting(Report.UnresolvedEntry::subject)
                .containsExactlyInAnyOrder("ip:192.168.1.10", "ip:10.20.0.99");
        assertThat(r.resolution().signalsResolvedByAddress()).isEqualTo(1);
        assertThat(r.resolution().signalsUnresolved()).isEqualTo(2);
        assertThat(r.resolution().addressesKnown()).isEqualTo(2);

        Path json = dir.resolve("address-holders-report.json");
        ReportJson.write(r, json);
        assertThat(ReportJson.read(json).workers().get(0).signals().get(0).via()).isEqualTo(s.via());
        assertThat(Files.readString(json)).contains("\"signals_resolved_by_address\" : 1");
        assertThat(dev.unravel.engine.report.HtmlReport.render(r)).contains("was the address of device NWL-MBP-1");
        java.io.StringWriter text = new java.io.StringWriter();
        dev.unravel.engine.report.Summary.print(r, new java.io.PrintWriter(text), 5);
        assertThat(text.toString()).contains("1 signal about a network address counted for the worker whose laptop "
                + "held it then").contains("2 signals tied to no one, about 2 IP addresses");
    }
}
