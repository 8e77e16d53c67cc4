package dev.unravel.server;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HEC's indexer acknowledgements, which Amazon Data Firehose requires of a Splunk destination and
 * Vector's {@code splunk_hec_logs} sink uses by default. A request that names a channel (a GUID,
 * in {@code X-Splunk-Request-Channel} or {@code ?channel=}) gets an {@code ackId} with its
 * success; {@code POST /services/collector/ack} with {@code {"acks":[0,1]}} on the same channel
 * answers which of them are kept. A batch is on the spool's disk before its request is answered,
 * so every id given out is acknowledged at the first query — and then forgotten, as in Splunk.
 *
 * <p>Bounded: at most {@value #CHANNELS} channels (the least recently used forgotten) and
 * {@value #PENDING} ids waiting per channel (the oldest forgotten). A forgotten id is answered
 * {@code false}, so the sender sends that batch again, which the spool keeps once: nothing is lost
 * or doubled, it is only sent twice.
 */
final class HecAcks {

    static final int CHANNELS = 10_000;
    static final int PENDING = 100_000;
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Per (token, channel): the next id and the ids given out and not yet reported. */
    private final Map<String, Channel> channels = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Channel> eldest) {
            return size() > CHANNELS;
        }
    };

    private static final class Channel {
        long next;
        final LinkedHashSet<Long> pending = new LinkedHashSet<>();
    }

    /** Whether {@code channel} is one HEC takes: a GUID. */
    static boolean valid(String channel) {
        return channel != null && GUID.matcher(channel).matches();
    }

    /** The id of a batch kept on {@code channel} for the sender with token {@code tokenId}. */
    synchronized long kept(long tokenId, String channel) {
        Channel c = channels.computeIfAbsent(key(tokenId, channel), k -> new Channel());
        long id = c.next++;
        c.pending.add(id);
        if (c.pending.size() > PENDING) {
            Iterator<Long> oldest = c.pending.iterator();
            oldest.next();
            oldest.remove();
        }
        return id;
    }

    /** Whether batch {@code id} of this channel is kept; true once, then the id is forgotten. */
    synchronized boolean acknowledge(long tokenId, String channel, long id) {
        Channel c = channels.get(key(tokenId, channel));
        return c != null && c.pending.remove(id);
    }

    private static String key(long tokenId, String channel) {
        return tokenId + "/" + channel.toLowerCase(java.util.Locale.ROOT);
    }
}
