package dev.unravel.core.cases;

import java.util.Locale;

/** How a closed case was decided. */
public enum Disposition {
    /** The worker or applicant was not who they claimed to be, or acted for someone else. */
    FRAUD,
    /** Explained: a genuine worker whose signals have an innocent cause. */
    BENIGN,
    /** Not enough to decide either way. */
    INCONCLUSIVE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Disposition parse(String text) {
        for (Disposition d : values()) {
            if (d.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a disposition; use one of "
                + CaseStatus.ids(values()));
    }
}
