package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signer against the vectors AWS publishes: its SigV4 test suite and the S3 reference's example. */
class AwsSigV4Test {
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final AwsSigV4 SUITE = new AwsSigV4("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "us-east-1");

    private static Map<String, String> headers(String... kv) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            h.put(kv[i], kv[i + 1]);
        }
        return h;
    }

    @Test
    void getVanilla() {
        assertThat(SUITE.authorization("GET", URI.create("https://example.amazonaws.com/"),
                headers("Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z"), AwsSigV4.EMPTY_SHA256,
                "service", SUITE_TIME))
                .isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void queryParametersAreSortedByName() {
        assertThat(SUITE.authorization("GET", URI.create("https://example.amazonaws.com/?Param2=value2&Param1=value1"),
                headers("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z"), AwsSigV4.EMPTY_SHA256,
                "service", SUITE_TIME))
                .endsWith("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    @Test
    void postVanilla() {
        assertThat(SUITE.authorization("POST", URI.create("https://example.amazonaws.com/"),
                headers("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z"), AwsSigV4.EMPTY_SHA256,
                "service", SUITE_TIME))
                .endsWith("Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void s3GetObjectAsTheS3ReferenceSignsIt() {
        AwsSigV4 s3 = new AwsSigV4("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
        assertThat(s3.authorization("GET", URI.create("https://examplebucket.s3.amazonaws.com/test.txt"),
                headers("Host", "examplebucket.s3.amazonaws.com", "Range", "bytes=0-9",
                        "x-amz-content-sha256", AwsSigV4.EMPTY_SHA256, "x-amz-date", "20130524T000000Z"),
                AwsSigV4.EMPTY_SHA256, "s3", Instant.parse("2013-05-24T00:00:00Z")))
                .isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void encodingAndHashes() {
        assertThat(AwsSigV4.encode("a b/c~d=é")).isEqualTo("a%20b%2Fc~d%3D%C3%A9");
        assertThat(AwsSigV4.sha256(new byte[0])).isEqualTo(AwsSigV4.EMPTY_SHA256);
        assertThat(AwsSigV4.sha256("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(AwsSigV4.amzDate(SUITE_TIME)).isEqualTo("20150830T123600Z");
    }

    @Test
    void aRegionThatIsNoneIsRefused() {
        assertThatThrownBy(() -> new AwsSigV4("AKID", "s", "https://sqs.us-west-1.amazonaws.com"))
                .hasMessageContaining("is not an AWS region, such as us-west-1");
        assertThatThrownBy(() -> new AwsSigV4(" ", "s", "us-west-1")).hasMessageContaining("access key id");
    }
}
