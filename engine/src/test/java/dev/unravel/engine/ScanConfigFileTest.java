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
    void cases_areReadWhenGiven_nullWhenNot_andBadValuesNameTheFile() throws Exception {
        assertThat(ScanConfigFile.cases(file("cases: {open_at: medium, notify: 'https://hooks.example.com/T0/B1', "
                + "console_url: 'https://unravel.corp.example'}\n"))).isEqualTo(new ScanConfigFile.Cases("medium",
                        "https://hooks.example.com/T0/B1", "https://unravel.corp.example"));
        assertThat(ScanConfigFile.cases(file("detectors: {}\n"))).isEqualTo(new ScanConfigFile.Cases(null, null,
                null));
        assertThat(ScanConfigFile.cases(null).openAt()).isNull();
        Path typo = file("cases: {open_on: medium}\n");
        assertThatThrownBy(() -> ScanConfigFile.cases(typo)).hasMessage(typo
                + ": unknown key 'cases.open_on' (known: cases.open_at, cases.notify, cases.console_url)");
        assertThatThrownBy(() -> ScanConfigFile.cases(file("cases: medium\n")))
                .hasMessageEndingWith(": cases must be a mapping, e.g. {open_at: medium}");
        assertThatThrownBy(() -> ScanConfigFile.cases(file("cases: {open_at: 3}\n")))
                .hasMessageEndingWith(": cases.open_at must be medium, high or critical");
        assertThatThrownBy(() -> ScanConfigFile.cases(file("cases: {notify: [a, b]}\n")))
                .hasMessageEndingWith(": cases.notify must be a URL");
        assertThatThrownBy(() -> ScanConfigFile.cases(file("case: {open_at: high}\n")))
                .hasMessageContaining("unknown key 'case' (known: cases, detectors, indicators, intel, rules)");
    }

    @Test
    void aDetectorsFilesAreReadFromTheConfigurationsFolder_asIntelAndRulesAre() throws Exception {
        Path f = file("detectors:\n  apply.published-indicator: {files: [lists/fbi.csv, /srv/isac.csv], strength: 0.6}\n");
        dev.unravel.detect.DetectConfig c = ScanConfigFile.load(f, java.util.List.of(), java.util.List.of());
        dev.unravel.detect.Settings s = c.settingsOf("apply.published-indicator");
        assertThat(s.list("files", java.util.List.of())).containsExactly(dir.toAbsolutePath().resolve("lists/fbi.csv")
                .toString(), "/srv/isac.csv");
        assertThat(s.number("strength", 0)).isEqualTo(0.6);
        assertThatThrownBy(() -> ScanConfigFile.load(file("detectors:\n  apply.published-indicator: {files: a.csv}\n"),
                java.util.List.of(), java.util.List.of())).hasMessageEndingWith(
                        ": detectors.apply.published-indicator.files must be a list of paths");

        dev.unravel.detect.DetectConfig scanWide = ScanConfigFile.load(file("indicators: [lists/fbi.csv, /srv/sdn.csv]\n"),
                java.util.List.of(), java.util.List.of());
        assertThat(scanWide.indicators()).as("the scan's lists, for every detector that compares against them")
                .containsExactly(dir.toAbsolutePath().resolve("lists/fbi.csv"), Path.of("/srv/sdn.csv"));
    }
}
