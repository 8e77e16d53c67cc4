package dev.unravel.core;

import java.util.Locale;

/** How a worker is engaged; contractors abroad are legitimate and must not look like fraud by default. */
public enum EmploymentType {
    EMPLOYEE, CONTRACTOR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EmploymentType parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
