package dev.unravel.detect.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteToolCatalogueTest {

    final RemoteToolCatalogue catalogue = RemoteToolCatalogue.builtIn();

    @Test
    void findsToolsByProcessPathOnWindowsAndMacos() {
        assertThat(catalogue.byPath("C:\\Users\\bmiller\\Downloads\\AnyDesk.exe").name()).isEqualTo("AnyDesk");
        assertThat(catalogue.byPath("/Applications/RustDesk.app/Contents/MacOS/rustdesk").name()).isEqualTo("RustDesk");
        assertThat(catalogue.byPath("/Applications/TeamViewer.app/Contents/MacOS/TeamViewer_Desktop").name())
                .isEqualTo("TeamViewer");
        assertThat(catalogue.byPath("C:\\Program Files (x86)\\Google\\Chrome Remote Desktop\\130.0\\remoting_host.exe")
                .name()).isEqualTo("Chrome Remote Desktop");
        assertThat(catalogue.byPath("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe")).isNull();
        assertThat(catalogue.byPath("/Applications/Slack.app/Contents/MacOS/Slack")).isNull();
        assertThat(catalogue.byPath(null)).isNull();
    }

    @Test
    void findsToolsByInstalledProgramNameIgnoringVersionsAndInstanceIds() {
        assertThat(catalogue.byProgram("ScreenConnect Client (2a4f1e8c7b3d9a06)").name()).isEqualTo("ScreenConnect");
        assertThat(catalogue.byProgram("AnyDesk").name()).isEqualTo("AnyDesk");
        assertThat(catalogue.byProgram("TeamViewer 15").name()).isEqualTo("TeamViewer");
        assertThat(catalogue.byProgram("com.purslaneltd.rustdesk").name()).isEqualTo("RustDesk");
        assertThat(catalogue.byProgram("Zoom Workplace")).isNull();
    }

    @Test
    void findsToolsByRelayDomainButNotByLookalikeOrSharedPlatformNames() {
        assertThat(catalogue.byDomain("relay-4b5f6a1c.net.anydesk.com").name()).isEqualTo("AnyDesk");
        assertThat(catalogue.byDomain("rs-ny.rustdesk.com.").name()).isEqualTo("RustDesk");
        assertThat(catalogue.byDomain("remotedesktop-pa.googleapis.com").name()).isEqualTo("Chrome Remote Desktop");
        assertThat(catalogue.byDomain("update.googleapis.com")).isNull();
        assertThat(catalogue.byDomain("notanydesk.com")).isNull();
        assertThat(catalogue.byDomain("github.com")).isNull();
    }

    @Test
    void programKeysDropBracketsVersionsAndBundleSuffixes() {
        assertThat(RemoteToolCatalogue.programKey("ScreenConnect Client (2a4f)")).isEqualTo("screenconnect client");
        assertThat(RemoteToolCatalogue.programKey("RustDesk.app")).isEqualTo("rustdesk");
        assertThat(RemoteToolCatalogue.programKey("TeamViewer 15.52.3")).isEqualTo("teamviewer");
        assertThat(RemoteToolCatalogue.programKey("  ")).isNull();
    }

    @Test
    void aBrokenCatalogueFileIsReportedAndTheOthersStillLoad(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.yaml"), "Name: Broken\nDetails:\n  PEMetadata: [unclosed\n");
        Files.writeString(dir.resolve("tool.yaml"), """
                Name: Fleetwise Remote
                Category: RMM
                Details:
                    PEMetadata:
                        - Filename: fleetwise_agent.exe
                    InstallationPaths:
                        - C:\\Program Files\\Fleetwise\\setup.exe
                Artifacts:
                    Network:
                        - Domains:
                              - '*.fleetwise-remote.example'
                              - github.com
                """);
        RemoteToolCatalogue c = RemoteToolCatalogue.builtInWith(List.of(dir));
        assertThat(c.errors()).singleElement().asString().contains("broken.yaml");
        assertThat(c.lolrmmFiles()).isEqualTo(1);
        assertThat(c.byExecutable("fleetwise_agent.exe").name()).isEqualTo("Fleetwise Remote");
        assertThat(c.byExecutable("setup.exe")).as("too generic").isNull();
        assertThat(c.byDomain("eu1.fleetwise-remote.example").name()).isEqualTo("Fleetwise Remote");
        assertThat(c.byDomain("github.com")).isNull();
    }
}
