package dev.unravel.ingest.format.proxy;

import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import dev.unravel.ingest.read.Times;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What Zscaler's NSS feeds share, whichever log they carry: the SIEM guides' wrapper
 * ({@code {"sourcetype": "zscalernss-web", "event": {...}}}), recognising a feed by its first
 * record's type, and the feeds' times.
 */
final class ZscalerFeeds {
    private ZscalerFeeds() {
    }

    /** {@code %s{time}}: the C library's {@code ctime} layout, the day padded with a space below 10. */
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    /**
     * How sure a reader of {@code sourceType} is of the sample: certain of a wrapped feed whose first
     * record is of that type (an audit log's records can quote another feed's format), fairly sure of
     * a bare feed that {@code bare} accepts.
     */
    static int probe(Sample sample, String sourceType, Predicate<SampleKeys> bare) {
        try {
            if (sample.firstChar() != '{' && sample.firstChar() != '[') {
                return 0;
            }
            SampleKeys k = SampleKeys.of(sample);
            if (k.has("sourcetype") && k.has("event")) {
                return firstSourceType(sample.text()).equals(sourceType) ? 95 : 0;
            }
            return bare.test(k) ? 85 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The value of the first {@code "sourcetype"} key in the text; empty when there is none. */
    static String firstSourceType(String text) {
        int key = text.indexOf("\"sourcetype\"");
        int colon = key < 0 ? -1 : text.indexOf(':', key);
        int open = colon < 0 ? -1 : text.indexOf('"', colon);
        int close = open < 0 ? -1 : text.indexOf('"', open + 1);
        return close < 0 || !text.substring(colon + 1, open).isBlank() ? "" : text.substring(open + 1, close);
    }

    /**
     * The feed's record: the {@code event} inside the SIEM guides' wrapper, which must be of
     * {@code sourceType}, or the record itself when it is bare.
     */
    static Map<String, Object> unwrap(Map<String, Object> record, String sourceType, String what)
            throws RecordException {
        if (record.get("event") instanceof Map<?, ?> inner && record.containsKey("sourcetype")) {
            Object type = record.get("sourcetype");
            if (!sourceType.equals(type)) {
                throw RecordException.invalid("sourcetype", what, type);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) inner;
            return event;
        }
        return record;
    }

    /** The record's time: {@code epochtime}, else {@code datetime} or {@code time}, read as UTC. */
    static Instant time(Map<String, Object> doc, String prefix) throws RecordException {
        return time(doc.get("epochtime"), doc.get("datetime"), doc.get("time"), prefix);
    }

    static Instant time(Object epoch, Object datetime, Object time, String prefix) throws RecordException {
        if (WebProxy.value(epoch) != null) {
            Instant t = Times.parse(epoch);
            if (t == null) {
                throw RecordException.invalid(prefix + "epochtime", "seconds since 1970", epoch);
            }
            return t;
        }
        String key = WebProxy.value(datetime) != null ? "datetime" : "time";
        String v = WebProxy.value(WebProxy.value(datetime) != null ? datetime : time);
        if (v == null) {
            throw new RecordException(prefix + "time", "is missing: the record has no time (epochtime, datetime "
                    + "or time)");
        }
        Instant t = Times.parse(v);
        if (t == null) {
            try {
                t = LocalDateTime.parse(v.replaceAll(" +", " "), CTIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw RecordException.invalid(prefix + key, "a time (Fri Dec 31 07:07:07 2021, "
                        + "2021-12-31 07:07:07 or epoch seconds)", v);
            }
        }
        return t;
    }
}
