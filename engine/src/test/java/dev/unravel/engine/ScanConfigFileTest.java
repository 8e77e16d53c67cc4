package dev.unravel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanConfigFileTest {

    @TempDir
    Path dir;

    Path file(String yaml) throws Exception {
        Path f = dir.resolve("unravel-" + Math.abs(yaml.hashCode()) + ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void casesOpenAt_isReadWhenGiven_nullWhenNot_andBadValuesNameTheFile() throws Exception {
        assertThat(ScanConfigFile.casesOpenAt(file("cases: {open_at: medium}\n"))).isEqualTo("medium");
        assertThat(ScanConfigFile.casesOpenAt(file("detectors: {}\n"))).isNull();
        assertThat(ScanConfigFile.casesOpenAt(null)).isNull();
        Path typo = file("cases: {open_on: medium}\n");
        assertThatThrownBy(() -> ScanConfigFile.casesOpenAt(typo)).hasMessage(typo
                + ": unknown key 'cases.open_on' (known: cases.open_at)");
        assertThatThrownBy(() -> ScanConfigFile.casesOpenAt(file("cases: medium\n")))
                .hasMessageEndingWith(": cases must be a mapping, e.g. {open_at: medium}");
        assertThatThrownBy(() -> ScanConfigFile.casesOpenAt(file("cases: {open_at: 3}\n")))
                .hasMessageEndingWith(": cases.open_at must be medium, high or critical");
        assertThatThrownBy(() -> ScanConfigFile.casesOpenAt(file("case: {open_at: high}\n")))
                .hasMessageContaining("unknown key 'case' (known: cases, detectors, intel, rules)");
    }
}
