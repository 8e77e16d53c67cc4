package dev.unravel.detect.hours;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Roster;
import dev.unravel.detect.testing.DetectorHarness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkingHoursFingerprintTest {

    static final String EMPLOYEES = """
            employee_id,legal_first_name,legal_last_name,date_of_birth,ssn,personal_email,work_email,username,phone,address_line1,address_line2,city,state,postal_code,country,time_zone,department,title,manager_id,employment_type,work_location,hire_date,termination_date,termination_reason,applicant_id
            E1,Jeffrey,King,1990-01-02,123-45-6789,jk@gmail.com,jeffrey.king@example.com,jking,+18015157251,8047 Prospect Ln,,Brooklyn,NY,11215,US,America/New_York,Engineering,Developer,,employee,Remote,2026-03-02,,,A1
            E2,Maria,Lopez,1988-03-04,223-45-6789,ml@gmail.com,maria.lopez@example.com,mlopez,+13125550101,12 Oak St,,Chicago,IL,60601,US,America/Chicago,Sales,Account Executive,,employee,Remote,2024-01-10,,,A2
            E5,Kevin,Hart,1985-09-10,423-45-6789,kh@gmail.com,kevin.hart@example.com,khart,+12065550103,9 Pine St,,Seattle,WA,98101,US,America/Los_Angeles,Engineering,Developer,,employee,Remote,2026-03-02,,,A5
            """;

    /** One GitHub audit event per UTC hour listed, on each of {@code days} weekdays from 2026-03-16. */
    static String activity(String login, String email, int days, int... utcHours) {
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < days; d++) {
            for (int hour : utcHours) {
                Instant at = Instant.parse("2026-03-16T00:00:00Z").plusSeconds(d * 86_400L + hour * 3_600L + 600);
                b.append("{\"@timestamp\":").append(at.toEpochMilli()).append(",\"_document_id\":\"d").append(login)
                        .append(d).append('-').append(hour).append("\",\"action\":\"git.fetch\",\"actor\":\"")
                        .append(login).append("\",\"actor_ip\":\"73.1.2.3\",\"actor_location\":{\"country_code\":\"US\"},")
                        .append("\"external_identity_nameid\":\"").append(email)
                        .append("\",\"org\":\"acme\",\"repo\":\"acme/api\",\"repository_public\":false}\n");
            }
        }
        return b.toString();
    }

    @Test
    void aKoreanOfficeDayAgainstANewYorkContractFires() {
        // 09:00-18:00 in Pyongyang (UTC+9) is 00:00-09:00 UTC; the last hour before midnight too.
        var h = new DetectorHarness().with("hr-employees", EMPLOYEES)
                .with("github-audit", activity("jk-dev", "jeffrey.king@example.com", 8, 23, 0, 1, 2, 3, 4, 5, 6, 7));
        List<Signal> signals = h.run(new WorkingHoursFingerprint());
        assertThat(signals).hasSize(1);
        Signal s = signals.get(0);
        assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
        assertThat(s.strength()).isEqualTo(0.6);
        assertThat(s.explanation()).contains("UTC+9").contains("America/New_York").contains("UTC-4")
                .contains("hours active by UTC hour 0-23: 8 8 8 8 8 8 8 8 0");
    }

    /**
     * Process starts count as the person's activity when their account started them: the laptop's
     * own services (SYSTEM, through the New York day here) are nobody at work, though the laptop is
     * the worker's.
     */
    @Test
    void theLaptopsOwnProcessesAreNotItsWorkerAtWork() {
        StringBuilder sysmon = new StringBuilder();
        for (int d = 0; d < 8; d++) {
            Instant day = Instant.parse("2026-03-16T00:10:00Z").plusSeconds(d * 86_400L);
            for (int hour : new int[] {23, 0, 1, 2, 3, 4, 5, 6, 7}) { // 09:00-18:00 in UTC+9
                sysmon.append(dev.unravel.detect.control.Samples.process(day.plusSeconds(hour * 3_600L).toString(),
                        "NWL-LT-1.corp.example.com", "NORTHWIND\\jking", "C:\\Program Files\\Git\\cmd\\git.exe",
                        "git fetch"));
            }
            for (int hour = 13; hour <= 21; hour++) { // the New York day: updates, indexing, the agent's scans
                sysmon.append(dev.unravel.detect.control.Samples.process(day.plusSeconds(hour * 3_600L).toString(),
                        "NWL-LT-1.corp.example.com", "NT AUTHORITY\\SYSTEM", "C:\\Windows\\System32\\svchost.exe",
                        "svchost.exe -k netsvcs"));
            }
        }
        var h = new DetectorHarness().with("hr-employees", EMPLOYEES)
                .with("asset-assignments", dev.unravel.detect.control.Samples.ASSETS_HEADER
                        + dev.unravel.detect.control.Samples.laptop("NWL-LT-1", "SER1", "E1"))
                .with("windows-evtx-json", sysmon.toString());
        assertThat(h.run(new WorkingHoursFingerprint())).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).contains("UTC+9")
                    .contains("hours active by UTC hour 0-23: 8 8 8 8 8 8 8 8 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 8");
        });
        assertThat(h.skippedReasons()).containsEntry("process not started by a worker's account", 72L);
    }

    /** Sign-ins of any source count as activity: here a VPN's tunnels and Duo's pushes, no GitHub. */
    @Test
    void vpnTunnelsAndDuoPushesAreActivityToo() {
        StringBuilder vpn = new StringBuilder();
        StringBuilder duo = new StringBuilder();
        for (int d = 0; d < 8; d++) {
            for (int hour : new int[] {23, 0, 1, 2, 3, 4, 5, 6, 7}) {
                Instant at = Instant.parse("2026-03-16T00:00:00Z").plusSeconds(d * 86_400L + hour * 3_600L + 600);
                String day = at.toString().substring(0, 10);
                String clock = at.toString().substring(11, 19);
                if (hour % 2 == 0) {
                    vpn.append("date=").append(day).append(" time=").append(clock).append(" devname=\"FGT\" ")
                            .append("devid=\"FG1\" logid=\"0101039424\" type=\"event\" subtype=\"vpn\" ")
                            .append("action=\"tunnel-up\" tunneltype=\"ssl-tunnel\" remip=73.1.2.3 user=\"jking\"\n");
                } else {
                    duo.append("{\"access_device\":{\"ip\":\"73.1.2.3\"},\"event_type\":\"authentication\",")
                            .append("\"factor\":\"duo_push\",\"result\":\"success\",\"reason\":\"user_approved\",")
                            .append("\"isotimestamp\":\"").append(at).append("\",\"txid\":\"t").append(d).append('-')
                            .append(hour).append("\",\"user\":{\"name\":\"jeffrey.king@example.com\"}}\n");
                }
            }
        }
        var h = new DetectorHarness().with("hr-employees", EMPLOYEES).with("fortigate", vpn.toString())
                .with("duo-auth", duo.toString());
        assertThat(h.run(new WorkingHoursFingerprint())).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).contains("UTC+9").contains("8 8 8 8 8 8 8 8 0");
        });
    }

    @Test
    void lateAndRepeatedEventsDoNotCountAnHourTwice() {
        String text = activity("jk-dev", "jeffrey.king@example.com", 8, 23, 0, 1, 2, 3, 4, 5, 6, 7);
        var h = new DetectorHarness().with("hr-employees", EMPLOYEES).with("github-audit", text);
        String inOrder = h.run(new WorkingHoursFingerprint()).get(0).explanation();

        // the same activity delivered twice per day, each time newest first: 7, 6 … 0, then 7, 6 … 0 again
        Comparator<Event> byDay = Comparator.comparing((Event e) -> e.time().getEpochSecond() / 86_400);
        Comparator<Event> newestFirst = byDay.thenComparing(Event::time, Comparator.reverseOrder());
        List<Event> first = new ArrayList<>(DetectorHarness.read("github-audit", text));
        List<Event> second = new ArrayList<>(DetectorHarness.read("github-audit", text));
        first.sort(newestFirst);
        second.sort(newestFirst);
        List<Event> events = new ArrayList<>(first);
        events.addAll(second);
        events.sort(byDay);
        List<Signal> signals = new ArrayList<>();
        DetectorContext capture = new DetectorContext() {
            public Roster roster() {
                return h.roster();
            }

            @Override
            public dev.unravel.detect.roster.DeviceAddresses addresses() {
                return h.addresses();
            }

            public Settings settings() {
                return h.settings();
            }

            public void emit(Signal signal) {
                signals.add(signal);
            }

            public <K, V> PerEntity<K, V> state(int maxEntries) {
                return h.state(maxEntries);
            }

            public void skipped(String reason) {
                h.skipped(reason);
            }
        };
        WorkingHoursFingerprint detector = new WorkingHoursFingerprint();
        detector.start(capture);
        events.forEach(e -> detector.onEvent(e, capture));
        detector.finish(capture);
        assertThat(signals).hasSize(1);
        assertThat(signals.get(0).explanation()).isEqualTo(inOrder).contains("of 72 active hours");
    }

    @Test
    void aNightOwlAndATravellerDoNot() {
        // Chicago (UTC-5 after 8 March): 09-12 and 14-17 local, then 20-23 local at night
        String nightOwl = activity("ml-dev", "maria.lopez@example.com", 10, 14, 15, 16, 17, 19, 20, 21, 22, 1, 2, 3, 4);
        // Seattle (UTC-7): seven days at home 09-17, then three days in Tokyo's hours
        String home = activity("kh-dev", "kevin.hart@example.com", 7, 16, 17, 18, 19, 20, 21, 22, 23, 0);
        String trip = activity("kh-dev", "kevin.hart@example.com", 3, 0, 1, 2, 3, 4, 5, 6, 7);
        String shiftedTrip = shiftDays(trip, 10);
        var h = new DetectorHarness().with("hr-employees", EMPLOYEES).with("github-audit", nightOwl + home + shiftedTrip);
        assertThat(h.run(new WorkingHoursFingerprint())).isEmpty();
    }

    @Test
    void anEveningShiftSevenHoursFromTheDeclaredDayIsOnlyModerate() {
        // Seattle (UTC-7): 15:00-24:00 local every day is 22:00-07:00 UTC, a day at UTC+10
        var h = new DetectorHarness().with("hr-employees", EMPLOYEES)
                .with("github-audit", activity("kh-dev", "kevin.hart@example.com", 8, 22, 23, 0, 1, 2, 3, 4, 5, 6));
        List<Signal> signals = h.run(new WorkingHoursFingerprint());
        assertThat(signals).hasSize(1);
        assertThat(signals.get(0).strength()).isEqualTo(0.3);
        assertThat(signals.get(0).explanation()).contains("UTC+10").contains("evening or night shift");
    }

    @Test
    void tooLittleActivityIsNoFingerprint() {
        var h = new DetectorHarness().with("hr-employees", EMPLOYEES)
                .with("github-audit", activity("jk-dev", "jeffrey.king@example.com", 2, 0, 1, 2, 3, 4, 5, 6, 7));
        assertThat(h.run(new WorkingHoursFingerprint())).isEmpty();
    }

    /** Moves every {@code @timestamp} in {@code lines} by {@code days}. */
    private static String shiftDays(String lines, int days) {
        StringBuilder b = new StringBuilder();
        for (String line : lines.split("\n")) {
            int start = line.indexOf(':') + 1;
            int end = line.indexOf(',');
            long ms = Long.parseLong(line.substring(start, end)) + days * 86_400_000L;
            b.append(line, 0, start).append(ms).append(line.substring(end)).append('\n');
        }
        return b.toString();
    }
}
