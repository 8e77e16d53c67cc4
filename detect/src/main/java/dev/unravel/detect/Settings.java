package dev.unravel.detect;

import java.util.List;
import java.util.Map;

/**
 * One detector's settings from the configuration file ({@code detectors: <id>: {key: value}}),
 * read with the default the detector states, so that every knob has a documented default in code
 * and a wrong type in the file is a clear error rather than a silent fallback.
 */
public final class Settings {

    public static final Settings NONE = new Settings("(none)", Map.of());

    private final String owner;
    private final Map<String, Object> values;

    public Settings(String owner, Map<String, Object> values) {
        this.owner = owner;
        this.values = Map.copyOf(values);
    }

    public double number(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(key, "a number", v);
    }

    public int integer(String key, int fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw wrong(key, "a whole number", v);
    }

    public boolean flag(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(key, "true or false", v);
    }

    public String text(String key, String fallback) {
        Object v = values.get(key);
        return v == null ? fallback : v.toString();
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String key, List<String> fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        throw wrong(key, "a list", v);
    }

    /**
     * A list setting of names compared without case (tools, logins): each stripped and lower-cased,
     * as a set; empty when the setting is absent.
     */
    public java.util.Set<String> names(String key) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String n : list(key, List.of())) {
            names.add(n.strip().toLowerCase(java.util.Locale.ROOT));
        }
        return java.util.Set.copyOf(names);
    }

    private IllegalArgumentException wrong(String key, String expected, Object got) {
        return new IllegalArgumentException("detectors." + owner + "." + key + " must be " + expected + ", got "
                + got);
    }
}
