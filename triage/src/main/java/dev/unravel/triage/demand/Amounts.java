package dev.unravel.triage.demand;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds sums of money in the currencies extortion demands use: "2.5 BTC", "BTC 2.5",
 * "USD 150,000", "$150,000", "150k USD", "150 000 €", "1.234,56 EUR", "50,000 USDT".
 */
public final class Amounts {
    /**
     * A number: thousands grouped by comma or (non-breaking) space with a dot decimal; or
     * European dot thousands with a comma decimal; or plain digits with an optional decimal.
     * Every piece is bounded, so a match costs at most the length of the number.
     */
    private static final String NUMBER = "(?:\\d{1,3}(?:[,\\u00A0\\u202F ]\\d{3})+(?:\\.\\d{1,8})?"
            + "|\\d{1,3}(?:\\.\\d{3})+,\\d{1,2}"
            + "|\\d{1,15}(?:[.,]\\d{1,8})?)";
    private static final String SCALE = "(?:\\s?(k|K|thousand|m|M|mn|million|bn|billion)\\b)?";
    /** Codes and symbols may precede the number; "bitcoin 24" would too often be a version or a time. */
    private static final String CODE_BEFORE = "(US\\$|\\$|€|\\b(?:USDT|USD|EUR|BTC|XBT|ETH|XMR)\\b)";
    private static final String CURRENCY_AFTER = "(US\\$|\\$|€|\\b(?:USDT|USD|EUR|euros?|BTC|XBT|bitcoins?|ETH|ether|XMR|monero|tether|dollars?)\\b)";
    private static final Pattern AMOUNT = Pattern.compile(
            "(?<![\\d.,])(?:" + CODE_BEFORE + "\\s?(" + NUMBER + ")" + SCALE
                    + "|(" + NUMBER + ")" + SCALE + "\\s?" + CURRENCY_AFTER + ")",
            Pattern.CASE_INSENSITIVE);

    private Amounts() {}

    /** Every amount with a currency, ordered by offset; bare numbers are ignored. */
    public static List<Amount> find(String text) {
        List<Amount> found = new ArrayList<>();
        Matcher m = AMOUNT.matcher(text);
        while (m.find()) {
            boolean prefixed = m.group(1) != null;
            String currency = currency(prefixed ? m.group(1) : m.group(6));
            String number = prefixed ? m.group(2) : m.group(4);
            String scale = prefixed ? m.group(3) : m.group(5);
            BigDecimal value = parse(number);
            if (value == null) {
                continue;
            }
            BigDecimal scaled = value.multiply(multiplier(scale)).stripTrailingZeros();
            if (scaled.scale() < 0) {
                scaled = scaled.setScale(0); // 150000, not 1.5E+5
            }
            found.add(new Amount(currency, scaled, m.group(), m.start()));
        }
        return List.copyOf(found);
    }

    private static String currency(String written) {
        String w = written.toLowerCase(Locale.ROOT);
        if (w.contains("$") || w.startsWith("usd") && !w.equals("usdt") || w.startsWith("dollar")) {
            return "USD";
        }
        if (w.equals("€") || w.startsWith("eur")) {
            return "EUR";
        }
        if (w.equals("usdt") || w.equals("tether")) {
            return "USDT";
        }
        if (w.equals("eth") || w.equals("ether")) {
            return "ETH";
        }
        if (w.equals("xmr") || w.equals("monero")) {
            return "XMR";
        }
        return "BTC";
    }

    /** Reads the separators: a lone comma followed by other than three digits is a decimal comma. */
    static BigDecimal parse(String number) {
        String n = number.replaceAll("[\\u00A0\\u202F ]", "");
        int comma = n.lastIndexOf(',');
        int dot = n.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            n = comma > dot ? n.replace(".", "").replace(',', '.') : n.replace(",", "");
        } else if (comma >= 0) {
            // "150,000" groups thousands; "1,5" (one comma, not three digits after) is a decimal comma
            n = n.length() - comma - 1 == 3 ? n.replace(",", "") : n.replace(',', '.');
        }
        try {
            return new BigDecimal(n);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal multiplier(String scale) {
        if (scale == null) {
            return BigDecimal.ONE;
        }
        return switch (scale.toLowerCase(Locale.ROOT)) {
            case "k", "thousand" -> BigDecimal.valueOf(1_000);
            case "m", "mn", "million" -> BigDecimal.valueOf(1_000_000);
            default -> BigDecimal.valueOf(1_000_000_000);
        };
    }
}
