package dev.unravel.detect.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.Event;
import dev.unravel.core.net.IpAddress;
import dev.unravel.core.testing.SharedData;
import dev.unravel.detect.testing.DetectorHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpIntelTest {

    @TempDir
    Path dir;

    static final String RANGES = """
            start_ip,end_ip,cidr,country,asn,as_org,network_type,is_vpn,is_hosting,is_corporate
            64.125.134.0,64.125.134.7,64.125.134.0/29,US,6461,Zayo Bandwidth (Northwind Labs HQ),office,false,false,true
            156.146.32.0,156.146.47.255,156.146.32.0/20,US,60068,Datacamp Limited,vpn,true,false,false
            175.45.176.0,175.45.179.255,175.45.176.0/22,KP,131279,Star Joint Venture Co. Ltd.,residential,false,false,false
            73.0.0.0,73.15.255.255,73.0.0.0/12,US,7922,"Comcast Cable Communications, LLC",residential,false,false,false
            """;

    @Test
    void csvRangesCidrListsAndPrivateAddresses() throws IOException {
        Files.writeString(dir.resolve("ip-ranges.csv"), RANGES);
        Files.writeString(dir.resolve("office-egress.txt"), "# our offices\n198.18.0.0/15\n2a05:d000::/32 vpn\n");
        Files.writeString(dir.resolve("datacenter.cidr"), "73.1.0.0/16\n73.1.2.3\n");
        IntelFeed feed = IntelFeed.open(List.of(dir.resolve("ip-ranges.csv"), dir.resolve("office-egress.txt"),
                dir.resolve("datacenter.cidr")));

        IpInfo vpn = feed.lookup("156.146.37.14");
        assertThat(vpn.vpn()).isTrue();
        assertThat(vpn.asn()).isEqualTo(60068);
        assertThat(vpn.country()).isEqualTo("US");
        assertThat(feed.lookup("175.45.178.1").country()).isEqualTo("KP");
        assertThat(feed.lookup("64.125.134.3").office()).isTrue();
        assertThat(feed.lookup("198.19.1.1").office()).isTrue();
        assertThat(feed.lookup("2a05:d000:1::5").vpn()).isTrue();
        // a hosting block inside a residential /12: the flags add up, the CSV keeps country and ASN
        IpInfo hosted = feed.lookup("73.1.9.9");
        assertThat(hosted.hosting()).isTrue();
        assertThat(hosted.asn()).isEqualTo(7922);
        assertThat(hosted.org()).isEqualTo("Comcast Cable Communications, LLC");
        assertThat(feed.lookup("73.2.0.1").hosting()).isFalse();
        assertThat(feed.lookup("73.1.2.3").hosting()).isTrue();

        assertThat(feed.lookup("10.1.2.3")).isEqualTo(IpInfo.INTERNAL);
        assertThat(feed.lookup("192.168.0.7").country()).isNull();
        assertThat(feed.lookup("fd00::1")).isEqualTo(IpInfo.INTERNAL);
        assertThat(feed.lookup("8.8.8.8")).isEqualTo(IpInfo.UNKNOWN);
        assertThat(feed.lookup("no-ip")).isNull();
    }

    @Test
    void innermostNetworkWinsWithinOneFeed() {
        IpInfo outer = new IpInfo("US", 1, "outer", null, false, false, false, false, false);
        IpInfo inner = new IpInfo("DE", 2, "inner", null, false, false, false, false, false);
        IpInfo innermost = new IpInfo("FR", 3, "innermost", null, false, false, false, false, false);
        long[] a = new long[2];
        IpAddress.parse("10.0.0.0", a);
        IpIntel intel = new IpIntel.Builder().feed(List.of(
                IpIntel.Range.v4(0x0b000000L, 0x0bffffffL, outer),
                IpIntel.Range.v4(0x0b010000L, 0x0b01ffffL, inner),
                IpIntel.Range.v4(0x0b010100L, 0x0b0101ffL, innermost))).build();
        assertThat(intel.lookup("11.0.0.1").org()).isEqualTo("outer");
        assertThat(intel.lookup("11.1.0.1").org()).isEqualTo("inner");
        assertThat(intel.lookup("11.1.1.1").org()).isEqualTo("innermost");
        assertThat(intel.lookup("11.1.2.1").org()).isEqualTo("inner");
        assertThat(intel.lookup("11.2.0.0").org()).isEqualTo("outer");
        assertThat(intel.lookup("11.255.255.255").org()).isEqualTo("outer");
        assertThat(intel.lookup("12.0.0.0")).isEqualTo(IpInfo.UNKNOWN);
    }

    /** A private range declared the organisation's (its VPN pool) is looked up; a feed's reserved rows are not. */
    @Test
    void privateRangesDeclaredTheOrganisations_areItsOwn_andOtherPrivateAddressesStayNobodys() {
        IpInfo pool = new IpInfo(null, 0, "Northwind Labs VPN pool", "corporate_vpn", false, false, false, true, false);
        IpInfo reserved = new IpInfo("ZZ", 0, null, null, false, false, false, false, false);
        IpIntel intel = new IpIntel.Builder().feed(List.of(IpIntel.Range.v4(0x0a140000L, 0x0a14ffffL, pool),
                IpIntel.Range.v4(0xc0a80000L, 0xc0a8ffffL, reserved))).build();
        assertThat(intel.declaresPrivateRanges()).isTrue();
        IpInfo inPool = intel.lookup("10.20.4.7");
        assertThat(inPool.office()).isTrue();
        assertThat(inPool.internal()).isTrue();
        assertThat(inPool.org()).isEqualTo("Northwind Labs VPN pool");
        assertThat(intel.lookup("10.21.0.1")).isEqualTo(IpInfo.INTERNAL);
        assertThat(intel.lookup("192.168.1.37")).as("a reserved row is nobody's network").isEqualTo(IpInfo.INTERNAL);
        assertThat(new IpIntel.Builder().feed(List.of(IpIntel.Range.v4(0xc0a80000L, 0xc0a8ffffL, reserved))).build()
                .declaresPrivateRanges()).isFalse();
    }

    @Test
    void organisationRangesArriveAsReferenceRecords() {
        List<Event> records = new java.util.ArrayList<>(DetectorHarness.read("ip-intel", RANGES
                + "2a05:d018::,2a05:d018:ffff:ffff:ffff:ffff:ffff:ffff,2a05:d018::/32,IE,16509,\"Amazon.com, Inc.\","
                + "hosting,false,true,false\n"));
        IntelFeed feed = IntelFeed.empty();
        assertThat(feed.lookup("156.146.37.14")).isEqualTo(IpInfo.UNKNOWN);
        records.forEach(feed::observe);
        records.forEach(feed::observe);
        assertThat(feed.lookup("156.146.37.14").vpn()).isTrue();
        assertThat(feed.lookup("73.9.9.9").org()).isEqualTo("Comcast Cable Communications, LLC");
        assertThat(feed.lookup("2a05:d018:12::7").hosting()).isTrue();
        assertThat(feed.lookup("2a05:d018:12::7").country()).isEqualTo("IE");
        assertThat(feed.lookup("2a05:d019::1")).isEqualTo(IpInfo.UNKNOWN);
        assertThat(feed.rebuilds()).isEqualTo(2);
        assertThat(feed.intel().size()).isEqualTo(5);
    }

    @Test
    void aBrokenFileIsAClearErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve("lists.txt"), "1.2.3.0/24\n");
        assertThatThrownBy(() -> IntelFeed.open(List.of(dir.resolve("lists.txt"))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("lists.txt:1").hasMessageContaining("label");
        Files.writeString(dir.resolve("bad.mmdb"), "not a database");
        assertThatThrownBy(() -> IntelFeed.open(List.of(dir.resolve("bad.mmdb"))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("bad.mmdb");
    }

    @Test
    void publishedCountryDatabaseAndAsnRanges() {
        Path ipdb = SharedData.require().resolve("data/ipdb");
        IntelFeed feed = IntelFeed.open(List.of(ipdb.resolve("geo-whois-asn-country.mmdb"), ipdb.resolve("asn-ipv4.csv")));
        IpInfo google = feed.lookup("8.8.8.8");
        assertThat(google.country()).isEqualTo("US");
        assertThat(google.asn()).isEqualTo(15169);
        assertThat(feed.lookup("175.45.176.10").country()).isEqualTo("KP");
        assertThat(feed.lookup("2001:4860:4860::8888").country()).isEqualTo("US");
        assertThat(feed.lookup("2a00:1450:4001:81b::200e").country()).isNotNull();
        assertThat(feed.lookup("::ffff:8.8.8.8").asn()).isEqualTo(15169);
        assertThat(feed.lookup("172.16.0.1")).isEqualTo(IpInfo.INTERNAL);
        assertThat(feed.intel().size()).isGreaterThan(100_000);
    }
}
