package dev.unravel.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpAddressTest {

    @Test
    void parsesIpv4AndIpv6TextWithoutLookingAnythingUp() {
        long[] a = new long[2];
        assertThat(IpAddress.parseV4("156.146.37.14")).isEqualTo(0x9c92250eL);
        assertThat(IpAddress.parseV4("256.1.1.1")).isEqualTo(-1);
        assertThat(IpAddress.parseV4("1.2.3")).isEqualTo(-1);
        assertThat(IpAddress.parseV4("example.com")).isEqualTo(-1);
        assertThat(IpAddress.parse("2001:db8::1", a)).isTrue();
        assertThat(a).containsExactly(0x20010db800000000L, 1L);
        assertThat(IpAddress.parse("::ffff:10.0.0.1", a)).isTrue();
        assertThat(IpAddress.isV4(a[0], a[1])).isTrue();
        assertThat(IpAddress.parse("[fe80::1%eth0]", a)).isTrue();
        assertThat(IpAddress.isInternal(a[0], a[1])).isTrue();
        assertThat(IpAddress.parse("1:2:3:4:5:6:7:8", a)).isTrue();
        assertThat(a).containsExactly(0x0001000200030004L, 0x0005000600070008L);
        assertThat(IpAddress.parse("1::2::3", a)).isFalse();
        assertThat(IpAddress.parse("12345::", a)).isFalse();
        assertThat(IpAddress.parse("not an address", a)).isFalse();
    }
}
