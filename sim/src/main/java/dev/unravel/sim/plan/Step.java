package dev.unravel.sim.plan;

import java.util.Locale;

/** The steps of a fraudulent worker's timeline that the ground truth records. */
public enum Step {
    APPLIED("applicants"),
    HIRED("hr"),
    LAPTOP_SHIPPED("assets"),
    FIRST_REMOTE_CONTROL(null),
    FIRST_EXFILTRATION("github"),
    TERMINATED("hr"),
    EXTORTION_EMAIL("email");

    private final String defaultSource;

    Step(String defaultSource) {
        this.defaultSource = defaultSource;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The output folder whose records show the step, when it does not depend on the persona. */
    public String defaultSource() {
        return defaultSource;
    }
}
