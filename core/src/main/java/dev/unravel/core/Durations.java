package dev.unravel.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the command line takes them: a number and a unit, {@code 90s}, {@code 15m},
 * {@code 12h}, {@code 30d}. One form for every option that takes one (the console's schedules and
 * silence thresholds, the Flink job's watermark lag and Kafka window).
 */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})([smhd])");

    private Durations() {
    }

    /**
     * {@code text} given to {@code option} as a duration.
     *
     * @throws IllegalArgumentException naming the option and the forms it takes
     */
    public static Duration parse(String option, String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " takes a number and a unit, such as 15m, 1h or 1d: '" + text
                    + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
