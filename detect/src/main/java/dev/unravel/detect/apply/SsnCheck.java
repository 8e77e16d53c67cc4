package dev.unravel.detect.apply;

import java.time.LocalDate;
import java.util.Set;

/**
 * What the Social Security Administration's numbering rules say about an SSN, without ever
 * returning or logging the number: never-issued areas (000, 666, 900–999), group 00 and serial 0000,
 * numbers published as examples, and numbers from areas first issued after the June 2011
 * randomisation held by someone born long before it.
 */
public final class SsnCheck {

    /** The verdict: how implausible, and why in words (no digits). */
    public record Verdict(double strength, String reason) {
    }

    /** Numbers printed on sample cards and in advertising, invalidated by the SSA. */
    private static final Set<String> PUBLISHED = Set.of("078051120", "219099999", "123456789");

    /** SSNs issued by the randomised scheme from 25 June 2011 on. */
    private static final LocalDate RANDOMISATION = LocalDate.of(2011, 6, 25);

    private SsnCheck() {
    }

    /** Nine digits, with or without the usual dashes or spaces; null otherwise. */
    public static String digits(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        if (!s.matches("\\d{3}[- ]?\\d{2}[- ]?\\d{4}")) {
            return null;
        }
        return s.replace("-", "").replace(" ", "");
    }

    /**
     * The verdict on nine digits, or null when nothing is wrong. {@code eraStrength} weighs the
     * weak issuance-era check (0 turns it off).
     */
    public static Verdict check(String nineDigits, LocalDate dateOfBirth, double eraStrength) {
        int area = Integer.parseInt(nineDigits.substring(0, 3));
        int group = Integer.parseInt(nineDigits.substring(3, 5));
        int serial = Integer.parseInt(nineDigits.substring(5));
        if (area == 0 || area == 666 || area >= 900) {
            return new Verdict(0.8, "has an area number that has never been issued, so no real person holds it");
        }
        if (group == 0) {
            return new Verdict(0.8, "has a group number of all zeros, which has never been issued");
        }
        if (serial == 0) {
            return new Verdict(0.8, "has a serial number of all zeros, which has never been issued");
        }
        if (PUBLISHED.contains(nineDigits)) {
            return new Verdict(0.7, "is a well-known sample number that the SSA has invalidated");
        }
        boolean randomisedArea = (area >= 734 && area <= 749) || (area >= 773 && area <= 899);
        if (eraStrength > 0 && randomisedArea && dateOfBirth != null
                && dateOfBirth.isBefore(RANDOMISATION.minusYears(18))) {
            return new Verdict(eraStrength, "comes from a range first issued after June 2011, although the holder was "
                    + "born in " + dateOfBirth.getYear() + " (possible for people who got their number as adults)");
        }
        return null;
    }
}
