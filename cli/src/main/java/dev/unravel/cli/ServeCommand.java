package dev.unravel.cli;

import dev.unravel.server.Console;
import dev.unravel.store.Store;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unravel serve}: the analysts' console over the store. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the analysts' console over the store: sign in, list the cases, open one (its findings stage by "
                + "stage, its score in each scan, its history), change its status, assignee or disposition and add "
                + "notes, print its brief for HR and legal, and open each saved scan's report; a read-only JSON API "
                + "for the signed-in session (/api/cases, /api/cases/ID, /api/scans). Analysts sign in with the "
                + "names and passwords 'unravel analysts add' gives. Runs until stopped (Ctrl-C).",
            ""},
        footer = {"", "Examples:", "  unravel analysts add dana && unravel serve",
            "  unravel serve --store demo-out-store --port 8080",
            "  unravel serve --store jdbc:postgresql://db.example.com/unravel?user=unravel --bind 0.0.0.0",
            "", "Bound to 127.0.0.1 unless --bind says otherwise; put TLS in front of it (a reverse proxy) before "
                + "binding it to a network."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "The address to listen on. Default: "
            + "${DEFAULT-VALUE} (this machine only).")
    String bind = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "Default: ${DEFAULT-VALUE}; 0 picks a free one.")
    int port = 7300;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0 to 65535");
        }
        PrintWriter out = spec.commandLine().getOut();
        Store s = Store.open(store.location);
        if (s.analysts().isEmpty()) {
            s.close();
            throw new IllegalArgumentException("no analyst can sign in yet: add one first with 'unravel analysts add "
                    + "NAME --store " + store.location + "'");
        }
        String version = Main.version();
        Javalin app = Console.create(s, version);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            s.close();
            stopped.countDown();
        }, "unravel-serve-stop"));
        try {
            app.start(bind, port);
        } catch (RuntimeException e) {
            s.close();
            throw new IllegalArgumentException("cannot listen on " + bind + ":" + port + ": " + rootMessage(e));
        }
        out.printf("Console for the store at %s: http://%s:%d/ (Ctrl-C stops it)%n", s.description(),
                bind.contains(":") ? "[" + bind + "]" : bind, app.port());
        out.flush();
        stopped.await();
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
