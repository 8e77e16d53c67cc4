package dev.unravel.detect.apply;

import dev.unravel.core.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The VPN and hosting blocks of an IP-intelligence export ({@code reference.ip_range} rows), for
 * asking whether one address is an anonymiser exit. Only those blocks are kept, sorted for binary
 * search; blocks must not overlap (the export format says so).
 */
final class IpRanges {

    private final List<long[]> ranges = new ArrayList<>();
    private final int max;
    private long[] starts;
    private long[] ends;
    private boolean dropped;

    IpRanges(int max) {
        this.max = max;
    }

    /** Keeps the row when it is a VPN or hosting block; false when it could not be read. */
    boolean add(Event e) {
        Map<String, Object> d = e.document();
        long start = ipv4(Links.text(d, "start_ip"));
        long end = ipv4(Links.text(d, "end_ip"));
        if (start < 0 || end < start) {
            return false;
        }
        boolean anonymiser = "true".equalsIgnoreCase(Links.text(d, "is_vpn"))
                || "true".equalsIgnoreCase(Links.text(d, "is_hosting"));
        boolean corporate = "true".equalsIgnoreCase(Links.text(d, "is_corporate"));
        if (anonymiser && !corporate) {
            if (ranges.size() < max) {
                ranges.add(new long[] {start, end});
                starts = null;
            } else {
                dropped = true;
            }
        }
        return true;
    }

    boolean dropped() {
        return dropped;
    }

    boolean isAnonymiser(String ip) {
        long a = ipv4(ip);
        if (a < 0 || ranges.isEmpty()) {
            return false;
        }
        if (starts == null) {
            ranges.sort((x, y) -> Long.compare(x[0], y[0]));
            starts = new long[ranges.size()];
            ends = new long[ranges.size()];
            for (int i = 0; i < ranges.size(); i++) {
                starts[i] = ranges.get(i)[0];
                ends[i] = ranges.get(i)[1];
            }
        }
        int i = Arrays.binarySearch(starts, a);
        if (i < 0) {
            i = -i - 2;
        }
        return i >= 0 && a <= ends[i];
    }

    /** A dotted IPv4 address as a number, or -1. */
    static long ipv4(String s) {
        if (s == null) {
            return -1;
        }
        String[] parts = s.strip().split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return -1;
            }
            v = v * 256 + octet;
        }
        return v;
    }
}
