package dev.unravel.detect.intel;

import dev.unravel.core.net.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One IP look-up over every intelligence feed loaded (MaxMind DB files, IP-range CSVs, CIDR lists,
 * {@code reference.ip_range} records): country, ASN, organisation and network flags.
 *
 * <p>The feeds are merged once, when built, into one sorted table of disjoint ranges whose
 * information is already combined, so a look-up is one text parse and one binary search with no
 * allocation for IPv4 (millions per second on one thread). Within a feed the most specific range
 * wins (a /29 office block inside a /16); across feeds the first feed that gives a field wins and
 * flags add up. Build with {@link IntelFiles} and {@link Builder}.
 */
public final class IpIntel {

    /** Knows nothing: every public address is {@link IpInfo#UNKNOWN}. */
    public static final IpIntel EMPTY = new Builder().build();

    // IPv4 ranges as unsigned values with the sign bit flipped, so signed int comparison orders them.
    private final int[] v4Starts;
    private final int[] v4Ends;
    private final IpInfo[] v4Infos;
    private final long[] v6StartHi;
    private final long[] v6StartLo;
    private final long[] v6EndHi;
    private final long[] v6EndLo;
    private final IpInfo[] v6Infos;
    /**
     * Whether a feed declares private ranges as the organisation's ({@code is_corporate}: its VPN
     * pool, its office LANs): only then is a private address looked up, and one outside them known
     * to be no network of the organisation's.
     */
    private final boolean privateRanges;

    private IpIntel(List<Range> merged) {
        List<Range> v4 = new ArrayList<>();
        List<Range> v6 = new ArrayList<>();
        for (Range r : merged) {
            Range inV4 = r.intersect(Range.V4_SPACE);
            if (inV4 != null) {
                v4.add(inV4);
            }
            if (!Range.V4_SPACE.contains(r)) {
                v6.add(r);
            }
        }
        v4Starts = new int[v4.size()];
        v4Ends = new int[v4.size()];
        v4Infos = new IpInfo[v4.size()];
        boolean declared = false;
        for (int i = 0; i < v4.size(); i++) {
            Range r = v4.get(i);
            v4Starts[i] = (int) r.startLo ^ Integer.MIN_VALUE;
            v4Ends[i] = (int) r.endLo ^ Integer.MIN_VALUE;
            boolean internal = IpAddress.isInternalV4(r.startLo & 0xffff_ffffL);
            v4Infos[i] = internal ? r.info.completedBy(IpInfo.INTERNAL) : r.info;
            declared |= internal && r.info.office(); // a feed's reserved-range rows ("ZZ") are no one's network
        }
        privateRanges = declared;
        int n = v6.size();
        v6StartHi = new long[n];
        v6StartLo = new long[n];
        v6EndHi = new long[n];
        v6EndLo = new long[n];
        v6Infos = new IpInfo[n];
        for (int i = 0; i < n; i++) {
            Range r = v6.get(i);
            v6StartHi[i] = r.startHi;
            v6StartLo[i] = r.startLo;
            v6EndHi[i] = r.endHi;
            v6EndLo[i] = r.endLo;
            v6Infos[i] = r.info;
        }
    }

    /** Ranges held after merging (IPv4 and IPv6), for summaries. */
    public int size() {
        return v4Starts.length + v6Infos.length;
    }

    /**
     * What the feeds say about {@code ip} (IPv4 or IPv6 text): {@link IpInfo#INTERNAL} for private
     * and other non-routable addresses, {@link IpInfo#UNKNOWN} when no feed covers it, and null when
     * the text is not an IP address at all.
     */
    public IpInfo lookup(CharSequence ip) {
        if (ip == null) {
            return null;
        }
        long v4 = IpAddress.parseV4(ip);
        if (v4 >= 0) {
            return lookupV4(v4);
        }
        long[] address = new long[2];
        if (!IpAddress.parse(ip, address)) {
            return null;
        }
        return lookup(address[0], address[1]);
    }

    /** {@link #lookup(CharSequence)} for an address as 128 bits (IPv4 mapped as {@code ::ffff:a.b.c.d}). */
    public IpInfo lookup(long hi, long lo) {
        if (IpAddress.isV4(hi, lo)) {
            return lookupV4(lo & 0xffff_ffffL);
        }
        if (IpAddress.isInternal(hi, lo)) {
            return IpInfo.INTERNAL;
        }
        int low = 0;
        int high = v6Infos.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = compare(v6StartHi[mid], v6StartLo[mid], hi, lo);
            if (c <= 0) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (found >= 0 && compare(hi, lo, v6EndHi[found], v6EndLo[found]) <= 0) {
            return v6Infos[found];
        }
        return IpInfo.UNKNOWN;
    }

    /** Whether a feed declares private IPv4 ranges as the organisation's ({@code is_corporate}; see {@link #lookupV4}). */
    public boolean declaresPrivateRanges() {
        return privateRanges;
    }

    /**
     * {@link #lookup(CharSequence)} for an IPv4 address given as its unsigned 32-bit value. A
     * private address is {@link IpInfo#INTERNAL}, or, where a feed declares its range the
     * organisation's own, that range's information, internal and the organisation's.
     */
    public IpInfo lookupV4(long v4) {
        if (IpAddress.isInternalV4(v4)) {
            if (!privateRanges) {
                return IpInfo.INTERNAL;
            }
            IpInfo declared = searchV4(v4);
            return declared.office() ? declared : IpInfo.INTERNAL;
        }
        return searchV4(v4);
    }

    private IpInfo searchV4(long v4) {
        int key = (int) v4 ^ Integer.MIN_VALUE;
        int low = 0;
        int high = v4Starts.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (v4Starts[mid] <= key) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (found >= 0 && key <= v4Ends[found]) {
            return v4Infos[found];
        }
        return IpInfo.UNKNOWN;
    }

    static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** An inclusive range of 128-bit addresses and what one feed says about it. */
    public record Range(long startHi, long startLo, long endHi, long endLo, IpInfo info) {

        static final Range V4_SPACE = new Range(0, IpAddress.V4_MAPPED_LO, 0, IpAddress.V4_MAPPED_LO | 0xffff_ffffL,
                null);

        public Range {
            if (compare(startHi, startLo, endHi, endLo) > 0) {
                throw new IllegalArgumentException("range start after its end");
            }
        }

        /** The IPv4 range {@code first}–{@code last} (unsigned 32-bit values). */
        public static Range v4(long first, long last, IpInfo info) {
            return new Range(0, IpAddress.V4_MAPPED_LO | first, 0, IpAddress.V4_MAPPED_LO | last, info);
        }

        /** The network {@code address/prefix} given as 128 bits (prefix counted over all 128 bits). */
        public static Range cidr(long hi, long lo, int prefix, IpInfo info) {
            if (prefix < 0 || prefix > 128) {
                throw new IllegalArgumentException("prefix length " + prefix + " is outside 0-128");
            }
            long maskHi = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
            long maskLo = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
            return new Range(hi & maskHi, lo & maskLo, hi | ~maskHi, lo | ~maskLo, info);
        }

        Range withInfo(IpInfo other) {
            return new Range(startHi, startLo, endHi, endLo, other);
        }

        /** Whether the address ({@link IpAddress#parse}'s {@code hi}, {@code lo}) is in this range. */
        public boolean contains(long hi, long lo) {
            return compare(startHi, startLo, hi, lo) <= 0 && compare(hi, lo, endHi, endLo) <= 0;
        }

        boolean contains(Range r) {
            return compare(startHi, startLo, r.startHi, r.startLo) <= 0 && compare(r.endHi, r.endLo, endHi, endLo) <= 0;
        }

        Range intersect(Range r) {
            long sHi = startHi;
            long sLo = startLo;
            if (compare(r.startHi, r.startLo, sHi, sLo) > 0) {
                sHi = r.startHi;
                sLo = r.startLo;
            }
            long eHi = endHi;
            long eLo = endLo;
            if (compare(r.endHi, r.endLo, eHi, eLo) < 0) {
                eHi = r.endHi;
                eLo = r.endLo;
            }
            return compare(sHi, sLo, eHi, eLo) <= 0 ? new Range(sHi, sLo, eHi, eLo, info) : null;
        }

        boolean endsAtTop() {
            return endHi == -1L && endLo == -1L;
        }
    }

    /**
     * Collects feeds, each a list of ranges, in priority order, and merges them into an
     * {@link IpIntel}.
     */
    public static final class Builder {

        private final List<List<Range>> feeds = new ArrayList<>();

        /** Adds one feed; earlier feeds win for country, ASN, organisation and network type. */
        public Builder feed(List<Range> ranges) {
            if (!ranges.isEmpty()) {
                feeds.add(flatten(ranges));
            }
            return this;
        }

        /** Adds a feed already {@link #flatten flattened} (kept by callers that rebuild often). */
        Builder flattenedFeed(List<Range> disjoint) {
            if (!disjoint.isEmpty()) {
                feeds.add(disjoint);
            }
            return this;
        }

        public IpIntel build() {
            return new IpIntel(merge(feeds));
        }

        private static final Comparator<Range> BY_START_THEN_WIDEST = (a, b) -> {
            int c = compare(a.startHi, a.startLo, b.startHi, b.startLo);
            return c != 0 ? c : compare(b.endHi, b.endLo, a.endHi, a.endLo);
        };

        /**
         * One feed's ranges made disjoint, the innermost range winning where they nest; a range that
         * overlaps another without nesting is cut at the first one's end. Adjacent ranges with equal
         * information are joined.
         */
        static List<Range> flatten(List<Range> ranges) {
            Range[] sorted = ranges.toArray(new Range[0]);
            Arrays.sort(sorted, BY_START_THEN_WIDEST);
            List<Range> out = new ArrayList<>(sorted.length);
            Deque stack = new Deque();
            long[] cursor = {sorted[0].startHi, sorted[0].startLo};
            boolean[] done = {false};
            for (Range r : sorted) {
                while (!stack.isEmpty() && compare(stack.top().endHi, stack.top().endLo, r.startHi, r.startLo) < 0) {
                    emitRest(stack.pop(), cursor, done, out);
                }
                if (!stack.isEmpty()) {
                    Range top = stack.top();
                    if (compare(cursor[0], cursor[1], r.startHi, r.startLo) < 0) {
                        long[] before = minusOne(r.startHi, r.startLo);
                        append(out, new Range(cursor[0], cursor[1], before[0], before[1], top.info));
                    }
                    if (compare(r.endHi, r.endLo, top.endHi, top.endLo) > 0) {
                        r = new Range(r.startHi, r.startLo, top.endHi, top.endLo, r.info);
                    }
                }
                if (done[0] || compare(cursor[0], cursor[1], r.startHi, r.startLo) < 0 || stack.isEmpty()) {
                    cursor[0] = r.startHi;
                    cursor[1] = r.startLo;
                    done[0] = false;
                }
                stack.push(r);
            }
            while (!stack.isEmpty()) {
                emitRest(stack.pop(), cursor, done, out);
            }
            return out;
        }

        private static void emitRest(Range r, long[] cursor, boolean[] done, List<Range> out) {
            if (done[0] || compare(cursor[0], cursor[1], r.endHi, r.endLo) > 0) {
                return;
            }
            append(out, new Range(cursor[0], cursor[1], r.endHi, r.endLo, r.info));
            if (r.endsAtTop()) {
                done[0] = true;
            } else {
                long[] next = plusOne(r.endHi, r.endLo);
                cursor[0] = next[0];
                cursor[1] = next[1];
            }
        }

        /** Adds {@code r}, joining it to the previous range when they touch and say the same. */
        private static void append(List<Range> out, Range r) {
            if (!out.isEmpty()) {
                Range last = out.get(out.size() - 1);
                long[] after = plusOne(last.endHi, last.endLo);
                if (!last.endsAtTop() && after[0] == r.startHi && after[1] == r.startLo && last.info.equals(r.info)) {
                    out.set(out.size() - 1, new Range(last.startHi, last.startLo, r.endHi, r.endLo, last.info));
                    return;
                }
            }
            out.add(r);
        }

        /** Several disjoint feeds into one disjoint list whose information is combined in feed order. */
        static List<Range> merge(List<List<Range>> feeds) {
            if (feeds.isEmpty()) {
                return List.of();
            }
            if (feeds.size() == 1) {
                return feeds.get(0);
            }
            // Every start and every end + 1 bounds an interval on which each feed is constant.
            List<long[]> points = new ArrayList<>();
            for (List<Range> feed : feeds) {
                for (Range r : feed) {
                    points.add(new long[] {r.startHi, r.startLo});
                    if (!r.endsAtTop()) {
                        points.add(plusOne(r.endHi, r.endLo));
                    }
                }
            }
            points.sort((a, b) -> compare(a[0], a[1], b[0], b[1]));
            int[] next = new int[feeds.size()];
            Map<IpInfo, IpInfo> canonical = new HashMap<>();
            List<Range> out = new ArrayList<>();
            long[] previous = null;
            for (int p = 0; p < points.size(); p++) {
                long[] start = points.get(p);
                if (previous != null && previous[0] == start[0] && previous[1] == start[1]) {
                    continue;
                }
                previous = start;
                IpInfo combined = null;
                long[] end = null;
                for (int f = 0; f < feeds.size(); f++) {
                    List<Range> feed = feeds.get(f);
                    while (next[f] < feed.size()
                            && compare(feed.get(next[f]).endHi, feed.get(next[f]).endLo, start[0], start[1]) < 0) {
                        next[f]++;
                    }
                    if (next[f] < feed.size()) {
                        Range r = feed.get(next[f]);
                        if (compare(r.startHi, r.startLo, start[0], start[1]) <= 0) {
                            combined = combined == null ? r.info : combined.completedBy(r.info);
                        }
                    }
                }
                if (combined == null) {
                    continue;
                }
                // The interval runs to just before the next distinct point.
                int q = p + 1;
                while (q < points.size() && points.get(q)[0] == start[0] && points.get(q)[1] == start[1]) {
                    q++;
                }
                end = q < points.size() ? minusOne(points.get(q)[0], points.get(q)[1]) : new long[] {-1L, -1L};
                IpInfo info = canonical.computeIfAbsent(combined, k -> k);
                append(out, new Range(start[0], start[1], end[0], end[1], info));
            }
            return out;
        }

        static long[] plusOne(long hi, long lo) {
            return lo == -1L ? new long[] {hi + 1, 0} : new long[] {hi, lo + 1};
        }

        static long[] minusOne(long hi, long lo) {
            return lo == 0 ? new long[] {hi - 1, -1L} : new long[] {hi, lo - 1};
        }

        /** A minimal array stack (ArrayDeque of records would do; this keeps the intent visible). */
        private static final class Deque {
            private Range[] items = new Range[16];
            private int size;

            boolean isEmpty() {
                return size == 0;
            }

            Range top() {
                return items[size - 1];
            }

            Range pop() {
                return items[--size];
            }

            void push(Range r) {
                if (size == items.length) {
                    items = Arrays.copyOf(items, size * 2);
                }
                items[size++] = r;
            }
        }
    }
}
