package dev.unravel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Credentials as the commands take them: from a file (an option) or an environment variable, never
 * from the command line, where other users of the machine can read them in the process list.
 */
final class Secrets {
    private Secrets() {
    }

    /**
     * The credential in {@code file} (its content, blanks around it dropped), else in the environment
     * variable {@code env}.
     *
     * @param option the option that names the file, for the message when neither is given
     * @param what what the credential is ("token", "client secret"), for messages
     * @throws IllegalArgumentException when the file is missing or empty, or neither is given
     */
    static String read(Path file, String option, String env, String what) throws IOException {
        return read(file, option, env, what, "");
    }

    /** As {@link #read(Path, String, String, String)}, {@code howToGet} said when neither is given. */
    static String read(Path file, String option, String env, String what, String howToGet) throws IOException {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(what + " file " + file + " does not exist");
            }
            String value = Files.readString(file).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(what + " file " + file + " is empty");
            }
            return value;
        }
        String value = System.getenv(env);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("give the " + what + " in a file (" + option
                    + ") or in the environment variable " + env + (howToGet.isEmpty() ? "" : " (" + howToGet + ")"));
        }
        return value.strip();
    }
}
