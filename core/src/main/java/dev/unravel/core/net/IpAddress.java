package dev.unravel.core.net;

/**
 * IP address text to numbers without allocation or DNS: {@code InetAddress.getByName} may resolve a
 * host name over the network, and look-ups run once per event on attacker-influenced text. The one
 * parser of addresses: IP intelligence, the console's trusted proxies and Sigma's {@code cidr}
 * modifier all read addresses with it.
 *
 * <p>Every address is a 128-bit number ({@code hi}, {@code lo}); IPv4 {@code a.b.c.d} is the
 * IPv4-mapped IPv6 address {@code ::ffff:a.b.c.d}, so one ordering covers both families.
 */
public final class IpAddress {

    /** The high 64 bits of an IPv4-mapped address. */
    public static final long V4_HI = 0L;
    /** The low 64 bits of {@code ::ffff:0.0.0.0}; an IPv4 address is this OR its 32 bits. */
    public static final long V4_MAPPED_LO = 0x0000_ffff_0000_0000L;

    private IpAddress() {
    }

    /**
     * The IPv4 address in {@code s} as an unsigned 32-bit value in a long, or -1 when {@code s} is
     * not a dotted-quad IPv4 address (leading zeros allowed, as some exporters pad).
     */
    public static long parseV4(CharSequence s) {
        return parseV4(s, 0, s.length());
    }

    static long parseV4(CharSequence s, int from, int to) {
        long value = 0;
        int octets = 0;
        int digits = 0;
        int octet = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                octet = octet * 10 + (c - '0');
                if (++digits > 3 || octet > 255) {
                    return -1;
                }
            } else if (c == '.') {
                if (digits == 0 || octets == 3) {
                    return -1;
                }
                value = (value << 8) | octet;
                octets++;
                digits = 0;
                octet = 0;
            } else {
                return -1;
            }
        }
        if (digits == 0 || octets != 3) {
            return -1;
        }
        return (value << 8) | octet;
    }

    /**
     * Parses IPv4 or IPv6 text (with {@code ::}, an embedded IPv4 tail, a {@code %zone} or
     * surrounding brackets) into {@code out[0]} (high bits) and {@code out[1]} (low bits).
     *
     * @return false when {@code s} is not an IP address
     */
    public static boolean parse(CharSequence s, long[] out) {
        int from = 0;
        int to = s.length();
        if (to >= 2 && s.charAt(0) == '[' && s.charAt(to - 1) == ']') {
            from = 1;
            to--;
        }
        long v4 = parseV4(s, from, to);
        if (v4 >= 0) {
            out[0] = V4_HI;
            out[1] = V4_MAPPED_LO | v4;
            return true;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') {
                to = i;
                break;
            }
        }
        return parseV6(s, from, to, out);
    }

    private static boolean parseV6(CharSequence s, int from, int to, long[] out) {
        if (to - from < 2) {
            return false;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return false;
            }
            gap = 0;
            i += 2;
        }
        while (i < to) {
            if (count == 8) {
                return false;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 5) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    break;
                }
                value = value * 16 + d;
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // an IPv4 tail fills the last two groups
                if (count > 6) {
                    return false;
                }
                long v4 = parseV4(s, start, to);
                if (v4 < 0) {
                    return false;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = to;
                break;
            }
            if (i == start || i - start > 4) {
                return false;
            }
            groups[count++] = value;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = count;
                i++;
            } else if (i == to) {
                return false;
            }
        }
        if (gap < 0 && count != 8 || gap >= 0 && count == 8) {
            return false;
        }
        long hi = 0;
        long lo = 0;
        int shift = gap < 0 ? 0 : 8 - count;
        for (int g = 0; g < count; g++) {
            int position = g < gap || gap < 0 ? g : g + shift;
            if (position < 4) {
                hi |= (long) groups[g] << (16 * (3 - position));
            } else {
                lo |= (long) groups[g] << (16 * (7 - position));
            }
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }

    /** True when ({@code hi}, {@code lo}) is an IPv4-mapped address. */
    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xffffL;
    }

    /**
     * Addresses that never locate a person on the Internet: RFC 1918, loopback, link-local,
     * carrier-grade NAT, unspecified, multicast, documentation, and their IPv6 counterparts
     * (unique-local fc00::/7, link-local fe80::/10, ::1, ::). A sign-in from one of these says
     * nothing about country or network, so detectors skip it rather than call it foreign.
     */
    public static boolean isInternal(long hi, long lo) {
        if (isV4(hi, lo)) {
            return isInternalV4(lo & 0xffff_ffffL);
        }
        int top16 = (int) (hi >>> 48);
        if (hi == 0 && (lo == 0 || lo == 1)) {
            return true;
        }
        return (top16 & 0xfe00) == 0xfc00 // unique local
                || (top16 & 0xffc0) == 0xfe80 // link local
                || (top16 & 0xff00) == 0xff00 // multicast
                || top16 == 0x2001 && ((hi >>> 32) & 0xffff) == 0x0db8; // documentation
    }

    /** {@link #isInternal} for an IPv4 address given as its unsigned 32-bit value. */
    public static boolean isInternalV4(long v4) {
        int a = (int) (v4 >>> 24);
        int b = (int) ((v4 >>> 16) & 0xff);
        int c = (int) ((v4 >>> 8) & 0xff);
        return a == 10 || a == 127 || a == 0 || a >= 224
                || a == 172 && b >= 16 && b <= 31
                || a == 192 && b == 168
                || a == 169 && b == 254
                || a == 100 && b >= 64 && b <= 127
                || a == 192 && b == 0 && c == 2
                || a == 198 && b == 51 && c == 100
                || a == 203 && b == 0 && c == 113;
    }
}
