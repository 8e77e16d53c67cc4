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

class FleetHostsTest {

    static final Instant NOW = Instant.parse("2026-03-03T06:00:00Z");
    static final Collector.Options FROM_MARCH = new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"),
            Duration.ofMinutes(15), null);

    @TempDir
    Path out;

    final List<String> notes = new ArrayList<>();

    static String host(int id, String ip, String seen) {
        return "{\"id\":" + id + ",\"seen_time\":\"" + seen + "\",\"hostname\":\"NWL-MBP-" + id + "\",\"uuid\":\"U" + id
                + "\",\"platform\":\"darwin\",\"osquery_version\":\"5.14.1\",\"hardware_serial\":\"C02XK0AAJGH" + id
                + "\",\"public_ip\":\"" + ip + "\",\"primary_ip\":\"192.168.1.50\",\"status\":\"online\"}";
    }

    Collector collector() {
        return new Collector(FakeApi.http(NOW, new FakeApi.Waits(), Duration.ofMinutes(5), notes), notes::add);
    }

    @Test
    void everyFullPageThenTheShortOne_keepingTheHostsSeenSinceTheLastRun() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, "{\"hosts\":[" + host(1, "71.173.170.3", "2026-03-02T22:41:10Z") + ","
                            + host(2, "71.173.170.3", "2026-03-02T23:05:00Z") + "]}")
                    .then(200, "{\"hosts\":[" + host(3, "73.4.5.6", "2026-02-20T10:00:00Z") + "]}");
            Collector.Result r = collector().run(new FleetHosts(api.base(), "tok3n", 2), out, FROM_MARCH);

            FakeApi.Seen first = api.seen.get(0);
            assertThat(first.uri().getPath()).isEqualTo("/api/v1/fleet/hosts");
            assertThat(first.uri().getQuery()).isEqualTo("page=0&per_page=2&order_key=id&order_direction=asc");
            assertThat(first.header("Authorization")).isEqualTo("Bearer tok3n");
            assertThat(api.seen.get(1).query("page")).isEqualTo("1");
            assertThat(api.seen).as("a short page is the last").hasSize(2);
            assertThat(r.records()).isEqualTo(2);
            assertThat(r.older()).isEqualTo(1);
            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("fleet-hosts");
            assertThat(read.accepted()).isEqualTo(2);

            // an hour on: host 1 has not been seen again, host 2 has
            api.then(200, "{\"hosts\":[" + host(1, "71.173.170.3", "2026-03-02T22:41:10Z") + ","
                    + host(2, "68.1.5.204", "2026-03-03T05:55:00Z") + "],\"meta\":{\"has_next_results\":false}}");
            Collector.Result again = collector().run(new FleetHosts(api.base(), "tok3n", 2), out, FROM_MARCH);
            assertThat(again.records()).isEqualTo(1);
            assertThat(api.seen).as("has_next_results false ends a full page").hasSize(3);
        }
    }

    @Test
    void anotherServersAnswer_isSaid() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, "{\"message\":\"not found\"}");
            assertThatThrownBy(() -> collector().run(new FleetHosts(api.base(), "t"), out, FROM_MARCH))
                    .hasMessageContaining("not a page of hosts");
        }
    }
}
