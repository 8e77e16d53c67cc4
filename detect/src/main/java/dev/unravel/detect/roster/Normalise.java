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
    /**
     * Mail services anyone can sign up to: an address there is a private person's account, not an
     * organisation's.
     */
    private static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
            "live.com", "msn.com", "yahoo.com", "ymail.com", "aol.com", "icloud.com", "me.com", "proton.me",
            "protonmail.com", "pm.me", "tutanota.com", "tuta.io", "gmx.com", "gmx.net", "mail.com", "yandex.com",
            "yandex.ru", "mail.ru", "qq.com", "163.com", "126.com", "naver.com", "zoho.com", "fastmail.com");

    /** Whether {@code domain} (lower case) is a mail service anyone can sign up to. */
    public static boolean freeMail(String domain) {
        return domain != null && FREE_MAIL.contains(domain);
    }

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
            "FL", "FLOOR", "RM", "ROOM", "BLDG", "PMB");
    private static final Set<String> US_NAMES = Set.of("US", "USA", "U S", "U S A", "UNITED STATES",
            "UNITED STATES OF AMERICA");
    private static final Map<String, String> US_STATES = Map.ofEntries(
            Map.entry("ALABAMA", "AL"), Map.entry("ALASKA", "AK"), Map.entry("ARIZONA", "AZ"),
            Map.entry("ARKANSAS", "AR"), Map.entry("CALIFORNIA", "CA"), Map.entry("COLORADO", "CO"),
            Map.entry("CONNECTICUT", "CT"), Map.entry("DELAWARE", "DE"), Map.entry("DISTRICT OF COLUMBIA", "DC"),
            Map.entry("FLORIDA", "FL"), Map.entry("GEORGIA", "GA"), Map.entry("HAWAII", "HI"), Map.entry("IDAHO", "ID"),
            Map.entry("ILLINOIS", "IL"), Map.entry("INDIANA", "IN"), Map.entry("IOWA", "IA"), Map.entry("KANSAS", "KS"),
            Map.entry("KENTUCKY", "KY"), Map.entry("LOUISIANA", "LA"), Map.entry("MAINE", "ME"),
            Map.entry("MARYLAND", "MD"), Map.entry("MASSACHUSETTS", "MA"), Map.entry("MICHIGAN", "MI"),
            Map.entry("MINNESOTA", "MN"), Map.entry("MISSISSIPPI", "MS"), Map.entry("MISSOURI", "MO"),
            Map.entry("MONTANA", "MT"), Map.entry("NEBRASKA", "NE"), Map.entry("NEVADA", "NV"),
            Map.entry("NEW HAMPSHIRE", "NH"), Map.entry("NEW JERSEY", "NJ"), Map.entry("NEW MEXICO", "NM"),
            Map.entry("NEW YORK", "NY"), Map.entry("NORTH CAROLINA", "NC"), Map.entry("NORTH DAKOTA", "ND"),
            Map.entry("OHIO", "OH"), Map.entry("OKLAHOMA", "OK"), Map.entry("OREGON", "OR"),
            Map.entry("PENNSYLVANIA", "PA"), Map.entry("RHODE ISLAND", "RI"), Map.entry("SOUTH CAROLINA", "SC"),
            Map.entry("SOUTH DAKOTA", "SD"), Map.entry("TENNESSEE", "TN"), Map.entry("TEXAS", "TX"),
            Map.entry("UTAH", "UT"), Map.entry("VERMONT", "VT"), Map.entry("VIRGINIA", "VA"),
            Map.entry("WASHINGTON", "WA"), Map.entry("WEST VIRGINIA", "WV"), Map.entry("WISCONSIN", "WI"),
            Map.entry("WYOMING", "WY"), Map.entry("PUERTO RICO", "PR"));
    private static final Pattern ZIP = Pattern.compile("^(\\d{5})(?:[- ]?\\d{4})?$");

    private Normalise() {
    }

    private static final java.util.regex.Pattern MAC = java.util.regex.Pattern.compile(
            "[0-9A-F]{2}([:-]?[0-9A-F]{2}){5}");
    /**
     * MACs shared by unrelated networks. Virtual routers: VRRP (v4, v6), HSRP (v1, v2), GLBP.
     * Hypervisors' and container engines' own prefixes, whose NAT gateway answers with the same MAC
     * on every host (Parallels' 00:1C:42:00:00:18, QEMU's 52:54:00:12:35:02, Docker's 02:42:AC:11:…
     * derived from the address): VMware (three), VirtualBox (two), Hyper-V, Parallels, QEMU/KVM,
     * Xen, Docker.
     */
    private static final String[] SHARED_MACS = {"00:00:5E:00:01:", "00:00:5E:00:02:", "00:00:0C:07:AC:",
        "00:00:0C:9F:F", "00:07:B4:00:", "00:50:56:", "00:0C:29:", "00:05:69:", "08:00:27:", "0A:00:27:", "00:15:5D:",
        "00:1C:42:", "52:54:00:", "00:16:3E:", "02:42:"};

    /**
     * A MAC that names one device on one network, upper case with colons ({@code a4-2b-b0-11-22-33},
     * {@code A42BB0112233} → {@code A4:2B:B0:11:22:33}); null when it is none, multicast or broadcast,
     * all zeros (an incomplete ARP entry), or one that virtual routers, hypervisors and container
     * engines give on every network alike.
     */
    public static String deviceMac(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        String m = s.strip().toUpperCase(Locale.ROOT);
        if (!MAC.matcher(m).matches()) {
            return null;
        }
        String hex = m.replace(":", "").replace("-", "");
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            b.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        String mac = b.toString();
        int first = Integer.parseInt(hex.substring(0, 2), 16);
        if ((first & 1) == 1 || hex.equals("000000000000")) {
            return null; // multicast or broadcast, or nothing
        }
        for (String v : SHARED_MACS) {
            if (mac.startsWith(v)) {
                return null;
            }
        }
        return mac;
    }

    /**
     * One device however a log names it: its short name, lower case — Sysmon's
     * {@code NWL-LT-0042.corp.example.com}, osquery's and a proxy's {@code NWL-LT-0042} are one
     * laptop. An address written where a name goes ({@code 10.20.1.5}, {@code fd00::5}) stays whole.
     */
    public static String deviceName(String device) {
        String d = device.strip().toLowerCase(Locale.ROOT);
        int dot = d.indexOf('.');
        if (dot <= 0 || d.indexOf(':') >= 0) {
            return d;
        }
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return d.substring(0, dot);
            }
        }
        return d; // an IPv4 address
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
        String countryKey = country(country);
        b.append('|').append(words(city)).append('|').append(state(state, countryKey)).append('|').append(zip(postal))
                .append('|').append(countryKey);
        return b.toString();
    }

    /** The address without its unit: a building, for "many workers, one ship-to" counting. */
    public static String building(String line1, String city, String state, String postal, String country) {
        String key = address(line1, null, city, state, postal, country);
        if (key == null) {
            return null;
        }
        // a unit written inside line 1 ("12 Main St Apt 4") is still the same building
        int bar = key.indexOf('|');
        StringBuilder street = new StringBuilder();
        for (String token : key.substring(0, bar).split(" ")) {
            if (!token.startsWith("#")) {
                street.append(street.length() == 0 ? "" : " ").append(token);
            }
        }
        return street.length() == 0 ? null : street + key.substring(bar);
    }

    /**
     * An address written on one line the way exports write it ({@code line1, line2, city, state
     * postal, country}, the line 2 optional) as the same comparison key {@link #address} gives;
     * null when it has no street line or too few parts to tell the city from the street.
     */
    public static String oneLineAddress(String oneLine) {
        String[] p = oneLineParts(oneLine);
        return p == null ? null : address(p[0], p[1], p[2], p[3], p[4], p[5]);
    }

    /** {@link #oneLineAddress} without the unit: the building. */
    public static String oneLineBuilding(String oneLine) {
        String[] p = oneLineParts(oneLine);
        return p == null ? null : building(p[0], p[2], p[3], p[4], p[5]);
    }

    /** line1, line2, city, state, postal, country; null when fewer than line, city and region are given. */
    private static String[] oneLineParts(String oneLine) {
        if (oneLine == null || oneLine.isBlank()) {
            return null;
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String part : oneLine.split(",", 8)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        String country = null;
        if (parts.size() >= 3 && parts.get(parts.size() - 1).matches("[A-Za-z]{2}")) {
            country = parts.remove(parts.size() - 1).toUpperCase(Locale.ROOT);
        }
        if (parts.size() < 3) {
            return null;
        }
        String region = parts.remove(parts.size() - 1);
        String state = region;
        String postal = null;
        int space = region.lastIndexOf(' ');
        String last = space < 0 ? region : region.substring(space + 1);
        if (last.chars().anyMatch(Character::isDigit)) {
            postal = last;
            state = space < 0 ? null : region.substring(0, space);
        }
        String city = parts.remove(parts.size() - 1);
        String line1 = parts.get(0);
        String line2 = parts.size() > 1 ? String.join(" ", parts.subList(1, parts.size())) : null;
        return new String[] {line1, line2, city, state, postal, country};
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

    /** The ISO code for the common spellings of the United States; other countries as written (upper case). */
    private static String country(String country) {
        String c = words(country);
        return US_NAMES.contains(c) ? "US" : c;
    }

    /** A US state's two-letter code for its full name, so "California" and "CA" compare equal. */
    private static String state(String state, String countryKey) {
        String s = words(state);
        if (countryKey.isEmpty() || countryKey.equals("US")) {
            String code = US_STATES.get(s);
            if (code != null) {
                return code;
            }
        }
        return s;
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
