package dev.unravel.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The envelope every record travels in, from an Okta sign-in to an HR termination.
 *
 * <p>A reader fills the typed parts it can extract (time in UTC, the actor keys) and keeps the
 * original document untouched, so rules written against a vendor's field names still match. The
 * document is a tree of {@code Map<String, Object>}, {@code List<Object>}, strings, numbers,
 * booleans and nulls, as a JSON parser produces it.
 *
 * @param time      when it happened, in UTC
 * @param source    the source family, e.g. {@code okta}, {@code entra}, {@code sysmon}, {@code hr}
 * @param type      what happened, e.g. {@code user.session.start}, {@code hr.hire}, {@code asset.shipment}
 * @param logSource the Sigma logsource used to dispatch rules
 * @param user      the acting user or account as the source names it, or null
 * @param host      the host or device, or null
 * @param sourceIp  the source IP address as text, or null
 * @param document  the original record
 * @param origin    where the record was read, for evidence
 */
public record Event(
        Instant time,
        String source,
        String type,
        LogSource logSource,
        String user,
        String host,
        String sourceIp,
        Map<String, Object> document,
        EventRef origin) {

    public Event {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        // Built on reader threads, dispatched on by the detection thread: see Canonical.
        source = Canonical.label(source);
        type = Canonical.label(type);
        // The detection thread looks accounts and devices up in the roster; a String keeps its hash
        // once computed, so computing it here moves that work to the reader thread building the event.
        if (user != null) {
            user.hashCode();
        }
        if (host != null) {
            host.hashCode();
        }
        logSource = logSource == null ? LogSource.NONE : logSource;
        document = document == null ? Map.of() : document;
    }

    /**
     * This event without its document: time, kind, actor keys and origin, which is all evidence
     * needs. A detector that keeps an event to cite it in a later signal keeps this; the document
     * (a few kilobytes of maps and strings) is most of an event's memory, and documents held in
     * per-worker state were most of a scan's live heap.
     */
    public Event envelope() {
        return document.isEmpty() ? this : new Event(time, source, type, logSource, user, host, sourceIp, Map.of(), origin);
    }

    /**
     * The value at a dotted path in the document ({@code client.ipAddress}), or null. A key that
     * itself contains dots ({@code id.orig_h} in Zeek) is found before the path is split; list
     * elements are addressed by index ({@code target.0.id}).
     */
    public Object field(String path) {
        return lookup(document, path);
    }

    private static final Object ABSENT = new Object();

    static Object lookup(Object node, String path) {
        if (node == null) {
            return null;
        }
        if (node instanceof Map<?, ?> map) {
            // one probe where containsKey then get made two (detectors ask for fields on every event)
            @SuppressWarnings("unchecked")
            Object v = ((Map<Object, Object>) map).getOrDefault(path, ABSENT);
            if (v != ABSENT) {
                return v;
            }
        } else if (node instanceof List<?> && path.indexOf('.') < 0) {
            return child(node, path);
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            String head = path.substring(0, dot);
            Object child = child(node, head);
            if (child != null) {
                Object found = lookup(child, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return null;
    }

    private static Object child(Object node, String key) {
        if (node instanceof Map<?, ?> map) {
            return map.get(key);
        }
        if (node instanceof List<?> list) {
            try {
                int index = Integer.parseInt(key);
                return index >= 0 && index < list.size() ? list.get(index) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
