package dev.unravel.core.cases;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a case stands in an analyst's work. Only {@link #CLOSED} carries a {@link Disposition}. */
public enum CaseStatus {
    /** Opened by a scan, not yet looked at. */
    OPEN,
    /** An analyst is working it. */
    INVESTIGATING,
    /** Handed to HR, legal or law enforcement. */
    ESCALATED,
    /** Decided: see the case's disposition. */
    CLOSED;

    /** The name written in the store and typed on the command line: {@code open}, {@code investigating}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean active() {
        return this != CLOSED;
    }

    /** Parses a status as typed ({@code Investigating}, {@code closed}), naming the valid ones when it is none. */
    public static CaseStatus parse(String text) {
        for (CaseStatus s : values()) {
            if (s.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a case status; use one of " + ids(values()));
    }

    static String ids(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
