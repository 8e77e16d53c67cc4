package dev.unravel.cli;

import dev.unravel.store.Store;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand that works on the store ({@code --store}): its options are checked first
 * ({@link #check}), so that a mistake is told at once and not after waiting for a busy embedded
 * store; then the store is opened for {@link #run} and closed after, whatever happens.
 */
abstract class StoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Override
    public final Integer call() throws Exception {
        check();
        PrintWriter out = spec.commandLine().getOut();
        try (Store s = Store.open(store.location)) {
            int code = run(s, out);
            out.flush();
            return code;
        }
    }

    /** Checks (and reads) what the command needs before the store is opened; nothing by default. */
    void check() throws Exception {
    }

    /** The command's work on the open store; returns the exit code. */
    abstract int run(Store s, PrintWriter out) throws Exception;

    /** {@code --limit} and its like: at least one. */
    static int atLeastOne(int value, String option) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return value;
    }
}
