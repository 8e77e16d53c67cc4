package dev.unravel.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void namesAreComparedWithoutCaseOrSurroundingSpace_andAWrongTypeIsNamed() {
        Settings s = new Settings("control.remote-access-tool",
                Map.of("approved_tools", List.of(" ScreenConnect", "TeamViewer "), "min_repos", 20));
        assertThat(s.names("approved_tools")).containsExactlyInAnyOrder("screenconnect", "teamviewer");
        assertThat(s.names("excluded_actors")).isEmpty();
        assertThatThrownBy(() -> s.names("min_repos")).hasMessageContaining(
                "detectors.control.remote-access-tool.min_repos must be a list");
    }
}
