package dev.unravel.cli;

import dev.unravel.server.Passwords;
import dev.unravel.store.Store;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unravel analysts}: who may sign in to the console. */
@Command(name = "analysts",
        mixinStandardHelpOptions = true,
        description = {"The analysts who may sign in to the console ('unravel serve'): add one or change their "
            + "password, change their role, remove one, list them, or read the access log (sign-ins, failed ones too, "
            + "and every case, brief and report opened). An analyst works the cases; a viewer (HR, legal, a manager "
            + "being briefed) reads the cases shared with them ('unravel cases share'), their briefs and records, and "
            + "changes nothing. Passwords are kept only as "
            + "Argon2id hashes.", ""},
        subcommands = {AnalystsCommand.Add.class, AnalystsCommand.Role.class, AnalystsCommand.Remove.class,
            AnalystsCommand.ListAnalysts.class,
            AnalystsCommand.Log.class,
            AnalystsCommand.Token.class, AnalystsCommand.Tokens.class, AnalystsCommand.Revoke.class},
        footer = {"", "Examples:", "  unravel analysts add dana", "  unravel analysts add hr.pat --role viewer",
            "  unravel analysts role hr.pat analyst",
            "  printf '%%s\\n' \"$PASSWORD\" | unravel analysts add dana --password-stdin --store demo-out-store",
            "  unravel analysts list", "  unravel analysts log --analyst dana --limit 50",
            "  unravel analysts token dana --label soar", "  unravel analysts token dana --label okta-hook --scope ingest",
            "  unravel analysts tokens", "  unravel analysts revoke 3",
            "  unravel analysts remove dana"})
public final class AnalystsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds an analyst, or sets a new password for one. The password is asked for twice "
                + "without echo, or read as one line from standard input with --password-stdin; at least "
                + Passwords.MIN_LENGTH + " characters.", ""},
            footer = {"", "Example:", "  unravel analysts add dana"})
    static final class Add extends StoreCommand {

        @Parameters(paramLabel = "NAME", description = "The name to sign in with (letters, digits, . _ @ -).")
        String name;

        @Option(names = "--password-stdin", description = "Read the password as one line from standard input.")
        boolean fromStdin;

        @Option(names = "--role", paramLabel = "ROLE", description = "analyst (works the cases; the default for "
                + "someone new) or viewer (reads the cases shared with them, their briefs and records; changes nothing). Without it, "
                + "someone who exists keeps their role.")
        String role;

        private String password;

        @Override
        void check() throws IOException {
            if (role != null) {
                Store.AnalystRole.parse(role); // a wrong role is told before the password is asked for
            }
            password = fromStdin ? stdinLine() : prompted();
            String weak = Passwords.weakness(password);
            if (weak != null) {
                throw new IllegalArgumentException(weak);
            }
        }

        @Override
        int run(Store s, PrintWriter out) {
            boolean added = s.putAnalyst(name, Passwords.hash(password), role == null ? null
                    : Store.AnalystRole.parse(role));
            String as = s.analystRole(name).map(Store.AnalystRole::id).orElse("analyst");
            out.println((added ? "Added " + as + " " : "New password for " + as + " ") + name + " in "
                    + s.description() + ".");
            return 0;
        }

        private static String stdinLine() throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new IllegalArgumentException("--password-stdin: standard input is empty");
            }
            return line;
        }

        private static String prompted() {
            Console console = System.console();
            if (console == null) {
                throw new IllegalArgumentException("no terminal to ask for the password: pass it on standard input "
                        + "with --password-stdin");
            }
            char[] first = console.readPassword("Password for the console: ");
            char[] again = console.readPassword("Again: ");
            if (first == null || again == null || !java.util.Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the two passwords differ");
            }
            return new String(first);
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true,
            description = {"Changes what someone who signs in may do: analyst (works the cases) or viewer (reads the "
                + "cases shared with them, their briefs and records; changes nothing). It holds from their next request, in the "
                + "console and through their API tokens.", ""},
            footer = {"", "Example:", "  unravel analysts role hr.pat viewer"})
    static final class Role extends StoreCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "Who.")
        String name;

        @Parameters(index = "1", paramLabel = "ROLE", description = "analyst or viewer.")
        String role;

        private Store.AnalystRole parsed;

        @Override
        void check() {
            parsed = Store.AnalystRole.parse(role);
        }

        @Override
        int run(Store s, PrintWriter out) {
            if (!s.setAnalystRole(name, parsed)) {
                throw new IllegalArgumentException("no analyst " + name + " in " + s.description()
                        + " ('unravel analysts add " + name + " --role " + parsed.id() + "' adds one)");
            }
            out.println(name + " is now " + (parsed == Store.AnalystRole.VIEWER ? "a viewer: reads the cases "
                    + "shared with them ('unravel cases share CASE " + name + "'), changes nothing." : "an analyst: works the cases."));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Removes an analyst: they can no longer sign in, their open sessions end at their next "
                + "request, and their API tokens are revoked. Their name stays in the case histories and the access "
                + "log; 'analysts add' lets them back in.", ""},
            footer = {"", "Example:", "  unravel analysts remove dana"})
    static final class Remove extends StoreCommand {

        @Parameters(paramLabel = "NAME", description = "The analyst to remove.")
        String name;

        @Override
        int run(Store s, PrintWriter out) {
            if (!s.removeAnalyst(name)) {
                throw new IllegalArgumentException("no analyst " + name + " to remove in " + s.description());
            }
            out.println("Removed analyst " + name + "; their sessions end and their API tokens are revoked.");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"Lists who may sign in, by name, "
            + "with their roles.", ""})
    static final class ListAnalysts extends StoreCommand {

        @Override
        int run(Store s, PrintWriter out) {
            List<Store.AnalystEntry> entries = s.analystEntries();
            if (entries.isEmpty()) {
                out.println("No analysts in " + s.description() + ": add one with 'unravel analysts add NAME'.");
            }
            int width = entries.stream().mapToInt(a -> a.name().length()).max().orElse(0);
            for (Store.AnalystEntry a : entries) {
                out.printf("%-" + width + "s  %s%s%n", a.name(), a.role().id(), a.role() != Store.AnalystRole.VIEWER
                        ? "" : "  " + shared(s.casesSharedWith(a.name())));
            }
            return 0;
        }
    }

    /** A viewer's cases, as the list shows them: {@code cases 3, 7} or {@code no case shared}. */
    static String shared(java.util.Set<Long> cases) {
        if (cases.isEmpty()) {
            return "no case shared";
        }
        return (cases.size() == 1 ? "case " : "cases ") + cases.stream().sorted().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    @Command(name = "log", mixinStandardHelpOptions = true,
            description = {"Prints the console's access log, newest first: sign-ins (failed and held ones too), "
                + "sign-outs, and each case, brief, report and JSON opened or changed, with the address it came "
                + "from.", ""},
            footer = {"", "Examples:", "  unravel analysts log", "  unravel analysts log --analyst dana --limit 500"})
    static final class Log extends StoreCommand {

        @Option(names = "--analyst", paramLabel = "NAME", description = "Only this analyst's entries.")
        String analyst;

        @Option(names = "--limit", paramLabel = "N", description = "At most this many. Default: ${DEFAULT-VALUE}.")
        int limit = 100;

        @Override
        void check() {
            atLeastOne(limit, "--limit");
        }

        @Override
        int run(Store s, PrintWriter out) {
            List<Store.AccessEntry> log = s.accessLog(analyst, limit);
            if (log.isEmpty()) {
                out.println("The access log of " + s.description() + " is empty"
                        + (analyst == null ? "." : " for " + analyst + "."));
            }
            for (Store.AccessEntry e : log) {
                out.printf("%s  %-16s %-15s %-15s %s%n", CasesCommand.at(e.at()), e.analyst(),
                        e.address() == null ? "-" : e.address(), e.action(), e.target() == null ? "" : e.target());
            }
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = {"Makes a token with which another tool uses the console as this analyst: 'Authorization: "
                + "Bearer TOKEN'. An API token (the default) lets a SOAR playbook or a ticketing system read and work "
                + "the cases through the JSON API; an ingest token (--scope ingest) lets a log shipper or a vendor's "
                + "event hook send logs to /api/ingest/SOURCE, and nothing else. The token is printed once; the store "
                + "keeps only its SHA-256.",
                "With --scope github-webhook it makes the secret of a GitHub webhook that posts to /hooks/github: "
                + "GitHub signs each delivery with it and sends no token, so the store keeps the secret itself (it "
                + "signs deliveries and opens nothing else).", ""},
            footer = {"", "Examples:", "  unravel analysts token dana --label soar",
                "  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:7300/api/cases",
                "  unravel analysts token dana --label okta-hook --scope ingest",
                "  unravel analysts token dana --label acme-org --scope github-webhook"})
    static final class Token extends StoreCommand {

        @Parameters(paramLabel = "NAME", description = "The analyst the token acts for.")
        String name;

        @Option(names = "--label", paramLabel = "TEXT", description = "What the token is for. Default: "
                + "${DEFAULT-VALUE}.")
        String label = "api";

        @Option(names = "--scope", paramLabel = "SCOPE", description = "api (the cases API), ingest (sending logs "
                + "only) or github-webhook (a GitHub webhook's secret). Default: ${DEFAULT-VALUE}.")
        String scope = "api";

        private Store.TokenScope what;

        @Override
        void check() {
            what = Store.TokenScope.parse(scope);
        }

        @Override
        int run(Store s, PrintWriter out) {
            String token = dev.unravel.server.ApiTokens.newToken();
            PrintWriter err = spec.commandLine().getErr();
            if (what == Store.TokenScope.GITHUB_WEBHOOK) {
                String hookLabel = "api".equals(label) ? "github" : label;
                long id = s.addGithubWebhook(name, token, dev.unravel.server.ApiTokens.hash(token), hookLabel);
                out.println(token);
                err.println("GitHub webhook secret " + id + " for " + name + " (" + hookLabel + "), shown only this "
                        + "once. In GitHub (the organisation's or repository's Settings, Webhooks, Add webhook):");
                err.println("  Payload URL:  https://CONSOLE/hooks/github   (?source=NAME keeps the deliveries under "
                        + "another source than github-webhook)");
                err.println("  Content type: application/json");
                err.println("  Secret:       the line above");
                err.println("  Events:       Pushes (their commit times show the clock code was written on)");
                err.println("The console takes deliveries when served with --spool. The store keeps this secret, as "
                        + "GitHub does, to check each signature; 'unravel analysts revoke " + id + "' withdraws it.");
                return 0;
            }
            long id = s.addToken(name, dev.unravel.server.ApiTokens.hash(token), label, what);
            out.println(token); // alone on standard output, for $(…); what it is goes to standard error
            err.println((what == Store.TokenScope.INGEST ? "Ingest token " : "API token ")
                    + id + " for " + name + " (" + label + "), shown only this once; 'unravel analysts revoke " + id
                    + "' withdraws it.");
            return 0;
        }
    }

    @Command(name = "tokens", mixinStandardHelpOptions = true, description = {"Lists the tokens (never the "
        + "tokens themselves): whose, what for, their scope (api, ingest or github-webhook), made, last used, revoked.", ""})
    static final class Tokens extends StoreCommand {

        @Override
        int run(Store s, PrintWriter out) {
            List<Store.TokenEntry> tokens = s.tokens();
            if (tokens.isEmpty()) {
                out.println("No tokens in " + s.description() + ".");
                return 0;
            }
            out.printf("%5s  %-16s %-20s %-14s %-17s %-17s %s%n", "TOKEN", "ANALYST", "LABEL", "SCOPE", "MADE",
                    "LAST USED", "REVOKED");
            for (Store.TokenEntry t : tokens) {
                out.printf("%5d  %-16s %-20s %-14s %-17s %-17s %s%n", t.id(), t.analyst(), t.label(), t.scope().id(),
                        CasesCommand.at(t.createdAt()), t.lastUsedAt() == null ? "never" : CasesCommand.at(
                                t.lastUsedAt()), t.revokedAt() == null ? "-" : CasesCommand.at(t.revokedAt()));
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = {"Withdraws a token at once.",
        ""}, footer = {"", "Example:", "  unravel analysts revoke 3"})
    static final class Revoke extends StoreCommand {

        @Parameters(paramLabel = "TOKEN", description = "The token's number ('unravel analysts tokens').")
        long id;

        @Override
        int run(Store s, PrintWriter out) {
            if (!s.revokeToken(id)) {
                throw new IllegalArgumentException("no token " + id + " to revoke in " + s.description()
                        + " (unknown, or revoked already)");
            }
            out.println("Token " + id + " revoked.");
            return 0;
        }
    }
}
