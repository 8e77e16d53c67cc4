package dev.unravel.triage;

import dev.unravel.core.Event;
import dev.unravel.ingest.format.email.Ips;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who an email says it is from and where it came from: the addresses a reply would reach, the
 * display name, and the public client addresses in its Received chain (the originating one first).
 *
 * @param ips public addresses of the sending side, originating first; the company's own relays
 *            and private ranges are already left out by the email reader
 */
public record Sender(String from, String fromName, List<String> replyTo, String returnPath, List<String> ips,
        Instant time, String messageId, String subject, List<String> to) {

    /** The sender of an {@code email.message} event. */
    public static Sender of(Event message) {
        Map<String, Object> d = message.document();
        List<String> ips = new ArrayList<>();
        if (message.sourceIp() != null) {
            ips.add(message.sourceIp());
        }
        if (d.get("received") instanceof List<?> hops) {
            for (int i = hops.size() - 1; i >= 0; i--) {
                if (hops.get(i) instanceof Map<?, ?> hop && hop.get("from_ip") instanceof String ip
                        && !ips.contains(ip) && isPublic(ip)) {
                    ips.add(ip);
                }
            }
        }
        return new Sender(text(d, "from"), text(d, "from_name"), strings(d.get("reply_to")), text(d, "return_path"),
                List.copyOf(ips), message.time(), text(d, "message_id"), text(d, "subject"), strings(d.get("to")));
    }

    /** Every address a reply or a bounce would reach, from first. */
    public List<String> addresses() {
        List<String> all = new ArrayList<>();
        for (String a : concat(from, replyTo, returnPath)) {
            if (a != null && !a.isBlank() && !all.contains(a.toLowerCase(java.util.Locale.ROOT))) {
                all.add(a.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return all;
    }

    private static List<String> concat(String first, List<String> middle, String last) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(middle);
        l.add(last);
        return l;
    }

    /** A literal address that says where a sender is: not private, loopback, link-local or shared. */
    static boolean isPublic(String ip) {
        return Ips.isIp(ip) && !Ips.isInternal(ip);
    }

    private static String text(Map<String, Object> d, String key) {
        return d.get(key) instanceof String s && !s.isBlank() ? s : null;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                if (x instanceof String s && !s.isBlank()) {
                    out.add(s);
                }
            }
        }
        return List.copyOf(out);
    }
}
