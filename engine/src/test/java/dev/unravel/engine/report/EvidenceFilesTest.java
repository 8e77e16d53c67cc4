package dev.unravel.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.ingest.RecordLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceFilesTest {

    static final String OKTA = "{\"published\":\"2026-03-02T14:00:00.000Z\",\"eventType\":\"user.session.start\","
            + "\"uuid\":\"a\",\"actor\":{\"alternateId\":\"a@example.com\",\"type\":\"User\"},\"client\":{\"ipAddress\":"
            + "\"203.0.113.9\"},\"outcome\":{\"result\":\"SUCCESS\"},\"severity\":\"INFO\",\"version\":\"0\"}";

    @TempDir
    Path dir;

    @Test
    void aRecordIsToldUnchanged_changed_orUnfingerprinted_whateverSpellingTheScanUsed() throws Exception {
        Path file = Files.writeString(dir.resolve("okta.ndjson"), OKTA + "\n");
        Report.EvidenceFile then = new Report.EvidenceFile(dir.resolve(".").resolve("okta.ndjson").toString(),
                Files.size(file), null, RecordLookup.sha256(file));
        Map<String, Report.EvidenceFile> kept = EvidenceFiles.of(new Report(Report.SCHEMA, null, null, List.of(), null,
                null, List.of(), null, 0, Map.of(), List.of(), List.of(), List.of(), null, false, List.of(),
                List.of(then)));
        String relative = Path.of("").toAbsolutePath().relativize(file) + "#1";

        EvidenceFiles.Verdict same = EvidenceFiles.verdict(RecordLookup.find(relative, List.of()), kept, "scan 3");
        assertThat(same.state()).isEqualTo(EvidenceFiles.State.UNCHANGED);
        assertThat(same.text()).startsWith("The file is as scan 3 read it (SHA-256 " + then.sha256().substring(0, 12)
                + "…");
        EvidenceFiles.Verdict none = EvidenceFiles.verdict(RecordLookup.find(relative, List.of()), Map.of(), "scan 3");
        assertThat(none.state()).isEqualTo(EvidenceFiles.State.NOT_FINGERPRINTED);
        assertThat(none.text()).contains("scan 3 kept no fingerprint of it");

        Files.writeString(file, OKTA.replace("203.0.113.9", "185.242.5.85") + "\n");
        EvidenceFiles.Verdict changed = EvidenceFiles.verdict(RecordLookup.find(file + "#1", List.of()), kept,
                "scan 3");
        assertThat(changed.state()).isEqualTo(EvidenceFiles.State.CHANGED);
        assertThat(changed.text()).startsWith("The file has CHANGED since scan 3 read it")
                .contains("may not be the record");
    }
}
