package dev.unravel.core;

import java.util.Locale;

/** A count in words for people to read: "1 rule", "3,141 rules", "0 matches". */
public final class Count {
    private Count() {
    }

    /** {@code n} with thousands separators and the noun in the number it needs. */
    public static String of(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }
}
