package dev.unravel.flink;

import dev.unravel.core.Durations;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Logs read from Kafka topics: each message a batch in any format Unravel reads (one record or
 * many, plain or gzip), as the console's ingest API takes them; the run reads from {@code from}
 * up to the offsets the topics have when it starts, then reports, as a scan of a window of days.
 *
 * @param bootstrap  the brokers ({@code host:port,…})
 * @param topics     the topics to read
 * @param group      the consumer group id (offsets are not committed: each run reads its window)
 * @param from       {@code earliest}, an instant ({@code 2026-03-01T00:00:00Z}) or a duration back from now ({@code 30d})
 * @param properties further consumer properties (security: {@code security.protocol}, {@code sasl.*}, {@code ssl.*})
 */
public record KafkaInput(String bootstrap, List<String> topics, String group, String from,
        Map<String, String> properties) implements Serializable {

    private static final long serialVersionUID = 1L;

    public KafkaInput {
        topics = List.copyOf(topics);
        properties = Map.copyOf(properties);
        startMillis(from, Instant.now()); // a wrong --kafka-from is told before the job is submitted
    }

    /**
     * The first message time to read, in epoch milliseconds, or -1 for the earliest retained.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static long startMillis(String from, Instant now) {
        if (from == null || from.equals("earliest")) {
            return -1;
        }
        try {
            return Character.isDigit(from.charAt(from.length() - 1)) || from.endsWith("Z")
                    ? Instant.parse(from).toEpochMilli()
                    : now.minus(Durations.parse("--kafka-from", from)).toEpochMilli();
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--kafka-from '" + from + "': use 'earliest', an instant such as "
                    + "2026-03-01T00:00:00Z, or a duration back from now such as 30d");
        }
    }
}
