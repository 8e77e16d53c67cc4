package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.ingest.FileSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unravel collect defender}: advanced hunting through Microsoft Graph, a query a table and window. */
class DefenderHuntingLogTest {

    static final Instant NOW = Instant.parse("2026-03-02T03:00:00Z");
    static final Collector.Options FROM_TWO_HOURS_AGO = new Collector.Options(Instant.parse("2026-03-02T01:00:00Z"),
            Duration.ofMinutes(15), null);

    @TempDir
    Path out;

    final FakeApi.Waits waits = new FakeApi.Waits();
    final List<String> notes = new ArrayList<>();

    /** A DeviceProcessEvents row as runHuntingQuery returns it, with the Type the query adds. */
    static String process(long report, String at) {
        return "{\"Timestamp\":\"" + at + "\",\"DeviceId\":\"a3f1c2e4b5d69788\",\"DeviceName\":\"nwl-lt-0042.corp.example.com\","
                + "\"ActionType\":\"ProcessCreated\",\"FileName\":\"AnyDesk.exe\",\"FolderPath\":"
                + "\"C:\\\\Users\\\\jkim\\\\Downloads\\\\AnyDesk.exe\",\"ProcessCommandLine\":\"AnyDesk.exe\","
                + "\"AccountDomain\":\"northwind\",\"AccountName\":\"jkim\",\"AccountUpn\":\"jkim@example.com\","
                + "\"ReportId\":" + report + ",\"Type\":\"DeviceProcessEvents\"}";
    }

    static String result(String... rows) {
        return "{\"@odata.context\":\"{base}/v1.0/$metadata#microsoft.graph.security.huntingQueryResults\","
                + "\"schema\":[{\"name\":\"Timestamp\",\"type\":\"DateTime\"}],\"results\":[" + String.join(",", rows) + "]}";
    }

    Collector collector() {
        return new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add);
    }

    @Test
    void eachTableAndHourIsOneQuery_andTheRowsReadAsDefendersEvents() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, EntraGraphLogTest.TOKEN)
                    .then(200, result(process(11, "2026-03-02T01:10:00.1234567Z")))     // processes, first hour
                    .then(200, result())                                               // registry, first hour
                    .then(200, result(process(12, "2026-03-02T02:30:00Z")))           // processes, second hour
                    .then(200, result());
            DefenderHuntingLog log = new DefenderHuntingLog(api.base(), api.base(), "example.onmicrosoft.com",
                    "11111111-2222", "s3cret", List.of(DefenderHuntingLog.Table.PROCESSES,
                            DefenderHuntingLog.Table.REGISTRY), Duration.ofHours(1));
            Collector.Result r = collector().run(log, out, FROM_TWO_HOURS_AGO);

            assertThat(api.seen.get(0).body()).contains("grant_type=client_credentials", "scope="
                    + java.net.URLEncoder.encode(api.base() + "/.default", java.nio.charset.StandardCharsets.UTF_8));
            List<FakeApi.Seen> queries = api.seen.subList(1, api.seen.size());
            assertThat(queries).hasSize(4).allSatisfy(q -> {
                assertThat(q.method()).isEqualTo("POST");
                assertThat(q.uri().getPath()).isEqualTo("/v1.0/security/runHuntingQuery");
                assertThat(q.uri().getFragment()).as("the fragment stays here").isNull();
                assertThat(q.header("Content-Type")).isEqualTo("application/json");
                assertThat(q.header("Authorization")).startsWith("Bearer ");
            });
            // the collector went back the hour Defender's tables take to fill, whatever --overlap said
            assertThat(queries.get(0).body()).startsWith("{\"Query\":\"DeviceProcessEvents\\n| where Timestamp >= "
                    + "datetime(2026-03-02T01:00:00Z) and Timestamp < datetime(2026-03-02T02:00:00Z)")
                    .contains("| extend Type = \\\"DeviceProcessEvents\\\"", "| order by Timestamp asc");
            assertThat(queries.get(1).body()).startsWith("{\"Query\":\"DeviceRegistryEvents\\n")
                    .contains("RegistryValueName == \\\"TimeZoneKeyName\\\"",
                            "RegistryKey contains @\\\"\\\\Keyboard Layout\\\\\\\"",
                            "RegistryKey contains @\\\"\\\\International\\\\User Profile\\\\\\\"");
            assertThat(queries.get(3).body()).contains("datetime(2026-03-02T02:00:00Z) and Timestamp < "
                    + "datetime(2026-03-02T03:00:00Z)");

            assertThat(r.records()).isEqualTo(2);
            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("defender-endpoint");
            assertThat(read.accepted()).isEqualTo(2);
            assertThat(out.resolve(".unravel-collect/defender-example.onmicrosoft.com.json")).exists();

            // the next run goes back an hour and skips the rows it has
            api.then(200, EntraGraphLogTest.TOKEN).then(200, result(process(12, "2026-03-02T02:30:00Z")))
                    .then(200, result()).then(200, result()).then(200, result());
            Collector.Result again = new Collector(FakeApi.http(NOW.plus(Duration.ofMinutes(30)), waits,
                    Duration.ofMinutes(5), notes), notes::add).run(log(api), out, FROM_TWO_HOURS_AGO);
            assertThat(again.records()).isZero();
            assertThat(again.duplicates()).isEqualTo(1);
            assertThat(api.seen.get(api.seen.size() - 4).body()).as("an hour before the newest row, not --overlap's 15m")
                    .contains("datetime(2026-03-02T01:30:00Z) and Timestamp < datetime(2026-03-02T02:30:00Z)");
        }
    }

    DefenderHuntingLog log(FakeApi api) {
        return new DefenderHuntingLog(api.base(), api.base(), "example.onmicrosoft.com", "11111111-2222", "s3cret",
                List.of(DefenderHuntingLog.Table.PROCESSES, DefenderHuntingLog.Table.REGISTRY), Duration.ofHours(1));
    }

    @Test
    void deviceInfo_asksOnlyTheColumnsThatPlaceTheLaptop_andItsRowsReadAsWhereTheLaptopIs() throws Exception {
        String info = "{\"Timestamp\":\"2026-03-02T02:10:00Z\",\"DeviceId\":\"a3f1c2e4b5d69788\",\"DeviceName\":"
                + "\"nwl-lt-0042.corp.example.com\",\"PublicIP\":\"73.1.2.3\",\"LoggedOnUsers\":\"[{\\\"UserName\\\":"
                + "\\\"jkim\\\",\\\"DomainName\\\":\\\"NORTHWIND\\\"}]\",\"OSPlatform\":\"Windows11\",\"MachineGroup\":"
                + "\"Laptops\",\"ReportId\":7,\"Type\":\"DeviceInfo\"}";
        try (FakeApi api = new FakeApi()) {
            api.then(200, EntraGraphLogTest.TOKEN).then(200, result(info));
            DefenderHuntingLog log = new DefenderHuntingLog(api.base(), api.base(), "t", "c", "s",
                    List.of(DefenderHuntingLog.Table.named("DeviceInfo")), Duration.ofHours(1));
            Collector.Result r = collector().run(log, out, new Collector.Options(Instant.parse("2026-03-02T02:00:00Z"),
                    Duration.ofMinutes(15), null));
            assertThat(api.seen.get(1).body()).startsWith("{\"Query\":\"DeviceInfo\\n").contains(
                    "| where isnotempty(PublicIP)", "| project Timestamp, DeviceId, DeviceName, PublicIP, LoggedOnUsers");
            assertThat(r.records()).isEqualTo(1);
            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("defender-endpoint");
            assertThat(read.accepted()).isEqualTo(1);
            assertThat(log.recordId(new com.fasterxml.jackson.databind.ObjectMapper().readTree(info)))
                    .as("a row is known again by its report").isEqualTo("deviceinfo|a3f1c2e4b5d69788|7|2026-03-02t02:10:00z");
        }
    }

    @Test
    void aFullAnswerIsCutInTwoAndAskedAgain_itsRowsNotWritten() throws Exception {
        StringBuilder full = new StringBuilder();
        for (int i = 0; i < DefenderHuntingLog.ROW_LIMIT; i++) {
            full.append(i == 0 ? "" : ",").append("{\"Timestamp\":\"2026-03-02T02:10:00Z\",\"ReportId\":").append(i)
                    .append(",\"Type\":\"DeviceProcessEvents\"}");
        }
        try (FakeApi api = new FakeApi()) {
            api.then(200, EntraGraphLogTest.TOKEN)
                    .then(200, result(full.toString()))
                    .then(200, result(process(1, "2026-03-02T02:10:00Z")))
                    .then(200, result(process(2, "2026-03-02T02:40:00Z")));
            DefenderHuntingLog log = new DefenderHuntingLog(api.base(), api.base(), "t", "c", "s",
                    List.of(DefenderHuntingLog.Table.PROCESSES), Duration.ofHours(1));
            Collector.Result r = collector().run(log, out, new Collector.Options(Instant.parse("2026-03-02T02:00:00Z"),
                    Duration.ofMinutes(15), null));
            assertThat(r.records()).as("the halves' rows only").isEqualTo(2);
            assertThat(api.seen.get(2).body()).contains("datetime(2026-03-02T02:00:00Z) and Timestamp < "
                    + "datetime(2026-03-02T02:30:00Z)");
            assertThat(api.seen.get(3).body()).contains("datetime(2026-03-02T02:30:00Z) and Timestamp < "
                    + "datetime(2026-03-02T03:00:00Z)");
        }
    }

    @Test
    void aRefusalNamesThePermission_andMistakesAreSaidBeforeTheSecretIsRead() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, EntraGraphLogTest.TOKEN).then(403, "{\"error\":{\"code\":\"Forbidden\",\"message\":"
                    + "\"Missing application permissions\"}}");
            assertThatThrownBy(() -> collector().run(log(api), out, FROM_TWO_HOURS_AGO))
                    .isInstanceOf(CollectException.class)
                    .hasMessageContaining("answered 403")
                    .hasMessageContaining("ThreatHunting.Read.All");
        }
        assertThatThrownBy(() -> DefenderHuntingLog.check("t", "c", List.of(), Duration.ofHours(1)))
                .hasMessageContaining("at least one table");
        assertThatThrownBy(() -> DefenderHuntingLog.check("t", "c", List.of(DefenderHuntingLog.Table.LOGONS),
                Duration.ofDays(2))).hasMessageContaining("--window is a minute to a day");
        assertThatThrownBy(() -> DefenderHuntingLog.Table.named("DeviceNetworkInfo"))
                .hasMessageContaining("DeviceProcessEvents, DeviceNetworkEvents");
        assertThat(DefenderHuntingLog.Table.named("deviceprocessevents")).isEqualTo(DefenderHuntingLog.Table.PROCESSES);
    }
}
