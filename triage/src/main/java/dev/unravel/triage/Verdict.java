package dev.unravel.triage;

/** What a triage concludes about one email, most serious first. */
public enum Verdict {
    /** An extortion demand whose proof contains the company's own files. */
    CONFIRMED_LEAK("confirmed leak"),
    /** An extortion demand whose proof could not be matched to the company's files (or none was offered). */
    UNCONFIRMED_CLAIM("unconfirmed claim"),
    /** No extortion demand. */
    NOT_EXTORTION("not extortion");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The words a report prints. */
    public String label() {
        return label;
    }

    /** The more serious of two verdicts. */
    public static Verdict worst(Verdict a, Verdict b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
