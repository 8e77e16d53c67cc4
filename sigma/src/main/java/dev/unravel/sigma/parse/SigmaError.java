package dev.unravel.sigma.parse;

/**
 * Why a rule (or a pipeline, or a rule file) could not be loaded: where, what, and which clause of
 * the Sigma specification it breaks. Thrown inside the parse and compile stages and collected by
 * the loader, which keeps loading the other rules.
 *
 * <p>The message reads {@code file:line:column: what is wrong [spec clause]}; {@code clause} names
 * the specification document and section (e.g. {@code rules §Condition}), or is empty for limits
 * that are Unravel's own (YAML bombs, oversized rules).
 */
public final class SigmaError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String reason;
    private final String clause;

    public SigmaError(String file, int line, int column, String reason, String clause) {
        this(file, line, column, reason, clause, null);
    }

    public SigmaError(String file, int line, int column, String reason, String clause, Throwable cause) {
        super(format(file, line, column, reason, clause), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
        this.clause = clause == null ? "" : clause;
    }

    /** An error found below the file level, without the file name yet; the loader adds it. */
    public static SigmaError at(Y node, String reason, String clause) {
        return new SigmaError(null, node == null ? 0 : node.line, node == null ? 0 : node.column, reason, clause);
    }

    public static SigmaError at(int line, int column, String reason, String clause) {
        return new SigmaError(null, line, column, reason, clause);
    }

    /** The same error, now knowing its file. */
    public SigmaError inFile(String fileName) {
        return file != null ? this : new SigmaError(fileName, line, column, reason, clause, getCause());
    }

    private static String format(String file, int line, int column, String reason, String clause) {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file);
        }
        if (line > 0) {
            b.append(file != null ? ":" : "line ").append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        if (b.length() > 0) {
            b.append(": ");
        }
        b.append(reason);
        if (clause != null && !clause.isEmpty()) {
            b.append(" [").append(clause).append(']');
        }
        return b.toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }

    public String clause() {
        return clause;
    }
}
