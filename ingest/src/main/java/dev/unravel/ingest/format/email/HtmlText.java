package dev.unravel.ingest.format.email;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable text of an HTML mail body, for messages that have no text/plain part: scripts,
 * styles and comments dropped, block ends as line breaks, tags removed, entities decoded. Not a
 * renderer: enough for a reader and for language cues. Linear patterns on bounded input.
 */
final class HtmlText {
    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style|head)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern BREAK = Pattern.compile("(?i)<(br|/p|/div|/li|/tr|/h[1-6]|/blockquote|/pre)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\u00A0]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n(\\s*\\n)+");

    private HtmlText() {
    }

    static String of(CharSequence html) {
        String s = HIDDEN.matcher(html).replaceAll(" ");
        s = BREAK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = entities(s);
        s = SPACES.matcher(s).replaceAll(" ");
        s = s.replace("\n ", "\n").replace(" \n", "\n");
        return BLANK_LINES.matcher(s).replaceAll("\n\n").strip();
    }

    private static String entities(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String e = m.group(1);
            String r;
            if (e.startsWith("#x") || e.startsWith("#X")) {
                r = codePoint(Integer.parseInt(e.substring(2), 16));
            } else if (e.startsWith("#")) {
                r = codePoint(Integer.parseInt(e.substring(1)));
            } else {
                r = switch (e.toLowerCase(Locale.ROOT)) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "nbsp" -> " ";
                    default -> m.group();
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String codePoint(int cp) {
        return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "\uFFFD";
    }
}
