package dev.unravel.engine.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-built report shaped like a scan of the demo simulation (500 workers, March 2026, a laptop
 * farm with three hires and an applicant, an IP-KVM worker, benign look-alikes), for the HTML
 * report's tests and the README screenshot. Not a real scan: the detectors behind these signals
 * are arriving issue by issue.
 */
final class SampleReport {

    private SampleReport() {
    }

    static final String FROM = "2026-03-02T00:00:41Z";
    static final String TO = "2026-03-31T23:58:12Z";

    /** Events per UTC hour: {@code perHour} in the eight hours from {@code firstUtcHour}, a trickle elsewhere. */
    static int[] hours(int firstUtcHour, int perHour, int background) {
        int[] h = new int[24];
        for (int i = 0; i < 24; i++) {
            int k = Math.floorMod(i - firstUtcHour, 24);
            h[i] = k < 8 ? perHour + (k % 3) * perHour / 6 - (k == 3 ? perHour / 3 : 0) : background + (i * 7) % 5;
        }
        return h;
    }

    static Report.SignalEntry signal(String time, String detector, String stage, String technique, double strength,
            String subject, String explanation, String... evidence) {
        return new Report.SignalEntry(time, detector, stage, technique, strength, subject, explanation,
                List.of(evidence));
    }

    static Report.ContributionEntry contribution(String detector, String stage, int signals, double strongest,
            double contribution) {
        return new Report.ContributionEntry(detector, stage, signals, strongest, contribution);
    }

    static Report.WorkerEntry worker(int rank, String id, String name, String department, String title, String country,
            String zone, String hired, String terminated, double score, String level, double own, double clusterAdd,
            List<String> stages, String firstFlagged, String cluster, int[] byHour,
            List<Report.ContributionEntry> contributions, List<Report.SignalEntry> signals) {
        long events = 0;
        for (int v : byHour) {
            events += v;
        }
        List<String> families = new ArrayList<>();
        for (Report.ContributionEntry c : contributions) {
            families.add(c.detector());
        }
        return new Report.WorkerEntry(rank, id, name, department, title, country, zone, hired, terminated, score, level,
                own, clusterAdd, stages, families, firstFlagged, cluster,
                new Report.ActivityEntry(events, FROM.replace("00:00:41", "13:05:12"), "2026-03-31T08:41:09Z", byHour),
                contributions, signals.size(), signals);
    }

    static Report build() {
        List<Report.WorkerEntry> workers = new ArrayList<>();
        workers.add(worker(1, "E100205", "Daniel Whitaker", "Engineering", "Senior Backend Engineer", "US",
                "America/Chicago", "2026-02-23", null, 0.91, "critical", 0.86, 0.05,
                List.of("apply", "onboard", "access", "control"), "2026-02-20T16:02:11Z", "C1", hours(0, 260, 6),
                List.of(contribution("laptop_farm", "onboard", 1, 0.70, 0.35),
                        contribution("working_hours", "access", 4, 0.65, 0.26),
                        contribution("sign_in_origin", "access", 12, 0.60, 0.19),
                        contribution("sigma:anydesk-execution", "control", 3, 0.55, 0.18),
                        contribution("identity_checks", "apply", 1, 0.35, 0.09)),
                List.of(signal("2026-02-03T19:12:44Z", "identity_checks", "apply", null, 0.35, "applicant:A2000206",
                                "The phone number on the application is a VoIP line (Google Voice), not a carrier mobile or landline.",
                                "assets/phone_intel.csv#88", "applicants/applicants.csv#206"),
                        signal("2026-02-20T16:02:11Z", "laptop_farm", "onboard", null, 0.70, "worker:E100205",
                                "Laptop C02FK3Q1MD6R was shipped to 1420 Cedar Ridge Dr, Hoover, AL, not the worker's home in Chicago, IL; the ship-to was changed three days after the offer, and the same address received a laptop for another new hire.",
                                "assets/shipments.csv#212", "assets/shipments.csv#230"),
                        signal("2026-03-02T23:14:05Z", "sign_in_origin", "access", "T1133", 0.60, "account:dwhitaker",
                                "Signed in to Okta from 185.213.22.41, a commercial VPN exit (Astrill, hosting network AS9009), from a device Okta had not seen.",
                                "okta/system-log-2026-03-02.ndjson#8812"),
                        signal("2026-03-04T01:05:37Z", "sigma:anydesk-execution", "control", "T1219", 0.55,
                                "host:WS-E100205",
                                "AnyDesk, a remote-access tool that is not the approved support tool, ran on the corporate laptop (AnyDesk.exe started from Downloads).",
                                "windows/sysmon-2026-03-04.json#15221"),
                        signal("2026-03-08T23:59:00Z", "working_hours", "access", null, 0.65, "worker:E100205",
                                "In the first week, 81% of sign-ins and endpoint activity fell between 09:00 and 17:00 at UTC+9 and 6% within the declared working day in America/Chicago.",
                                "okta/system-log-2026-03-02.ndjson#8812", "okta/system-log-2026-03-05.ndjson#1207",
                                "windows/sysmon-2026-03-06.json#902"),
                        signal("2026-03-11T02:17:49Z", "sign_in_origin", "access", "T1078", 0.60, "account:dwhitaker",
                                "Signed in from Shenyang, China (175.167.146.3) on an unmanaged device, 40 minutes after a sign-in from the VPN exit.",
                                "okta/system-log-2026-03-11.ndjson#530"))));
        workers.add(worker(2, "E100287", "Kevin Tran", "Engineering", "Frontend Engineer", "US", "America/Denver",
                "2026-03-09", null, 0.78, "high", 0.72, 0.06, List.of("apply", "onboard", "access"),
                "2026-02-11T17:40:02Z", "C1", hours(0, 190, 4),
                List.of(contribution("identity_checks", "apply", 3, 0.75, 0.42),
                        contribution("shared_identifiers", "apply", 2, 0.65, 0.20),
                        contribution("laptop_farm", "onboard", 1, 0.70, 0.18),
                        contribution("working_hours", "access", 2, 0.60, 0.12)),
                List.of(signal("2026-02-11T17:40:02Z", "identity_checks", "apply", null, 0.75, "applicant:A2000288",
                                "The SSN given was never issued (area number 000); identity verification failed liveness and the camera stayed off at interview.",
                                "applicants/identity_verification.csv#288", "applicants/interviews.csv#412"),
                        signal("2026-03-09T14:00:00Z", "shared_identifiers", "apply", null, 0.65, "bank_account:b7e1c04a",
                                "The payroll deposit account is also Aaron Mitchell's (E100342); the phone number is also applicant Jordan Hayes's.",
                                "hr/payroll.csv#301", "hr/payroll.csv#355"),
                        signal("2026-03-10T18:22:40Z", "laptop_farm", "onboard", null, 0.70, "worker:E100287",
                                "Laptop C02GL7A2MD6T was shipped to 1420 Cedar Ridge Dr, Hoover, AL, where another new hire's laptop went.",
                                "assets/shipments.csv#230"),
                        signal("2026-03-15T23:59:00Z", "working_hours", "access", null, 0.60, "worker:E100287",
                                "Activity centres on 09:00-17:00 at UTC+9; 9% of it falls within the declared working day in America/Denver.",
                                "entra/insights-logs-signinlogs/y=2026/m=03/d=12/h=01/PT1H.json#14"))));
        workers.add(worker(3, "E100342", "Aaron Mitchell", "Data Platform", "Data Engineer", "US", "America/New_York",
                "2026-03-02", "2026-03-27", 0.66, "high", 0.58, 0.08, List.of("apply", "steal"),
                "2026-03-03T02:31:18Z", "C1", hours(1, 150, 5),
                List.of(contribution("repo_exfil", "steal", 6, 0.80, 0.45),
                        contribution("shared_identifiers", "apply", 1, 0.65, 0.13)),
                List.of(signal("2026-03-03T02:31:18Z", "repo_exfil", "steal", "T1213.003", 0.70, "github:amitchell-dp",
                                "Cloned 214 private repositories in the first two days of employment; new engineers in the same team cloned 12 on average.",
                                "github/audit-log-2026-03-03.json#4410", "github/audit-log-2026-03-03.json#4411"),
                        signal("2026-03-05T04:12:09Z", "repo_exfil", "steal", "T1567.002", 0.80, "host:LT-E100342",
                                "Uploaded 3.2 GB to personal cloud storage (mega.nz) from the corporate laptop.",
                                "zeek/2026-03-05/http.log#77120"),
                        signal("2026-03-09T14:00:00Z", "shared_identifiers", "apply", null, 0.65, "bank_account:b7e1c04a",
                                "The payroll deposit account is also Kevin Tran's (E100287).", "hr/payroll.csv#355"))));
        workers.add(worker(4, "E100417", "Jessica Moore", "IT", "Systems Administrator", "US", "America/New_York",
                "2025-11-17", null, 0.52, "medium", 0.52, 0, List.of("access", "control"), "2026-03-06T02:10:55Z",
                null, hours(0, 120, 8),
                List.of(contribution("usb_kvm", "control", 1, 0.60, 0.30), contribution("working_hours", "access", 3,
                        0.45, 0.22)),
                List.of(signal("2026-03-06T02:10:55Z", "usb_kvm", "control", "T1219.003", 0.60, "host:LT-E100417",
                                "A USB device with vendor:product 1d6b:0104 made by PiKVM, an IP-KVM that lets someone else drive the laptop remotely, is attached.",
                                "osquery/osqueryd.results-2026-03-06.log#3381"),
                        signal("2026-03-15T23:59:00Z", "working_hours", "access", null, 0.45, "worker:E100417",
                                "Most activity falls between 19:00 and 03:00 in America/New_York, every weekday for two weeks.",
                                "okta/system-log-2026-03-09.ndjson#2210"))));
        workers.add(worker(5, "E100133", "Priya Raman", "Product", "Product Manager", "US", "America/Los_Angeles",
                "2023-06-05", null, 0.33, "medium", 0.33, 0, List.of("access"), "2026-03-17T09:14:27Z", null,
                hours(16, 140, 3),
                List.of(contribution("sign_in_origin", "access", 5, 0.45, 0.33)),
                List.of(signal("2026-03-17T09:14:27Z", "sign_in_origin", "access", "T1078", 0.45, "account:praman",
                                "Signed in from Singapore (hotel network) on the managed laptop; no travel is recorded.",
                                "okta/system-log-2026-03-17.ndjson#120"))));
        workers.add(worker(6, "E100061", "Tom Becker", "IT", "Support Engineer", "US", "America/Chicago", "2021-01-11",
                null, 0.18, "low", 0.18, 0, List.of("control"), null, null, hours(14, 110, 2),
                List.of(contribution("sigma:screenconnect-execution", "control", 9, 0.25, 0.18)),
                List.of(signal("2026-03-03T15:40:02Z", "sigma:screenconnect-execution", "control", "T1219", 0.25,
                        "host:WS-E100061", "ScreenConnect, the approved remote-support tool, ran on this workstation.",
                        "windows/sysmon-2026-03-03.json#201"))));
        workers.add(worker(7, "E100498", "Emily Carter", "Engineering", "Site Reliability Engineer", "US",
                "America/Chicago", "2024-09-03", null, 0.12, "low", 0.12, 0, List.of("access"), null, null,
                hours(20, 90, 10),
                List.of(contribution("working_hours", "access", 1, 0.25, 0.12)),
                List.of(signal("2026-03-15T23:59:00Z", "working_hours", "access", null, 0.25, "worker:E100498",
                        "A third of activity falls after 21:00 in America/Chicago.", "okta/system-log-2026-03-10.ndjson#77"))));
        workers.add(worker(8, "C300012", "Rafael Souza", "Engineering", "Contractor, Mobile", "BR", "America/Sao_Paulo",
                "2025-04-01", null, 0.09, "low", 0.09, 0, List.of("access"), null, null, hours(12, 100, 2),
                List.of(contribution("sign_in_origin", "access", 2, 0.20, 0.09)),
                List.of(signal("2026-03-12T12:30:10Z", "sign_in_origin", "access", null, 0.20, "account:rsouza",
                        "Signed in from Brazil, the contractor's declared country, through a residential ISP.",
                        "entra/insights-logs-signinlogs/y=2026/m=03/d=12/h=12/PT1H.json#3"))));

        Map<String, Integer> levels = new LinkedHashMap<>();
        levels.put("critical", 1);
        levels.put("high", 2);
        levels.put("medium", 2);
        levels.put("low", 495);

        List<Report.ApplicantEntry> applicants = List.of(new Report.ApplicantEntry("A2000311", "Jordan Hayes", 0.38,
                "medium", List.of("apply"), "C1", 1,
                List.of(signal("2026-03-01T10:02:33Z", "shared_identifiers", "apply", null, 0.50, "phone:5f02d9e1",
                                "The phone number is also Kevin Tran's (E100287).", "applicants/applicants.csv#311"),
                        signal("2026-03-01T10:02:33Z", "resume_similarity", "apply", null, 0.45, "applicant:A2000311",
                                "The résumé is a near-copy (92% shingle overlap) of applicant A2000288's.",
                                "applicants/resumes/A2000311.txt#1"))));

        List<Report.ClusterEntry> clusters = List.of(new Report.ClusterEntry("C1",
                List.of("E100205", "E100287", "E100342"), List.of("A2000311"),
                List.of(new Report.TieEntry("bank_account", "b7e1c04a", null, List.of("E100287", "E100342")),
                        new Report.TieEntry("phone", "5f02d9e1", null, List.of("A2000311", "E100287")),
                        new Report.TieEntry("ship_to", "0c9d44f2", "1420 Cedar Ridge Dr, Hoover, AL 35244",
                                List.of("E100205", "E100287")))));

        List<Report.DetectorStats> detectors = List.of(
                new Report.DetectorStats("identity_checks", "SSN issuance, VoIP phones, liveness and interview checks",
                        512, 9, 0, 0, Map.of(), 0, null),
                new Report.DetectorStats("shared_identifiers", "Phones, bank accounts and addresses shared between people",
                        1_530, 6, 0, 0, Map.of(), 0, null),
                new Report.DetectorStats("laptop_farm", "Laptops shipped away from the worker's home", 540, 2, 0, 0,
                        Map.of(), 0, null),
                new Report.DetectorStats("sign_in_origin", "Sign-ins through VPN and hosting networks or from abroad",
                        402_118, 61, 4, 0, Map.of("IP not in the intel ranges", 1_204L), 0, null),
                new Report.DetectorStats("working_hours", "Activity hours against the declared time zone", 1_262_010, 11, 0,
                        0, Map.of("no declared time zone", 3L), 0, null),
                new Report.DetectorStats("sigma", "SigmaHQ and LOLRMM rules on endpoint events", 611_904, 47, 2, 0,
                        Map.of(), 0, null),
                new Report.DetectorStats("usb_kvm", "IP-KVM gadgets and EDIDs in USB and display inventory", 20_400, 1, 0,
                        0, Map.of(), 0, null),
                new Report.DetectorStats("repo_exfil", "Mass cloning and uploads against the new-hire peer group", 95_310,
                        6, 0, 0, Map.of(), 0, null));

        Map<String, Report.FormatStats> byFormat = new LinkedHashMap<>();
        byFormat.put("email-eml", new Report.FormatStats(214, 214, 498, 0));
        byFormat.put("entra-signin", new Report.FormatStats(720, 61_400, 61_400, 0));
        byFormat.put("github-audit", new Report.FormatStats(30, 95_310, 95_310, 0));
        byFormat.put("hr-employees", new Report.FormatStats(1, 512, 1_024, 0));
        byFormat.put("okta", new Report.FormatStats(30, 340_721, 340_718, 3));
        byFormat.put("osquery", new Report.FormatStats(30, 148_800, 148_800, 0));
        byFormat.put("windows-evtx-json", new Report.FormatStats(30, 463_104, 463_104, 0));
        byFormat.put("zeek-json", new Report.FormatStats(90, 151_156, 151_156, 0));

        return new Report(Report.SCHEMA, "2026-04-01T06:00:00Z", "0.1.0-SNAPSHOT", List.of("demo-out"),
                new Report.Period(FROM, TO, TO),
                new Report.IngestStats(1_145, 1_261_217, 1_262_010, 3, "unravel-quarantine.ndjson", 0, 50_000, byFormat,
                        List.of(new Report.FileProblem("demo-out/okta/system-log-2026-03-17.ndjson", "okta", 3,
                                        "demo-out/okta/system-log-2026-03-17.ndjson:411 (record 411) field 'published': is missing: the record has no timestamp"),
                                new Report.FileProblem("demo-out/zeek/2026-03-21/conn.log.gz", "zeek-json", 0,
                                        "truncated gzip: 18,211 records read before the break"))),
                detectors, new Report.ResolutionStats(1_180_442, 81_568, 37, 143, 6, 310), 500, levels, workers,
                applicants, clusters, "built-in defaults", true,
                List.of(new Report.UnresolvedEntry("host:build-agent-07", 4, 0.7, List.of("control.remote-access-tool"),
                        "2026-03-11T02:14:09Z", "2026-03-19T03:40:51Z", List.of(new Report.SignalEntry(
                                "2026-03-11T02:14:09Z", "control.remote-access-tool", "control", "T1219", 0.7,
                                "host:build-agent-07", "AnyDesk started on build-agent-07, a machine no asset record "
                                        + "assigns to anyone", List.of("demo-out/windows/sysmon-2026-03-11.json#882")))),
                        new Report.UnresolvedEntry("ip:10.20.9.41", 2, 0.25, List.of("steal.outbound-volume"),
                                "2026-03-14T22:05:10Z", "2026-03-15T21:58:33Z", List.of(new Report.SignalEntry(
                                        "2026-03-14T22:05:10Z", "steal.outbound-volume", "steal", "T1048", 0.25,
                                        "ip:10.20.9.41", "The computer at 10.20.9.41 sent 180 MB out of the company "
                                                + "in one day, about 90 times what a typical computer sends (2 MB).",
                                        List.of("demo-out/zeek/2026-03-14/conn.log#5120"))))));
    }
}
