package dev.unravel.detect.apply;

import java.time.LocalDate;
import java.util.Set;

/**
 * What the Social Security Administration's numbering rules say about an SSN, without ever
 * returning or logging the number: never-issued areas (000, 666, 900–999), group 00 and serial 0000,
 * numbers published as examples; then, against the date of birth, the pre-2011 scheme
 * ({@link SsnAreas}): an area first used after the June 2011 randomisation held by someone born
 * long before it (weak: immigrants and naturalised citizens get such numbers as adults), and a
 * railroad-board area (700-728, issued to railroad workers until July 1963) held by someone too
 * young to have worked on a railroad by then. Where the area was assigned is context only: it is
 * where the applicant lived when the card was issued, and people move.
 */
public final class SsnCheck {

    /** The verdict: how implausible, and why in words (no digits). */
    public record Verdict(double strength, String reason) {
    }

    /** Numbers printed on sample cards and in advertising, invalidated by the SSA. */
    private static final Set<String> PUBLISHED = Set.of("078051120", "219099999", "123456789");

    /** SSNs issued by the randomised scheme from 25 June 2011 on. */
    private static final LocalDate RANDOMISATION = LocalDate.of(2011, 6, 25);

    /** The railroad board's areas were last assigned on 1 July 1963, to people of working age. */
    private static final LocalDate RAILROAD_AREAS_CLOSED = LocalDate.of(1963, 7, 1);

    /**
     * A railroad number for someone born this long before its closing is plausible (14-year-olds
     * worked; a margin keeps a mis-typed birth year from firing).
     */
    private static final int RAILROAD_MIN_AGE = 14;

    /**
     * Strength of a railroad-board area for someone born too late: no real holder fits, but a
     * mis-keyed number does, so less than a never-issued area.
     */
    static final double RAILROAD_STRENGTH = 0.5;

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
        if (dateOfBirth == null) {
            return null;
        }
        // Born 18 years before randomisation: enumerated by 2011 if born or raised in the US.
        if (eraStrength > 0 && SsnAreas.neverAssignedBeforeRandomisation(area)
                && dateOfBirth.isBefore(RANDOMISATION.minusYears(18))) {
            return new Verdict(eraStrength, "comes from a range first issued after June 2011, although the holder was "
                    + "born in " + dateOfBirth.getYear() + " (usual for immigrants and naturalised citizens, who get "
                    + "their number as adults)");
        }
        if (area >= 700 && area <= 728 && dateOfBirth.isAfter(RAILROAD_AREAS_CLOSED.minusYears(RAILROAD_MIN_AGE))) {
            return new Verdict(RAILROAD_STRENGTH, "comes from a range the SSA reserved for railroad workers until July "
                    + "1963, although the holder was born in " + dateOfBirth.getYear() + " (or the number was mis-typed)");
        }
        return null;
    }
}
