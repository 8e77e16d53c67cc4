package dev.unravel.sigma.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every value modifier of the Sigma modifiers appendix (v2.1.0), by the name a rule writes after
 * {@code |}. This table is the one place that names them: adding a modifier is one line here and
 * its handling in {@code compile.ValueCompiler}.
 */
public enum Modifier {
    // Generic modifiers
    ALL("all", Kind.GENERIC),
    STARTSWITH("startswith", Kind.GENERIC),
    ENDSWITH("endswith", Kind.GENERIC),
    CONTAINS("contains", Kind.GENERIC),
    EXISTS("exists", Kind.GENERIC),
    CASED("cased", Kind.GENERIC),
    NEQ("neq", Kind.GENERIC),
    // String modifiers
    WINDASH("windash", Kind.STRING),
    RE("re", Kind.STRING),
    RE_I("i", Kind.REGEX_FLAG),
    RE_M("m", Kind.REGEX_FLAG),
    RE_S("s", Kind.REGEX_FLAG),
    BASE64("base64", Kind.STRING),
    BASE64OFFSET("base64offset", Kind.STRING),
    UTF16LE("utf16le", Kind.STRING),
    UTF16BE("utf16be", Kind.STRING),
    UTF16("utf16", Kind.STRING),
    WIDE("wide", Kind.STRING),
    // Numeric modifiers
    LT("lt", Kind.NUMERIC),
    LTE("lte", Kind.NUMERIC),
    GT("gt", Kind.NUMERIC),
    GTE("gte", Kind.NUMERIC),
    // Time modifiers
    MINUTE("minute", Kind.TIME),
    HOUR("hour", Kind.TIME),
    DAY("day", Kind.TIME),
    WEEK("week", Kind.TIME),
    MONTH("month", Kind.TIME),
    YEAR("year", Kind.TIME),
    // IP modifiers
    CIDR("cidr", Kind.IP),
    // Specific modifiers
    EXPAND("expand", Kind.SPECIFIC),
    FIELDREF("fieldref", Kind.SPECIFIC);

    /** The appendix section a modifier belongs to; used in error messages. */
    public enum Kind { GENERIC, STRING, REGEX_FLAG, NUMERIC, TIME, IP, SPECIFIC }

    private static final Map<String, Modifier> BY_NAME;
    private static final Map<String, Modifier> ALIASES;

    static {
        Map<String, Modifier> m = new LinkedHashMap<>();
        for (Modifier mod : values()) {
            m.put(mod.modifierName, mod);
        }
        BY_NAME = Collections.unmodifiableMap(m);
        // pySigma's long names for the regex flags.
        ALIASES = Map.of("ignorecase", RE_I, "multiline", RE_M, "dotall", RE_S);
    }

    public final String modifierName;
    public final Kind kind;

    Modifier(String name, Kind kind) {
        this.modifierName = name;
        this.kind = kind;
    }

    /** The modifier a rule names, or null if the appendix defines none by that name. */
    public static Modifier byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        Modifier m = BY_NAME.get(n);
        return m != null ? m : ALIASES.get(n);
    }

    public static java.util.Set<String> names() {
        return BY_NAME.keySet();
    }

    @Override
    public String toString() {
        return modifierName;
    }
}
