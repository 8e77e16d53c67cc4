package dev.unravel.detect.roster;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * US states, DC and the inhabited territories by USPS code and name, so that a home address's state
 * ("CA" or "California") and an IP feed's subdivision ("CA", "US-CA", or a name) compare.
 */
public final class UsStates {

    private static final String[][] STATES = {
        {"AL", "Alabama"}, {"AK", "Alaska"}, {"AZ", "Arizona"}, {"AR", "Arkansas"}, {"CA", "California"},
        {"CO", "Colorado"}, {"CT", "Connecticut"}, {"DE", "Delaware"}, {"DC", "District of Columbia"},
        {"FL", "Florida"}, {"GA", "Georgia"}, {"HI", "Hawaii"}, {"ID", "Idaho"}, {"IL", "Illinois"},
        {"IN", "Indiana"}, {"IA", "Iowa"}, {"KS", "Kansas"}, {"KY", "Kentucky"}, {"LA", "Louisiana"},
        {"ME", "Maine"}, {"MD", "Maryland"}, {"MA", "Massachusetts"}, {"MI", "Michigan"}, {"MN", "Minnesota"},
        {"MS", "Mississippi"}, {"MO", "Missouri"}, {"MT", "Montana"}, {"NE", "Nebraska"}, {"NV", "Nevada"},
        {"NH", "New Hampshire"}, {"NJ", "New Jersey"}, {"NM", "New Mexico"}, {"NY", "New York"},
        {"NC", "North Carolina"}, {"ND", "North Dakota"}, {"OH", "Ohio"}, {"OK", "Oklahoma"}, {"OR", "Oregon"},
        {"PA", "Pennsylvania"}, {"RI", "Rhode Island"}, {"SC", "South Carolina"}, {"SD", "South Dakota"},
        {"TN", "Tennessee"}, {"TX", "Texas"}, {"UT", "Utah"}, {"VT", "Vermont"}, {"VA", "Virginia"},
        {"WA", "Washington"}, {"WV", "West Virginia"}, {"WI", "Wisconsin"}, {"WY", "Wyoming"},
        {"PR", "Puerto Rico"}, {"GU", "Guam"}, {"VI", "U.S. Virgin Islands"}, {"AS", "American Samoa"},
        {"MP", "Northern Mariana Islands"},
    };

    private static final Map<String, String> BY_TEXT = new HashMap<>();
    private static final Map<String, String> NAMES = new HashMap<>();

    static {
        for (String[] s : STATES) {
            BY_TEXT.put(s[0], s[0]);
            BY_TEXT.put(key(s[1]), s[0]);
            NAMES.put(s[0], s[1]);
        }
    }

    private UsStates() {
    }

    /** The two-letter code for "CA", "ca", "US-CA", "California"; null for anything else. */
    public static String code(String text) {
        if (text == null) {
            return null;
        }
        String t = key(text);
        if (t.startsWith("US-")) {
            t = t.substring(3);
        }
        return BY_TEXT.get(t);
    }

    /** "California" for "CA"; the code itself when unknown. */
    public static String name(String code) {
        return NAMES.getOrDefault(code, code);
    }

    private static String key(String s) {
        return s.strip().toUpperCase(Locale.ROOT).replace('.', ' ').replaceAll("\\s+", " ").strip();
    }
}
