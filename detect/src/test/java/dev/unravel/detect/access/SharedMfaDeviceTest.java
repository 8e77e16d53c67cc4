package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedMfaDeviceTest {

    @Test
    void onePhoneApprovingTwoWorkersFires() {
        var h = harness().with("okta", oktaMfa("jeffrey.king@example.com", "73.1.2.3", "2026-03-05T01:00:00.000Z",
                "guvFarmPhone000001", "iPhone 15")
                + oktaMfa("kevin.hart@example.com", "73.1.2.4", "2026-03-06T01:00:00.000Z", "guvFarmPhone000001",
                        "iPhone 15"));
        List<Signal> signals = h.run(new SharedMfaDevice());
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        assertThat(signals.get(0).strength()).isEqualTo(0.6);
        assertThat(signals.get(0).explanation()).contains("iPhone 15").contains("2 different workers");
    }

    @Test
    void everyoneWithTheirOwnPhoneOrAFailedPushDoesNot() {
        var h = harness().with("okta",
                oktaMfa("maria.lopez@example.com", "73.2.2.2", "2026-03-05T15:00:00.000Z", "guvMaria", "Pixel 8")
                        + oktaMfa("tom.lopez@example.com", "73.2.2.2", "2026-03-05T15:01:00.000Z", "guvTom", "Pixel 8")
                        + okta("user.authentication.auth_via_mfa", "jeffrey.king@example.com", "73.1.1.1", NEW_YORK,
                                "2026-03-05T16:00:00.000Z", "FAILURE", "{\"id\":\"guvMaria\",\"name\":\"Pixel 8\"}"));
        assertThat(h.run(new SharedMfaDevice())).isEmpty();
    }

    /** Duo names the phone by its key; a bypass code names none and is counted, not guessed at. */
    @Test
    void oneDuoPhoneApprovingTwoWorkersFires_andABypassCodeIsSkipped() {
        var h = harness().with("duo-auth", duo("jeffrey.king@example.com", "73.1.2.3", NEW_YORK,
                "2026-03-05T01:00:00Z", "success", "DPFARMPHONE0000001", "iPhone (718-555-0101)")
                + duo("kevin.hart@example.com", "73.1.2.4", NEW_YORK, "2026-03-06T01:00:00Z", "success",
                        "DPFARMPHONE0000001", "iPhone (718-555-0101)")
                + duo("maria.lopez@example.com", "73.2.2.2", NEW_YORK, "2026-03-06T02:00:00Z", "denied",
                        "DPFARMPHONE0000001", "iPhone (718-555-0101)")
                + duo("maria.lopez@example.com", "73.2.2.2", NEW_YORK, "2026-03-06T03:00:00Z", "success", null, null));
        List<Signal> signals = h.run(new SharedMfaDevice());
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        assertThat(signals.get(0).explanation()).contains("iPhone (718-555-0101)").contains("2 different workers");
        assertThat(h.skippedReasons()).containsEntry("MFA event without a device id", 1L);
    }

    /** An Okta Verify device id and a Duo phone key that happen to be equal are two devices. */
    @Test
    void anOktaDeviceAndADuoPhoneWithTheSameIdAreNotOnePhone() {
        var h = harness().with("okta", oktaMfa("jeffrey.king@example.com", "73.1.2.3", "2026-03-05T01:00:00.000Z",
                "SAME0001", "iPhone 15"))
                .with("duo-auth", duo("kevin.hart@example.com", "73.1.2.4", NEW_YORK, "2026-03-06T01:00:00Z", "success",
                        "SAME0001", "iPhone 15"));
        assertThat(h.run(new SharedMfaDevice())).isEmpty();
    }
}
