package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.detect.intel.IntelFeed;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnonymisingNetworkSignInsTest {

    @Test
    void signingInAlmostAlwaysThroughACommercialVpnFires() {
        var h = harness().with("okta", daily("jeffrey.king@example.com", "185.242.5.85", NEW_YORK, 2, 12, "01:00"));
        List<Signal> signals = h.run(new AnonymisingNetworkSignIns(IntelFeed.empty()));
        assertThat(signals).hasSize(1);
        assertThat(signals.get(0).subject()).isEqualTo(EntityRef.worker("E1"));
        assertThat(signals.get(0).technique()).isEqualTo("T1090");
        assertThat(signals.get(0).strength()).isEqualTo(0.4);
        assertThat(signals.get(0).explanation()).contains("12 of 12").contains("M247 Europe SRL");
    }

    @Test
    void aPersonalTokenUsedByACiJobInTheCloudIsNotTheWorkerHiding() throws Exception {
        StringBuilder ci = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            ci.append(github("git.fetch", "mlopez-dev", "maria.lopez@example.com", "45.76.3." + i, "US",
                    java.time.Instant.parse("2026-03-05T00:00:00Z").plusSeconds(3600L * i))
                    .replace("\"org\":", "\"programmatic_access_type\":\"Personal access token (classic)\",\"org\":"));
        }
        String ranges = RANGES + "45.76.0.0,45.76.255.255,45.76.0.0/16,US,20473,\"The Constant Company, LLC\",hosting,"
                + "false,true,false\n";
        var h = new dev.unravel.detect.testing.DetectorHarness().with("hr-employees", EMPLOYEES)
                .with("ip-intel", ranges).with("github-audit", ci.toString())
                .with("okta", daily("maria.lopez@example.com", "73.4.4.4", CHICAGO, 2, 3, "15:00"));
        assertThat(h.run(new AnonymisingNetworkSignIns(IntelFeed.empty()))).isEmpty();
        assertThat(h.skippedReasons()).containsEntry("token used from a hosting provider (automation)", 12L);
    }

    @Test
    void oktasOwnProxyFlagCountsWhereOurFeedsAreSilent() {
        String proxied = daily("jeffrey.king@example.com", "45.12.7.7", NEW_YORK, 2, 8, "01:00")
                .replace("\"securityContext\":{}", "\"securityContext\":{\"asNumber\":9009,\"isProxy\":true}");
        List<Signal> signals = harness().with("okta", proxied).run(new AnonymisingNetworkSignIns(IntelFeed.empty()));
        assertThat(signals).hasSize(1);
        assertThat(signals.get(0).explanation()).contains("8 of 8").contains("Jeffrey King").contains("anonymiser");
    }

    @Test
    void aPersonalVpnNowAndThenAndTheCorporateEgressDoNot() {
        var h = harness().with("okta", daily("maria.lopez@example.com", "73.4.4.4", CHICAGO, 2, 12, "15:00")
                + daily("maria.lopez@example.com", "156.146.37.14", CHICAGO, 14, 3, "16:00")
                + daily("tom.lopez@example.com", "64.125.134.3", CHICAGO, 2, 15, "15:00"));
        assertThat(h.run(new AnonymisingNetworkSignIns(IntelFeed.empty()))).isEmpty();
    }
}
