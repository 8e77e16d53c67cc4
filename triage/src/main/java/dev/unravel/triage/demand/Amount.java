package dev.unravel.triage.demand;

import java.math.BigDecimal;

/**
 * A sum of money written in the text.
 *
 * @param currency {@code "BTC"}, {@code "ETH"}, {@code "USDT"}, {@code "XMR"}, {@code "USD"} or {@code "EUR"}
 * @param value the amount, scale words and "k" applied ({@code 150k} is 150000)
 * @param text the amount as written, currency included
 * @param offset where it starts, as a char offset in the text searched
 */
public record Amount(String currency, BigDecimal value, String text, int offset) {}
