package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void help_listsEveryCommand() {
        CliRun r = CliRun.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("simulate", "demo", "fraudulent remote IT workers");
    }

    @Test
    void simulateHelp_explainsEveryOption() {
        CliRun r = CliRun.run("simulate", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--employees", "--days", "--seed", "--fraud", "--start", "--out", "--force",
                "--quiet", "--office", "Default: 200", "Examples:", "--office google");
    }

    @Test
    void everyCommand_hasHelp() {
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            if (command.equals("help")) {
                continue;
            }
            CliRun r = CliRun.run(command, "--help");
            assertThat(r.code()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: unravel " + command);
        }
    }

    @Test
    void simulate_negativeEmployees_isOneLineErrorAndExit2(@TempDir Path tmp) {
        CliRun r = CliRun.run("simulate", "--employees", "-5", "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--employees", "-5");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void simulate_tooManyFraud_isRejected(@TempDir Path tmp) {
        CliRun r = CliRun.run("simulate", "--employees", "20", "--fraud", "9", "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--fraud");
    }

    @Test
    void simulate_nonNumericDays_isUsageError(@TempDir Path tmp) {
        CliRun r = CliRun.run("simulate", "--days", "many", "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--days");
    }

    @Test
    void simulate_webProxy_writesZscalersLog_andAnUnknownProxyIsAUsageError(@TempDir Path tmp) throws Exception {
        CliRun r = CliRun.run("simulate", "--employees", "10", "--days", "1", "--fraud", "1", "--web-proxy", "zscaler",
                "--quiet", "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isZero();
        try (var days = Files.list(tmp.resolve("o/zscaler"))) {
            assertThat(days.map(d -> d.resolve("web.json")).filter(Files::isRegularFile)).isNotEmpty();
        }

        CliRun bad = CliRun.run("simulate", "--web-proxy", "squid", "--out", tmp.resolve("b").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'squid' is not a web proxy the simulator writes: zscaler, umbrella, cloudflare or none");
        assertThat(CliRun.run("simulate", "--help").out()).contains("--web-proxy", "Default: none.");
    }

    @Test
    void simulate_vpn_writesGlobalProtectsLog_andAnUnknownVpnIsAUsageError(@TempDir Path tmp) throws Exception {
        CliRun r = CliRun.run("simulate", "--employees", "10", "--days", "2", "--fraud", "1", "--vpn", "GlobalProtect",
                "--quiet", "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isZero();
        try (var days = Files.list(tmp.resolve("o/globalprotect"))) {
            assertThat(days.map(d -> d.resolve("gp-syslog.log")).filter(Files::isRegularFile)).isNotEmpty();
        }

        CliRun bad = CliRun.run("simulate", "--vpn", "openvpn", "--out", tmp.resolve("b").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'openvpn' is not a VPN the simulator writes: globalprotect, fortigate, anyconnect, zpa or none");
        assertThat(CliRun.run("simulate", "--help").out()).contains("--vpn=VPN", "globalprotect");
    }

    @Test
    void simulate_officeGoogle_writesWorkspacesActivitiesNotMicrosoft365s(@TempDir Path tmp) throws Exception {
        CliRun r = CliRun.run("simulate", "--employees", "10", "--days", "2", "--fraud", "1", "--office", "Google",
                "--quiet", "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isZero();
        assertThat(tmp.resolve("o/m365")).doesNotExist();
        try (var days = Files.list(tmp.resolve("o/google"))) {
            assertThat(days.map(d -> d.getFileName().toString())).contains("activities-2026-03-02.ndjson");
        }

        CliRun bad = CliRun.run("simulate", "--office", "zoho", "--out", tmp.resolve("b").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'zoho' is not an office suite the simulator writes: microsoft or google");
    }

    @Test
    void simulate_daysAfterTomorrow_areSimulated_withANoteThatAScanWouldQuarantineThem(@TempDir Path tmp) {
        String start = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3).toString();
        CliRun r = CliRun.run("simulate", "--employees", "10", "--days", "1", "--fraud", "1", "--start", start,
                "--quiet", "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("Note: the simulated days run to " + start, "quarantines log events");
        assertThat(tmp.resolve("o/truth.json")).exists();

        CliRun past = CliRun.run("simulate", "--employees", "10", "--days", "1", "--fraud", "1", "--quiet", "--out",
                tmp.resolve("p").toString());
        assertThat(past.code()).isZero();
        assertThat(past.err()).isEmpty();
    }

    @Test
    void simulate_nonEmptyOutputWithoutForce_isRefusedAndUntouched(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("o");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRun r = CliRun.run("simulate", "--employees", "10", "--days", "1", "--fraud", "1", "--out", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").contains("not empty", "--force");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void simulate_outputUnderAFile_failsWithoutLeavingAnything(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        CliRun r = CliRun.run("simulate", "--employees", "10", "--days", "1", "--fraud", "1", "--out",
                file.resolve("sub").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err().strip()).doesNotContain("\n").contains("plain-file");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void simulate_smallRun_writesEverySourceAndTruth(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("o");
        CliRun r = CliRun.run("simulate", "--employees", "30", "--days", "3", "--fraud", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Simulated", "records/s", "okta", "truth.json");
        assertThat(out.resolve("truth.json")).exists();
        assertThat(out.resolve("simulation.json")).exists();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).containsExactly(out);
        }
    }

    @Test
    void simulate_force_replacesANonEmptyFolder(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("o");
        Files.createDirectories(out);
        Files.writeString(out.resolve("stale.txt"), "old");
        CliRun r = CliRun.run("simulate", "--employees", "10", "--days", "1", "--fraud", "1", "--force", "--quiet", "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(out.resolve("stale.txt")).doesNotExist();
        assertThat(out.resolve("truth.json")).exists();
    }
}
