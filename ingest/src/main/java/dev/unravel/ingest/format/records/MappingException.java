package dev.unravel.ingest.format.records;

/**
 * A column-mapping file that cannot be used: which file, where in it, and what is wrong, e.g.
 * {@code workday.yaml:7:3: columns: hr-employees has no column 'hire_dt'; its columns are ...}.
 */
public final class MappingException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param line   1-based line, or 0 when the problem is the file as a whole
     * @param column 1-based column, or 0 when unknown
     */
    public MappingException(String file, int line, int column, String problem) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem, null, false,
                false);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
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

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
