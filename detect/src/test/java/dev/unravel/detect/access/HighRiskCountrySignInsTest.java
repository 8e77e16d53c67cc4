package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.detect.intel.IntelFeed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HighRiskCountrySignInsTest {

    @Test
    void aSignInLeakingFromChinaOrNorthKoreaFires() {
        var h = harness().with("okta", daily("jeffrey.king@example.com", "185.242.5.85", NEW_YORK, 2, 10, "01:00")
                + okta("jeffrey.king@example.com", "175.161.8.8", SHENYANG, "2026-03-05T02:10:00.000Z"))
                .with("entra-signin", entra("kevin.hart@example.com", "175.45.177.2", PYONGYANG, "2026-03-05T03:00:00Z", "",
                        false));
        List<Signal> signals = h.run(new HighRiskCountrySignIns(IntelFeed.empty()));
        assertThat(signals).extracting(Signal::subject)
                .containsExactlyInAnyOrder(EntityRef.worker("E1"), EntityRef.worker("E5"));
        Signal china = signals.stream().filter(s -> s.subject().value().equals("E1")).findFirst().orElseThrow();
        Signal korea = signals.stream().filter(s -> s.subject().value().equals("E5")).findFirst().orElseThrow();
        assertThat(china.strength()).isEqualTo(0.4);
        assertThat(china.explanation()).contains("CN").contains("1 time");
        assertThat(korea.strength()).isEqualTo(0.8);
    }

    @Test
    void aTripToJapanAndVpnExitsDoNotButTheListIsConfigurable() {
        String events = daily("maria.lopez@example.com", "153.130.2.2", TOKYO, 16, 4, "01:00")
                + daily("kevin.hart@example.com", "156.146.37.14", SHENYANG, 2, 5, "01:00");
        assertThat(harness().with("okta", events).run(new HighRiskCountrySignIns(IntelFeed.empty()))).isEmpty();
        var configured = harness().with("okta", events)
                .settings(HighRiskCountrySignIns.ID, Map.of("countries", List.of("jp")));
        assertThat(configured.run(new HighRiskCountrySignIns(IntelFeed.empty())))
                .extracting(s -> s.subject().value()).containsExactly("E2");
    }

    @Test
    void aFailedSignInIsNotASignIn() {
        var h = harness().with("okta", okta("user.session.start", "jeffrey.king@example.com", "175.161.8.8", SHENYANG,
                "2026-03-05T02:10:00.000Z", "FAILURE", "null"));
        assertThat(h.run(new HighRiskCountrySignIns(IntelFeed.empty()))).isEmpty();
    }

    /** Duo's access_device is where the worker signed in from: a sign-in like any other. */
    @Test
    void aDuoAuthenticationFromChinaFires_aDeniedOneDoesNot() {
        var h = harness().with("okta", daily("jeffrey.king@example.com", "185.242.5.85", NEW_YORK, 2, 10, "01:00"))
                .with("duo-auth", duo("jeffrey.king@example.com", "175.161.8.8", SHENYANG, "2026-03-05T02:10:00Z",
                        "success", "DPPHONE1", "iPhone")
                        + duo("kevin.hart@example.com", "175.161.8.9", SHENYANG, "2026-03-05T02:20:00Z", "denied",
                                "DPPHONE2", "Pixel"));
        List<Signal> signals = h.run(new HighRiskCountrySignIns(IntelFeed.empty()));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).contains("CN");
        });
    }

    /** Slack's access log places each address itself: an entry from China is a sign-in from China. */
    @Test
    void aSlackAccessLogEntryFromChinaFires() {
        var h = harness().with("slack-access", "{\"user_id\":\"U045ZRL9Q\",\"username\":\"jeffrey.king\","
                + "\"date_first\":1772675400,\"date_last\":1772677200,\"count\":3,\"ip\":\"175.161.8.8\","
                + "\"user_agent\":\"Slack/4.41.105 (Windows 10.0.22631)\",\"isp\":\"China Unicom Liaoning\","
                + "\"country\":\"CN\",\"region\":\"LN\",\"email\":\"jeffrey.king@example.com\"}\n"
                + "{\"user_id\":\"U045ZRL9R\",\"username\":\"kevin.hart\",\"date_first\":1772675400,"
                + "\"date_last\":1772677200,\"count\":9,\"ip\":\"73.1.2.4\",\"user_agent\":\"Slack/4.41.105\","
                + "\"isp\":\"Comcast Cable\",\"country\":\"US\",\"region\":\"NY\",\"email\":\"kevin.hart@example.com\"}\n");
        List<Signal> signals = h.run(new HighRiskCountrySignIns(IntelFeed.empty()));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).contains("CN");
        });
    }
}
