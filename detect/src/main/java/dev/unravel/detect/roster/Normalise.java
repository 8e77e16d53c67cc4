package dev.unravel.detect.roster;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonical forms of contact identifiers, so that the same phone, mailbox or address written two
 * ways compares equal. Each returns null when the input cannot be normalised (a phone without a
 * country and no default region, an address without a street number): callers count that as a
 * skipped check, never as a match.
 */
public final class Normalise {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** Providers that ignore dots in the local part and everything after '+'. */
    private static final Set<String> DOTLESS = Set.of("gmail.com", "googlemail.com");
    /** Providers that ignore a '+tag' suffix. */
    private static final Set<String> PLUS_TAGS = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
            "live.com", "icloud.com", "me.com", "protonmail.com", "proton.me", "fastmail.com");

    private static final Map<String, String> STREET_WORDS = Map.ofEntries(
            Map.entry("STREET", "ST"), Map.entry("AVENUE", "AVE"), Map.entry("AV", "AVE"), Map.entry("ROAD", "RD"),
            Map.entry("DRIVE", "DR"), Map.entry("LANE", "LN"), Map.entry("PLACE", "PL"),
            Map.entry("BOULEVARD", "BLVD"), Map.entry("COURT", "CT"), Map.entry("CIRCLE", "CIR"),
            Map.entry("HIGHWAY", "HWY"), Map.entry("PARKWAY", "PKWY"), Map.entry("TERRACE", "TER"),
            Map.entry("TRAIL", "TRL"), Map.entry("SQUARE", "SQ"), Map.entry("WAY", "WAY"),
            Map.entry("NORTH", "N"), Map.entry("SOUTH", "S"), Map.entry("EAST", "E"), Map.entry("WEST", "W"),
            Map.entry("NORTHEAST", "NE"), Map.entry("NORTHWEST", "NW"), Map.entry("SOUTHEAST", "SE"),
            Map.entry("SOUTHWEST", "SW"));
    private static final Set<String> UNIT_WORDS = Set.of("APT", "APARTMENT", "UNIT", "STE", "SUITE", "#", "NO",
            "FL", "FLOOR", "RM", "ROOM", "BLDG");
    private static final Pattern ZIP = Pattern.compile("^(\\d{5})(?:[- ]?\\d{4})?$");

    private Normalise() {
    }

    /**
     * A mailbox in canonical form: lower case; for providers that ignore them, dots and plus-tags
     * removed from the local part. Null when there is no '@'.
     */
    public static String email(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return null;
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (PLUS_TAGS.contains(domain)) {
            int plus = local.indexOf('+');
            if (plus > 0) {
                local = local.substring(0, plus);
            }
        }
        if (DOTLESS.contains(domain)) {
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }

    /** The number in E.164 ({@code +14155550123}), reading national numbers in {@code defaultRegion}; null if invalid. */
    public static String phone(String raw, String defaultRegion) {
        Phonenumber.PhoneNumber n = parsePhone(raw, defaultRegion);
        return n == null ? null : PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    /** The parsed number, or null when it cannot be read or is not a valid number. */
    public static Phonenumber.PhoneNumber parsePhone(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(raw, defaultRegion == null ? "ZZ" : defaultRegion.toUpperCase(
                    Locale.ROOT));
            return PHONES.isValidNumber(n) ? n : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * A postal address as one comparable key: upper case, punctuation dropped, street words and
     * directions abbreviated the USPS way, unit designators unified ({@code APT 3C}, {@code #3C},
     * {@code Unit 3C} all become {@code #3C}), ZIP+4 cut to five digits. Null without a street line.
     */
    public static String address(String line1, String line2, String city, String state, String postal,
            String country) {
        String street = streetLine(line1);
        if (street == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(street);
        String unit = unit(line2);
        if (unit != null) {
            b.append(" #").append(unit);
        }
        b.append('|').append(words(city)).append('|').append(words(state)).append('|').append(zip(postal)).append('|')
                .append(words(country));
        return b.toString();
    }

    /** The address without its unit: a building, for "many workers, one ship-to" counting. */
    public static String building(String line1, String city, String state, String postal, String country) {
        return address(line1, null, city, state, postal, country);
    }

    private static String streetLine(String line1) {
        if (line1 == null || line1.isBlank()) {
            return null;
        }
        String[] tokens = words(line1).split(" ");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty()) {
                continue;
            }
            if (UNIT_WORDS.contains(t) && i + 1 < tokens.length) {
                // a unit inside line 1 ("12 Main St Apt 4")
                b.append(" #").append(tokens[++i]);
                continue;
            }
            if (t.startsWith("#") && t.length() > 1) {
                b.append(" #").append(t.substring(1));
                continue;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(STREET_WORDS.getOrDefault(t, t));
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static String unit(String line2) {
        if (line2 == null || line2.isBlank()) {
            return null;
        }
        String[] tokens = words(line2.replace("#", " # ")).split(" ");
        StringBuilder b = new StringBuilder();
        for (String t : tokens) {
            if (!t.isEmpty() && !UNIT_WORDS.contains(t)) {
                b.append(t);
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static String zip(String postal) {
        if (postal == null) {
            return "";
        }
        String p = postal.strip();
        Matcher m = ZIP.matcher(p);
        return m.matches() ? m.group(1) : words(p);
    }

    /** Upper case, letters, digits, '#' and single spaces. */
    static String words(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '#') {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.append(Character.toUpperCase(c));
            } else {
                space = true;
            }
        }
        return b.toString();
    }

    /** A bank account as routing + account digits; null when either is missing. */
    public static String bankAccount(String routing, String account) {
        String r = digits(routing);
        String a = digits(account);
        if (r.isEmpty() || a.isEmpty()) {
            return null;
        }
        return r + ":" + a.replaceFirst("^0+(?=\\d)", "");
    }

    /** An SSN as nine digits; null when it does not have nine. */
    public static String ssn(String raw) {
        String d = digits(raw);
        return d.length() == 9 ? d : null;
    }

    static String digits(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
