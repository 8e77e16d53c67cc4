package dev.unravel.detect.intel;

import dev.unravel.core.Event;
import dev.unravel.core.net.IpAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The IP intelligence the access detectors share: the files given with {@code --intel}, read once,
 * plus the organisation's own ranges arriving as {@code reference.ip_range} records
 * ({@code intel/ip-ranges.csv} read by ingest). Record files are read before log files, so the
 * merged table is built once, at the first look-up after the last range; a range arriving later
 * marks it stale and the next look-up rebuilds (counted in {@link #rebuilds()}).
 *
 * <p>The organisation's own ranges come first: they describe its offices and its VPN and are more
 * specific than any public database. Several detectors may observe the same record: ranges are
 * keyed by their bounds, so a repeat replaces rather than duplicates. Not thread-safe: one feed
 * serves one set of detectors on one thread, as {@code Detectors.builtIn} creates them.
 */
public final class IntelFeed {

    private final List<List<IpIntel.Range>> fileFeeds;
    private final Map<String, IpIntel.Range> fromRecords = new LinkedHashMap<>();
    private IpIntel current;
    private boolean stale = true;
    private long rebuilds;
    private long badRecords;
    private Event lastEvent;
    private Object lastParsed;

    private IntelFeed(List<List<IpIntel.Range>> fileFeeds) {
        this.fileFeeds = fileFeeds;
    }

    /** No files: knows only what {@code reference.ip_range} records will say. */
    public static IntelFeed empty() {
        return new IntelFeed(List.of());
    }

    /**
     * Reads {@code files} (MaxMind DB, CSV ranges, CIDR lists; see {@link IntelFiles}).
     *
     * @throws UncheckedIOException naming the file when one cannot be read: a configured feed that
     *                              silently failed to load would turn every address "unknown"
     */
    public static IntelFeed open(List<Path> files) {
        List<List<IpIntel.Range>> feeds = new ArrayList<>();
        for (Path f : files) {
            try {
                List<IpIntel.Range> ranges = IntelFiles.read(f);
                if (!ranges.isEmpty()) {
                    feeds.add(IpIntel.Builder.flatten(ranges));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("intel file " + f + ": " + e.getMessage(), e);
            }
        }
        return new IntelFeed(feeds);
    }

    /** The event type of the organisation's range records. */
    public static final String RANGE_EVENT = "reference.ip_range";

    /** Takes a {@code reference.ip_range} record; other events are ignored. */
    public void observe(Event e) {
        if (!RANGE_EVENT.equals(e.type())) {
            return;
        }
        Map<String, Object> d = e.document();
        String start = IntelFiles.text(d.get("start_ip"));
        String end = IntelFiles.text(d.get("end_ip"));
        long[] a = new long[2];
        long[] b = new long[2];
        String country = IntelFiles.upper(IntelFiles.text(d.get("country")));
        IpInfo info = new IpInfo(country,
                IntelFiles.integer(IntelFiles.text(d.get("asn"))), IntelFiles.text(d.get("as_org")),
                lower(IntelFiles.text(d.get("network_type"))), IntelFiles.truth(d.get("is_vpn")),
                IntelFiles.truth(d.get("is_hosting")),
                IntelFiles.truth(d.get("is_anonymiser")) || IntelFiles.truth(d.get("is_tor")),
                IntelFiles.truth(d.get("is_corporate")), false,
                IntelFiles.normaliseRegion(IntelFiles.text(d.get("region")), country));
        IpIntel.Range range = null;
        if (start != null && end != null && IpAddress.parse(start, a) && IpAddress.parse(end, b)
                && IpIntel.compare(a[0], a[1], b[0], b[1]) <= 0) {
            range = new IpIntel.Range(a[0], a[1], b[0], b[1], info);
        } else if (IntelFiles.text(d.get("cidr")) != null) {
            try {
                range = IntelFiles.parseNetwork(IntelFiles.text(d.get("cidr")), info, RANGE_EVENT, 0);
            } catch (IOException ex) {
                range = null;
            }
        }
        if (range == null) {
            badRecords++;
            return;
        }
        String key = range.startHi() + ":" + range.startLo() + "-" + range.endHi() + ":" + range.endLo();
        IpIntel.Range previous = fromRecords.put(key, range);
        if (previous == null || !previous.equals(range)) {
            stale = true;
        }
    }

    /** The merged intelligence as of now. */
    public IpIntel intel() {
        if (stale) {
            IpIntel.Builder b = new IpIntel.Builder();
            if (!fromRecords.isEmpty()) {
                b.feed(new ArrayList<>(fromRecords.values()));
            }
            for (List<IpIntel.Range> f : fileFeeds) {
                b.flattenedFeed(f);
            }
            current = b.build();
            stale = false;
            rebuilds++;
        }
        return current;
    }

    /** Shorthand for {@code intel().lookup(ip)}. */
    public IpInfo lookup(CharSequence ip) {
        return intel().lookup(ip);
    }

    /**
     * What a detector sharing this feed made of {@code e}, if {@code e} is the last event parsed;
     * else null. One slot, compared by identity: detectors receive each event in turn.
     */
    public Object parsed(dev.unravel.core.Event e) {
        return e == lastEvent ? lastParsed : null;
    }

    /** Keeps what was made of {@code e} for the next detector (see {@link #parsed}). */
    public void remember(dev.unravel.core.Event e, Object parsed) {
        lastEvent = e;
        lastParsed = parsed;
    }

    public long rebuilds() {
        return rebuilds;
    }

    /** {@code reference.ip_range} records without usable bounds. */
    public long badRecords() {
        return badRecords;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
