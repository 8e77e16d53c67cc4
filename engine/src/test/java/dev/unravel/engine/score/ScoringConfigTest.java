package dev.unravel.engine.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsLoadAndAFileOverridesOnlyWhatItSays() throws Exception {
        ScoringConfig d = ScoringConfig.defaults();
        assertThat(d.high()).isEqualTo(0.60);
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "levels: {high: 0.7}\ndetectors: {access.vpn: 0}\nstages: {apply: 0.5}\n");
        ScoringConfig c = ScoringConfig.load(f);
        assertThat(c.high()).isEqualTo(0.7);
        assertThat(c.medium()).isEqualTo(d.medium());
        assertThat(c.weightOf("access.vpn", Stage.ACCESS)).isZero();
        assertThat(c.weightOf("apply.x", Stage.APPLY)).isEqualTo(0.5);
    }

    @Test
    void typosAndWrongTypesAreErrorsNamingFileAndKey() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "signal_capp: 0.4\n");
        assertThatThrownBy(() -> ScoringConfig.load(f)).hasMessageContaining("bad.yaml")
                .hasMessageContaining("signal_capp");
        Files.writeString(f, "levels: {hgh: 0.7}\n");
        assertThatThrownBy(() -> ScoringConfig.load(f)).hasMessageContaining("levels.hgh");
        Files.writeString(f, "repeats: {factor: lots}\n");
        assertThatThrownBy(() -> ScoringConfig.load(f)).hasMessageContaining("repeats.factor");
        Files.writeString(f, "levels: {medium: 0.9}\n");
        assertThatThrownBy(() -> ScoringConfig.load(f)).hasMessageContaining("levels must rise");
        Files.writeString(f, "stages: {hiring: 1}\n");
        assertThatThrownBy(() -> ScoringConfig.load(f)).hasMessageContaining("stages.hiring");
    }
}
