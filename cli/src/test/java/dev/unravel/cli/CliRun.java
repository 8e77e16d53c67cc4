package dev.unravel.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One command-line invocation in a test: its exit code and what it printed to each stream. */
record CliRun(int code, String out, String err) {

    /** A 60-person company simulated over 20 days into {@code dir}/sim (a few seconds): a scan opens cases in it. */
    static java.nio.file.Path smallCompany(java.nio.file.Path dir) {
        java.nio.file.Path sim = dir.resolve("sim");
        CliRun r = run("simulate", "--employees", "60", "--days", "20", "--out", sim.toString(), "--quiet");
        if (r.code() != 0) {
            throw new AssertionError("the simulation failed: " + r.err());
        }
        return sim;
    }

    static CliRun run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
