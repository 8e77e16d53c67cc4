package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.store.Store;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's layout on disk and its retention period. */
class SpoolTest {

    @TempDir
    Path dir;

    static String okta(String time) {
        return IngestApiTest.SIGN_IN.replace("2026-03-02T01:12:33.456Z", time) + "\n";
    }

    @Test
    void logsOlderThanTheRetentionPeriodAreDeleted_andTheirBatchesRecordIt() throws Exception {
        try (Store store = Store.open(dir.resolve("store").toString())) {
            store.putAnalyst("dana", Passwords.hash("correct horse battery"));
            store.addToken("dana", "a".repeat(64), "shipper", Store.TokenScope.INGEST);
            Store.TokenGrant sender = store.token("a".repeat(64)).orElseThrow();
            Spool spool = new Spool(dir.resolve("spool"), 1 << 20, store,
                    Clock.fixed(Instant.parse("2026-03-05T10:00:00Z"), ZoneOffset.UTC));
            Spool.Received old = spool.receive("okta", bytes(okta("2026-03-02T01:00:00Z")), false, null, null, sender,
                    null);
            Spool.Received recent = spool.receive("okta", bytes(okta("2026-03-04T23:59:59Z")), false, null, null,
                    sender, null);
            assertThat(old.batch().file()).startsWith("okta/2026-03-02/");
            assertThat(recent.batch().file()).startsWith("okta/2026-03-04/");
            Files.createDirectories(dir.resolve("spool/okta/not-a-day"));

            assertThat(spool.removeOlderThan(2)).isEqualTo(1);

            assertThat(dir.resolve("spool/okta/2026-03-02")).doesNotExist();
            assertThat(dir.resolve("spool").resolve(recent.batch().file())).exists();
            assertThat(dir.resolve("spool/okta/not-a-day")).as("not the spool's: left alone").exists();
            assertThat(dir.resolve("spool/.incoming")).exists();
            assertThat(store.ingestBatch("okta", old.batch().sha256())).hasValueSatisfying(b -> {
                assertThat(b.removedAt()).as("the record that it came stays").isNotNull();
                assertThat(b.records()).isEqualTo(1);
            });
            assertThat(store.ingestBatch("okta", recent.batch().sha256()).orElseThrow().removedAt()).isNull();
            assertThat(spool.removeOlderThan(2)).isZero();
            assertThat(spool.removeOlderThan(1)).as("today counts as one day").isEqualTo(1);
            assertThatThrownBy(() -> spool.removeOlderThan(0)).hasMessageContaining("at least one day");
        }
    }

    /** {@code serve --collect}: the file a collection wrote in the spool becomes a batch of its source, with no token. */
    @Test
    void aCollectedFileIsKeptAsABatchOfItsSource_once_andOnlyFromTheSpool() throws Exception {
        try (Store store = Store.open(dir.resolve("store").toString())) {
            Spool spool = new Spool(dir.resolve("spool"), 1 << 20, store, Clock.systemUTC());
            Path file = Files.createDirectories(dir.resolve("spool/okta/2026-03-02")).resolve("okta-20260305T100000Z.ndjson");
            Files.writeString(file, okta("2026-03-02T01:00:00Z") + okta("2026-03-02T02:00:00Z") + "{\"not\": okta}\n");

            Store.IngestBatch kept = spool.keepCollected("okta", file).orElseThrow();
            assertThat(kept.collected()).isTrue();
            assertThat(kept.file()).isEqualTo("okta/2026-03-02/okta-20260305T100000Z.ndjson");
            assertThat(kept.format()).isEqualTo("okta");
            assertThat(kept.records()).isEqualTo(3);
            assertThat(kept.events()).isEqualTo(2);
            assertThat(kept.rejected()).as("a line that is not JSON, counted as a batch sent would count it").isEqualTo(1);
            assertThat(kept.first()).isEqualTo("2026-03-02T01:00:00Z");
            assertThat(kept.bytes()).isEqualTo(Files.size(file));
            assertThat(spool.keepCollected("okta", file)).as("kept once").isEmpty();
            assertThat(store.ingestSources()).singleElement().satisfies(s -> assertThat(s.batches()).isEqualTo(1));

            Path outside = Files.writeString(dir.resolve("elsewhere.ndjson"), okta("2026-03-02T01:00:00Z"));
            assertThatThrownBy(() -> spool.keepCollected("okta", outside)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a file of the spool");
            assertThatThrownBy(() -> spool.keepCollected("../okta", file)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aBatchThatCannotBePutInPlace_isForgotten_soThatTheRetryIsKept() throws Exception {
        try (Store store = Store.open(dir.resolve("store").toString())) {
            store.putAnalyst("dana", Passwords.hash("correct horse battery"));
            store.addToken("dana", "a".repeat(64), "shipper", Store.TokenScope.INGEST);
            Store.TokenGrant sender = store.token("a".repeat(64)).orElseThrow();
            Spool spool = new Spool(dir.resolve("spool"), 1 << 20, store, Clock.systemUTC());
            Files.createDirectories(dir.resolve("spool/okta"));
            Files.writeString(dir.resolve("spool/okta/2026-03-02"), "in the way"); // a file where the day folder goes

            assertThatThrownBy(() -> spool.receive("okta", bytes(okta("2026-03-02T01:00:00Z")), false, null, null,
                    sender, null)).isInstanceOf(java.io.IOException.class);
            assertThat(store.ingestBatches(null, 5)).isEmpty();

            Files.delete(dir.resolve("spool/okta/2026-03-02"));
            Path stale = Files.writeString(dir.resolve("spool/.incoming/half-a-batch.log"), "{\"eventType\":");
            new Spool(dir.resolve("spool"), 1 << 20, store, Clock.systemUTC());
            assertThat(stale).as("a batch a stopped console left half-written").doesNotExist();
            Spool.Received retry = spool.receive("okta", bytes(okta("2026-03-02T01:00:00Z")), false, null, null,
                    sender, null);
            assertThat(retry.duplicate()).isFalse();
            assertThat(dir.resolve("spool").resolve(retry.batch().file())).exists();
            try (var incoming = Files.list(dir.resolve("spool/.incoming"))) {
                assertThat(incoming).isEmpty();
            }
        }
    }

    static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
