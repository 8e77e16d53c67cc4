package dev.unravel.sigma.parse;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One value a rule writes: a string (with Sigma's wildcards and escapes still in it), a number, a
 * boolean, or null. Numbers keep the text the rule wrote so that {@code 0x10} and {@code 16} can
 * both be compared as written and as numbers.
 */
public record SigmaValue(Kind kind, String text, Object value, int line, int column) {

    public enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    public static SigmaValue of(Y.Scalar s) {
        Kind k;
        if (s.value == null) {
            k = Kind.NULL;
        } else if (s.value instanceof Boolean) {
            k = Kind.BOOLEAN;
        } else if (s.isNumber()) {
            k = Kind.NUMBER;
        } else {
            k = Kind.STRING;
        }
        return new SigmaValue(k, s.text, s.value, s.line, s.column);
    }

    public static SigmaValue string(String s) {
        return new SigmaValue(Kind.STRING, s, s, 0, 0);
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** The number as a BigDecimal, or null if this is not a number. */
    public BigDecimal decimal() {
        if (value instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
            return BigDecimal.valueOf(d);
        }
        return null;
    }

    /**
     * The value as Sigma text: strings as written, numbers in their canonical decimal form
     * ({@code 0x10} → {@code 16}; pySigma reads numbers the same way), booleans as
     * {@code true}/{@code false}.
     */
    public String asText() {
        return switch (kind) {
            case STRING -> text;
            case NUMBER -> value instanceof Double d ? text : String.valueOf(value);
            case BOOLEAN -> String.valueOf(value);
            case NULL -> "";
        };
    }
}
