package dev.unravel.ingest.read;

/**
 * Bounds on hostile input: a record larger than {@link #maxRecordBytes}, nested deeper than
 * {@link #maxDepth} or with a string longer than {@link #maxStringBytes} is rejected without
 * being held in memory whole.
 */
public record Limits(int maxRecordBytes, int maxDepth, int maxStringBytes, int excerptChars) {

    public static final Limits DEFAULT = new Limits(16 << 20, 64, 8 << 20, 240);

    /** A value for an error message: quoted and cut to a readable length. */
    public static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        if (s.length() > 80) {
            s = s.substring(0, 77) + "...";
        }
        return value instanceof String ? "\"" + s.replace("\"", "\\\"") + "\"" : s;
    }
}
