package dev.unravel.ingest.format.proxy;

import static dev.unravel.ingest.format.IdentityTestSupport.assertAccounted;
import static dev.unravel.ingest.format.IdentityTestSupport.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.IdentityTestSupport;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Cloudflare Zero Trust's Logpush datasets, one record of each written from Cloudflare's field
 * reference: a laptop running WARP at home, its user signed in to Access.
 */
class CloudflareZeroTrustReaderTest {

    final CloudflareZeroTrustReader reader = new CloudflareZeroTrustReader();

    static final String DNS = """
            {"ColoCode":"EWR","Datetime":"2026-03-03T02:13:58Z","DeviceID":"6f1c8a2e-3b44-4c1d-9a55-0a2f7d1c4b90",\
            "DeviceName":"NWL-LT-0142","DstIP":"172.64.36.1","DstPort":443,"Email":"ada.lovelace@example.com",\
            "Protocol":"https","QueryName":"g.api.mega.co.nz.","QueryType":1,"QueryTypeName":"A","RCode":0,\
            "ResolvedIPs":["66.203.125.11"],"ResolverDecision":"allowedOnNoPolicyMatch","SrcIP":"73.1.2.3",\
            "SrcPort":0,"UserID":"166befbb-00e3-5e20-bd6e-27245723949f"}""";

    /** An upload Gateway's file detection saw: its file's name and size. */
    static final String HTTP = """
            {"Action":"allow","Datetime":"1772504049","DestinationIP":"66.203.125.11","DestinationPort":443,\
            "DeviceID":"6f1c8a2e-3b44-4c1d-9a55-0a2f7d1c4b90","DeviceName":"NWL-LT-0142",\
            "Email":"ada.lovelace@example.com","FileInfo":{"files":[{"name":"src.zip","size":734003200},\
            {"name":"page.html","size":4096}]},"HTTPHost":"GFS270N171.userstorage.mega.co.nz","HTTPMethod":"POST",\
            "HTTPStatusCode":200,"HTTPVersion":"HTTP/2","Referer":"https://mega.nz/","RequestID":"1884fec9b6",\
            "SourceInternalIP":"192.168.1.23","SourceIP":"73.1.2.3","SourcePort":51544,\
            "UploadedFileNames":["src.zip"],"URL":"https://gfs270n171.userstorage.mega.co.nz/ul/AbCdEf",\
            "UserAgent":"MEGAsync/4.12","UserID":"166befbb-00e3-5e20-bd6e-27245723949f"}""";

    static final String SESSION = """
            {"BytesReceived":679,"BytesSent":52428800,"ConnectionCloseReason":"CLIENT_CLOSED",\
            "DeviceID":"6f1c8a2e-3b44-4c1d-9a55-0a2f7d1c4b90","DeviceName":"NWL-LT-0142",\
            "Email":"ada.lovelace@example.com","OriginIP":"144.76.136.153","OriginPort":443,"Protocol":"TCP",\
            "SessionEndTime":"2026-03-03T02:20:00Z","SessionID":"18881f1793","SessionStartTime":1772504400000000000,\
            "SourceInternalIP":"192.168.1.23","SourceIP":"73.1.2.3","SourcePort":52994}""";

    static final String NETWORK = """
            {"Action":"allow","Datetime":"2026-03-03T02:14:00Z","DestinationIP":"144.76.136.153",\
            "DestinationPort":443,"DeviceName":"NWL-LT-0142","Email":"ada.lovelace@example.com","SNI":"transfer.sh",\
            "SourceIP":"73.1.2.3","SourceInternalIP":"192.168.1.23","SourcePort":52994,"Transport":"tcp"}""";

    static final String ACCESS = """
            {"Action":"login","Allowed":true,"AppDomain":"wiki.northwind.example","AppUUID":"123e4567-e89b-12d3",\
            "Connection":"okta","Country":"us","CreatedAt":"2026-03-03T11:43:58+09:30",\
            "Email":"ada.lovelace@example.com","IPAddress":"73.1.2.3","RayID":"00c0ffeeabc12345",\
            "UserUID":"166befbb-00e3-5e20-bd6e-27245333949f"}""";

    private Event read(String line) {
        ReaderHarness.Result r = ReaderHarness.read(reader, "logs.log", line + "\n");
        assertThat(r.errors()).isEmpty();
        return r.events().get(0);
    }

    @Test
    void aGatewayDnsQuery_namesTheUserTheLaptopAndItsNetworksAddress() {
        Event e = read(DNS);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-03T02:13:58Z"));
        assertThat(e.type()).isEqualTo("cloudflare.dns");
        assertThat(e.source()).isEqualTo("cloudflare");
        assertThat(e.logSource()).isEqualTo(LogSource.of("cloudflare", "dns", null));
        assertThat(e.user()).isEqualTo("ada.lovelace@example.com");
        assertThat(e.host()).isEqualTo("NWL-LT-0142");
        assertThat(e.field("query")).as("without the root's dot").isEqualTo("g.api.mega.co.nz");
        assertThat(e.field("record_type")).isEqualTo("A");
        assertThat(e.field("client_public_ip")).isEqualTo("73.1.2.3");
        assertThat(e.field("ResolverDecision")).as("the vendor's fields stay").isEqualTo("allowedOnNoPolicyMatch");
    }

    @Test
    void aGatewayHttpUpload_weighsTheFilesItUploaded() {
        Event e = read(HTTP);
        assertThat(e.time()).as("Unix seconds").isEqualTo(Instant.ofEpochSecond(1772504049L));
        assertThat(e.type()).isEqualTo("cloudflare.http");
        assertThat(e.logSource()).isEqualTo(LogSource.of("cloudflare", "proxy", null));
        assertThat(e.sourceIp()).as("the laptop's own address").isEqualTo("192.168.1.23");
        assertThat(e.field("client_public_ip")).isEqualTo("73.1.2.3");
        assertThat(e.field("cs-host")).isEqualTo("gfs270n171.userstorage.mega.co.nz");
        assertThat(e.field("c-uri")).isEqualTo("https://gfs270n171.userstorage.mega.co.nz/ul/AbCdEf");
        assertThat(e.field("cs-method")).isEqualTo("POST");
        assertThat(e.field("sc-status")).isEqualTo("200");
        assertThat(e.field("cs-referrer")).isEqualTo("https://mega.nz/");
        assertThat(e.field("dst_ip")).isEqualTo("66.203.125.11");
        assertThat(e.field("action")).isEqualTo("allow");
        assertThat(e.field("cs-bytes")).as("the uploaded file, not the page it downloaded").isEqualTo(734_003_200L);
        assertThat(read(HTTP.replace("\"UploadedFileNames\":[\"src.zip\"],", "")).field("cs-bytes"))
                .as("no upload, no bytes").isNull();
    }

    @Test
    void aNetworkSession_isWhatTheClientSent_fromItsStart() {
        Event e = read(SESSION);
        assertThat(e.time()).as("Unix nanoseconds").isEqualTo(Instant.parse("2026-03-03T02:20:00Z"));
        assertThat(e.type()).isEqualTo("cloudflare.session");
        assertThat(e.logSource()).isEqualTo(LogSource.of("cloudflare", "firewall", null));
        assertThat(e.field("cs-bytes")).isEqualTo(52_428_800L);
        assertThat(e.field("dst_ip")).isEqualTo("144.76.136.153");
        assertThat(e.field("dst_port")).isEqualTo("443");
        assertThat(e.field("client_public_ip")).isEqualTo("73.1.2.3");

        Event n = read(NETWORK);
        assertThat(n.type()).isEqualTo("cloudflare.network");
        assertThat(n.host()).isEqualTo("NWL-LT-0142");
        assertThat(n.field("dst_ip")).isEqualTo("144.76.136.153");
        assertThat(n.field("SNI")).isEqualTo("transfer.sh");
        assertThat(n.field("action")).as("lower-cased, as the proxies' action").isEqualTo("allow");
    }

    @Test
    void anAccessLogin_isASignInFromItsAddress() {
        Event e = read(ACCESS);
        assertThat(e.time()).as("its offset read").isEqualTo(Instant.parse("2026-03-03T02:13:58Z"));
        assertThat(e.type()).isEqualTo("cloudflare.access.login");
        assertThat(e.source()).isEqualTo("cloudflare-access");
        assertThat(e.user()).isEqualTo("ada.lovelace@example.com");
        assertThat(e.sourceIp()).isEqualTo("73.1.2.3");
        assertThat(e.host()).isNull();
        assertThat(e.field("Allowed")).isEqualTo(true);
    }

    @Test
    void badRecordsAreRejectedByField_andTheRestRead() {
        String noTime = DNS.replace("\"Datetime\":\"2026-03-03T02:13:58Z\",", "");
        String badTime = HTTP.replace("\"1772504049\"", "\"yesterday\"");
        String badBytes = SESSION.replace("\"BytesSent\":52428800", "\"BytesSent\":\"lots\"");
        String badSize = HTTP.replace("\"size\":734003200", "\"size\":-1");
        String noAllowed = ACCESS.replace("\"Allowed\":true,", "\"Allowed\":\"maybe\",");
        String other = "{\"Datetime\":\"2026-03-03T02:13:58Z\",\"ZoneName\":\"example.com\"}";
        ReaderHarness.Result r = ReaderHarness.read(reader, "logs.log",
                String.join("\n", DNS, noTime, badTime, badBytes, badSize, noAllowed, other, ACCESS) + "\n");

        assertThat(r.records()).isEqualTo(8);
        assertThat(r.events()).extracting(Event::type).containsExactly("cloudflare.dns", "cloudflare.access.login");
        assertThat(reasons(r)).containsOnlyKeys(
                "Datetime: is missing: the record has no timestamp",
                "Datetime: is not a timestamp: \"yesterday\"",
                "BytesSent: is not a byte count: \"lots\"",
                "FileInfo.files.size: is not a byte count: -1",
                "Allowed: is not true or false: \"maybe\"",
                "Datetime: is not a Cloudflare Zero Trust record (gateway_dns, gateway_http, gateway_network, "
                        + "zero_trust_network_sessions or access_requests): none of QueryName, HTTPHost, "
                        + "SessionStartTime, AppDomain or SourceIP with DestinationIP is there");
        assertAccounted(r);
    }

    @Test
    void probe_recognisesEachDataset_andNoOtherVendorsSample() throws Exception {
        for (String line : new String[] {DNS, HTTP, SESSION, NETWORK, ACCESS}) {
            assertThat(Formats.recognise(new Sample("x.log", line.getBytes(StandardCharsets.UTF_8))))
                    .as(line).hasValueSatisfying(x -> assertThat(x.reader().id()).isEqualTo("cloudflare-zero-trust"));
        }
        IdentityTestSupport.assertClaimsNoVendorSample(reader);
    }

    @Test
    void damagedAndMutatedRecordsAreAllAccountedFor() {
        IdentityTestSupport.assertDamagedLinesAccounted(reader, "\"", 200, DNS, HTTP, SESSION, NETWORK, ACCESS);
        for (long seed = 1; seed <= 60; seed++) {
            IdentityTestSupport.checkMutations(reader, new String[] {DNS, HTTP, SESSION, NETWORK, ACCESS}[(int) (seed
                    % 5)], seed);
        }
    }
}
