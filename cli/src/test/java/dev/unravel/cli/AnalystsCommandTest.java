package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analysts add/list, and serve's refusals, as an administrator runs them. */
class AnalystsCommandTest {

    @TempDir
    Path dir;

    static CliRun withStdin(String input, String... args) {
        InputStream was = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRun.run(args);
        } finally {
            System.setIn(was);
        }
    }

    @Test
    void anAnalystIsAddedFromStandardInput_aPasswordReplaced_andWeakOnesRefused() throws Exception {
        String store = dir.resolve("store").toString();
        CliRun none = CliRun.run("serve", "--store", store, "--port", "0");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no analyst can sign in yet: add one first with 'unravel analysts add NAME "
                + "--store " + store + "'");

        CliRun added = withStdin("correct horse battery\n", "analysts", "add", "dana", "--password-stdin", "--store",
                store);
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).startsWith("Added analyst dana in ");
        assertThat(withStdin("another long password\n", "analysts", "add", "dana", "--password-stdin", "--store",
                store).out()).startsWith("New password for analyst dana in ");

        CliRun weak = withStdin("short\n", "analysts", "add", "lee", "--password-stdin", "--store", store);
        assertThat(weak.code()).isEqualTo(2);
        assertThat(weak.err()).contains("a password needs at least 12 characters");
        CliRun badName = withStdin("correct horse battery\n", "analysts", "add", "dana smith", "--password-stdin",
                "--store", store);
        assertThat(badName.err()).contains("an analyst's name is 1 to 100 letters");
        CliRun empty = withStdin("", "analysts", "add", "lee", "--password-stdin", "--store", store);
        assertThat(empty.err()).contains("--password-stdin: standard input is empty");

        assertThat(CliRun.run("analysts", "list", "--store", store).out()).isEqualTo("dana  analyst\n");
        CliRun viewer = withStdin("correct horse battery\n", "analysts", "add", "hr.pat", "--role", "viewer",
                "--password-stdin", "--store", store);
        assertThat(viewer.out()).as(viewer.err()).startsWith("Added viewer hr.pat in ");
        assertThat(withStdin("a new long password\n", "analysts", "add", "hr.pat", "--password-stdin", "--store",
                store).out()).as("a new password keeps the role").startsWith("New password for viewer hr.pat in ");
        assertThat(withStdin("correct horse battery\n", "analysts", "add", "lee", "--role", "admin",
                "--password-stdin", "--store", store).err()).contains("'admin' is not a role; use analyst");
        assertThat(CliRun.run("analysts", "list", "--store", store).out())
                .isEqualTo("dana    analyst\nhr.pat  viewer  no case shared\n");
        assertThat(CliRun.run("analysts", "role", "hr.pat", "analyst", "--store", store).out())
                .isEqualTo("hr.pat is now an analyst: works the cases.\n");
        assertThat(CliRun.run("analysts", "role", "hr.pat", "viewer", "--store", store).out()).contains("a viewer");
        assertThat(CliRun.run("analysts", "role", "nobody", "viewer", "--store", store).err())
                .contains("no analyst nobody in ");
        assertThat(CliRun.run("analysts", "remove", "hr.pat", "--store", store).code()).isZero();
        assertThat(CliRun.run("analysts", "log", "--store", store).out()).startsWith("The access log of ")
                .endsWith(" is empty.\n");
        try (dev.unravel.store.Store s = dev.unravel.store.Store.open(store)) {
            s.logAccess("dana", "127.0.0.1", "case", "case 3");
        }
        assertThat(CliRun.run("analysts", "log", "--analyst", "dana", "--store", store).out())
                .containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ  dana +127.0.0.1 +case +case 3");

        CliRun token = CliRun.run("analysts", "token", "dana", "--label", "soar", "--store", store);
        assertThat(token.code()).as(token.err()).isZero();
        assertThat(token.out()).matches("unr_[A-Za-z0-9_-]{43}\n");
        assertThat(token.err()).contains("API token 1 for dana (soar), shown only this once; 'unravel analysts revoke "
                + "1'");
        CliRun shipper = CliRun.run("analysts", "token", "dana", "--label", "okta-hook", "--scope", "ingest", "--store",
                store);
        assertThat(shipper.err()).contains("Ingest token 2 for dana (okta-hook)");
        assertThat(CliRun.run("analysts", "token", "dana", "--scope", "admin", "--store", store).err())
                .contains("unknown token scope 'admin'");
        CliRun hook = CliRun.run("analysts", "token", "dana", "--scope", "github-webhook", "--store", store);
        assertThat(hook.code()).as(hook.err()).isZero();
        assertThat(hook.out()).matches("unr_[A-Za-z0-9_-]{43}\n");
        assertThat(hook.err()).contains("GitHub webhook secret 3 for dana (github), shown only this once")
                .contains("Payload URL:  https://CONSOLE/hooks/github").contains("application/json")
                .contains("Pushes").contains("'unravel analysts revoke 3'");
        try (dev.unravel.store.Store s = dev.unravel.store.Store.open(store)) {
            assertThat(s.githubWebhookSecrets()).singleElement()
                    .satisfies(w -> assertThat(w.secret()).isEqualTo(hook.out().trim()));
        }
        assertThat(CliRun.run("analysts", "tokens", "--store", store).out()).contains("dana", "soar", "never")
                .containsPattern("okta-hook +ingest").containsPattern("soar +api")
                .containsPattern("github +github-webhook")
                .doesNotContain(token.out().trim()).doesNotContain(hook.out().trim());
        CliRun batches = CliRun.run("ingest", "batches", "--store", store);
        assertThat(batches.code()).as(batches.err()).isZero();
        assertThat(batches.out()).startsWith("No batches received in ");
        assertThat(CliRun.run("analysts", "token", "nobody", "--store", store).err()).contains("no analyst nobody");
        assertThat(CliRun.run("analysts", "revoke", "1", "--store", store).out()).isEqualTo("Token 1 revoked.\n");
        assertThat(CliRun.run("analysts", "revoke", "1", "--store", store).err()).contains("no token 1 to revoke");

        assertThat(CliRun.run("analysts", "remove", "dana", "--store", store).out()).startsWith("Removed analyst dana");
        assertThat(CliRun.run("analysts", "remove", "dana", "--store", store).err()).contains("no analyst dana to "
                + "remove");
        assertThat(CliRun.run("analysts", "list", "--store", store).out()).startsWith("No analysts in ");

        // the team's own "what to check next": printed, loaded (checked first), put back
        CliRun builtIn = CliRun.run("cases", "checks", "--store", store);
        assertThat(builtIn.out()).contains("access.after-termination:", "stage.control:");
        java.nio.file.Path bad = java.nio.file.Files.writeString(java.nio.file.Path.of(store).resolveSibling("bad.yaml"),
                "apply.phone:\n  - who: Recruiting\n    what: Call.\n");
        CliRun refused = CliRun.run("cases", "checks", "--load", bad.toString(), "--store", store);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("bad.yaml: apply.phone[1]: who must be one of");
        java.nio.file.Path mine = java.nio.file.Files.writeString(java.nio.file.Path.of(store).resolveSibling("mine.yaml"),
                "any:\n  - who: Legal\n    what: Open a matter with Legal (queue INSIDER).\n");
        CliRun loaded = CliRun.run("cases", "checks", "--load", mine.toString(), "--by", "dana", "--store", store);
        assertThat(loaded.code()).as(loaded.err()).isZero();
        assertThat(loaded.out()).contains("Loaded the team's steps from " + mine, "(1 entry)");
        assertThat(loaded.err()).contains("Without an entry of their own", "access.after-termination",
                "Without a stage's step", "stage.control");
        CliRun printed = CliRun.run("cases", "checks", "--store", store);
        assertThat(printed.out()).as("saved as printed, it loads again").isEqualTo(
                "any:\n  - who: Legal\n    what: Open a matter with Legal (queue INSIDER).\n");
        assertThat(printed.err()).contains("loaded into", "by dana");
        assertThat(CliRun.run("cases", "checks", "--reset", "--store", store).out()).contains("show Unravel's own steps again");
        assertThat(CliRun.run("cases", "checks", "--reset", "--store", store).out()).contains("already show Unravel's own");
        assertThat(CliRun.run("cases", "checks", "--load", mine.toString(), "--reset", "--store", store).err())
                .contains("--load or --reset, not both");

        CliRun port = CliRun.run("serve", "--store", store, "--port", "70000");
        assertThat(port.err()).contains("--port must be 0 to 65535");
    }
}
