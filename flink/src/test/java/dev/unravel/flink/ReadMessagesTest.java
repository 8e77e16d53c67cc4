package dev.unravel.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.ingest.FileSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Kafka message as the source's readers take it, without a broker. */
class ReadMessagesTest {

    @TempDir
    Path dir;

    private static String signIn(String uuid, Instant published) {
        return "{\"actor\":{\"id\":\"00u1a2b3c4\",\"type\":\"User\",\"alternateId\":\"dana.wu@example.com\","
                + "\"displayName\":\"Dana Wu\"},\"client\":{\"ipAddress\":\"203.0.113.7\"},"
                + "\"displayMessage\":\"User login to Okta\",\"eventType\":\"user.session.start\","
                + "\"outcome\":{\"result\":\"SUCCESS\"},\"published\":\"" + published + "\",\"severity\":\"INFO\","
                + "\"uuid\":\"" + uuid + "\",\"version\":\"0\"}";
    }

    @Test
    void eventStampedPastTheReadersClock_isQuarantined_andTheMessagesOthersGoOn() throws Exception {
        JobSettings settings = new JobSettings(List.of(), List.of(), null, List.of(), List.of(), null, List.of(),
                10_000, 0, 1, null, null, dir.resolve("q").toString(), List.of(), null, null, null, true, null);
        ReadMessages read = new ReadMessages(settings);
        read.open(null);
        Instant now = Instant.now();
        String message = signIn("a1", now.minusSeconds(3_600)) + "\n"
                + signIn("a2", Instant.parse("2036-01-01T00:00:00Z")) + "\n"
                + signIn("a3", now.plusSeconds(3_600)) + "\n";
        List<byte[]> out = new ArrayList<>();
        read.deserialize(new ConsumerRecord<>("okta", 1, 42L, null, message.getBytes(StandardCharsets.UTF_8)),
                new Collector<>() {
                    @Override
                    public void collect(byte[] record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {
                    }
                });

        List<Long> times = out.stream().filter(EventCodec::isEvent).map(EventCodec::timeMillis).toList();
        assertThat(times).as("an hour ago and an hour ahead (a clock a little fast) are read")
                .containsExactly(now.minusSeconds(3_600).toEpochMilli(), now.plusSeconds(3_600).toEpochMilli());
        FileSummary summary = out.stream().filter(b -> !EventCodec.isEvent(b) && EventCodec.quarantinedOf(b) < 0)
                .map(EventCodec::summary).findFirst().orElseThrow();
        assertThat(summary.file()).isEqualTo("kafka:okta");
        assertThat(summary.records()).isEqualTo(3);
        assertThat(summary.quarantined()).isEqualTo(1);
        assertThat(summary.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("kafka:okta/1@42");
            assertThat(e.record()).isEqualTo(2);
            assertThat(e.field()).isEqualTo("time");
            assertThat(e.reason()).startsWith("stamped 2036-01-01T00:00:00Z, after ")
                    .contains("(a day past the clock of the task that read it)");
        });
        assertThat(out.stream().mapToLong(EventCodec::quarantinedOf).max().orElse(-1)).isEqualTo(1);
        try (var files = Files.list(dir.resolve("q"))) {
            assertThat(Files.readString(files.findFirst().orElseThrow())).contains("kafka:okta/1@42", "2036-01-01");
        }
    }
}
