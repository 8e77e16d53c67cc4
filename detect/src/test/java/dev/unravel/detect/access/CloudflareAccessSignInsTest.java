package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.detect.intel.IntelFeed;
import org.junit.jupiter.api.Test;

/** Cloudflare Access logins (Logpush's access_requests) read as sign-ins by the access detectors. */
class CloudflareAccessSignInsTest {

    /** An Access login of {@code email} from {@code ip}, which Cloudflare places in {@code country}. */
    static String access(String email, String ip, String country, String time, boolean allowed) {
        return "{\"Action\":\"login\",\"Allowed\":" + allowed + ",\"AppDomain\":\"wiki.northwind.example\","
                + "\"Connection\":\"okta\",\"Country\":\"" + country + "\",\"CreatedAt\":\"" + time + "\",\"Email\":\""
                + email + "\",\"IPAddress\":\"" + ip + "\",\"RayID\":\"r" + time.hashCode() + "\"}\n";
    }

    /** Jeffrey King's logins on six days from one address in China, allowed or refused. */
    static String sixDays(boolean allowed) {
        StringBuilder log = new StringBuilder();
        for (int d = 2; d < 8; d++) {
            log.append(access("jeffrey.king@example.com", "58.16.1.9", "cn", String.format("2026-03-%02dT01:00:00Z", d),
                    allowed));
        }
        return log.toString();
    }

    @Test
    void allowedLoginsFromAbroad_areSignInsFromThere_placedByCloudflaresCountry() {
        // an address no intelligence knows: Cloudflare's own country places it
        var h = harness().with("cloudflare-zero-trust", sixDays(true));
        assertThat(h.run(new ForeignCountrySignIns(IntelFeed.empty()))).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("E1");
            assertThat(s.explanation()).contains("6 of 6").contains("CN");
        });
    }

    @Test
    void aRefusedLogin_isAFailedSignIn_notOneFromThere() {
        var h = harness().with("cloudflare-zero-trust", sixDays(false));
        assertThat(h.run(new ForeignCountrySignIns(IntelFeed.empty()))).isEmpty();
    }
}
