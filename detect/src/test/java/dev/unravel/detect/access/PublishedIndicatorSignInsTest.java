package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.intel.IndicatorLists;
import dev.unravel.detect.intel.IntelFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers' sign-ins against the addresses on a published list of the scheme's indicators. */
class PublishedIndicatorSignInsTest {

    static final String LIST = """
            # the team's list: an advisory's VPN exit, an indictment's network, a share's IPv6 block
            type,value,source,note
            ip,185.242.5[.]85,FBI PSA I-012325-PSA,operators' VPN exit
            ip,175.45.176.0/22,DOJ indictment 24-cr-0117,
            ip,2a0b:4140:4::/48,IT-ISAC share 2026-02,hosting block
            ip,not an address,IT-ISAC share 2026-02,
            email,jin.park.dev@gmail.com,IT-ISAC share 2026-02,for apply.published-indicator
            """;

    @TempDir
    Path dir;

    String signIns() {
        return daily("jeffrey.king@example.com", "185.242.5.85", NEW_YORK, 2, 3, "14:00")   // listed, three times
                + okta("maria.lopez@example.com", "175.45.177.9", PYONGYANG, "2026-03-03T01:00:00.000Z") // in the /22
                + okta("tom.lopez@example.com", "2a0b:4140:4:1::5", CHICAGO, "2026-03-03T15:00:00.000Z")  // in the /48
                + okta("kevin.hart@example.com", "185.242.5.86", NEW_YORK, "2026-03-03T16:00:00.000Z")   // the next one
                + okta("user.session.start", "anna.nowak@example.com", "185.242.5.85", WARSAW,
                        "2026-03-03T09:00:00.000Z", "FAILURE", "null");                                 // failed
    }

    @Test
    void aSignInFromAListedAddressOrNetworkIsFound_oncePerWorkerAndEntry_andNearMissesAndFailuresAreNot()
            throws Exception {
        Path file = Files.writeString(dir.resolve("indicators.csv"), LIST);
        var h = harness().with("okta", signIns()).settings(PublishedIndicatorSignIns.ID, Map.of("files",
                List.of(file.toString())));
        List<Signal> signals = h.run(new PublishedIndicatorSignIns(IntelFeed.empty(), IndicatorLists.Lists.NONE));
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E2", "E3");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.stage()).isEqualTo(Stage.ACCESS);
            assertThat(s.technique()).isEqualTo("T1078");
            assertThat(s.strength()).isEqualTo(0.6);
        });
        assertThat(signals).filteredOn(s -> s.subject().value().equals("E1")).singleElement().satisfies(s -> assertThat(
                s.explanation()).contains("A sign-in by Jeffrey King (worker E1, account jeffrey.king@example.com) came "
                + "from 185.242.5.85, an address on a published list", "FBI PSA I-012325-PSA (operators' VPN exit), "
                + "indicators.csv line 3"));
        assertThat(signals).filteredOn(s -> s.subject().value().equals("E2")).singleElement().satisfies(s -> assertThat(
                s.explanation()).contains("came from 175.45.177.9 (listed as 175.45.176.0/22)"));
        assertThat(h.skippedReasons().keySet()).extracting(k -> k.replace(dir.toString(), "DIR")).contains(
                "indicator list entry that cannot be read (DIR/indicators.csv:6: 'not an address' is not a readable ip "
                        + "(an address, a CIDR network or first-last))");
    }

    @Test
    void theScansListsReachEveryIndicatorDetector_aStixBundlesAddressesIncluded_eachCountingItsOwnBadEntries()
            throws Exception {
        Path stix = Files.writeString(dir.resolve("aa25-123a.json"), """
                {"type": "bundle", "id": "bundle--1", "objects": [
                  {"type": "report", "id": "report--1", "name": "AA25-123A North Korean IT workers"},
                  {"type": "indicator", "id": "indicator--a", "name": "VPN exits", "pattern_type": "stix",
                   "pattern": "[ipv4-addr:value = '185.242.5.85'] OR [ipv4-addr:value LIKE '10.%']"},
                  {"type": "ipv6-addr", "id": "ipv6-addr--b", "value": "2a0b:4140:4::/48"}
                ]}
                """);
        Path csv = Files.writeString(dir.resolve("share.csv"), "ip,185.242.4.0/33,IT-ISAC,\nurl,hxxp://x[.]io,IT-ISAC,\n");
        // as the scan builds its detectors from the configuration's indicators:
        var config = new dev.unravel.detect.DetectConfig(List.of(), List.of(), Map.of(), List.of(stix, csv));
        var built = dev.unravel.detect.Detectors.builtIn(config);
        var signIns = built.stream().filter(d -> d.id().equals(PublishedIndicatorSignIns.ID)).findFirst().orElseThrow();
        var h = harness().with("okta", signIns());
        List<Signal> signals = h.run(signIns);
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E3");
        assertThat(signals).filteredOn(s -> s.subject().value().equals("E1")).singleElement().satisfies(s -> assertThat(
                s.explanation()).contains("AA25-123A North Korean IT workers (VPN exits), aa25-123a.json indicator--a"));
        assertThat(h.skippedReasons().keySet()).as("the bad ip entry is this detector's to count, the unknown type not")
                .anySatisfy(k -> assertThat(k).contains("185.242.4.0/33"))
                .noneSatisfy(k -> assertThat(k).contains("type 'url'"));
        var identifiers = built.stream().filter(d -> d.id().equals("apply.published-indicator")).findFirst()
                .orElseThrow();
        var apply = harness();
        apply.run(identifiers);
        assertThat(apply.skippedReasons().keySet()).as("the identifier detector counts the entries of no known type")
                .anySatisfy(k -> assertThat(k).contains("type 'url'"))
                .noneSatisfy(k -> assertThat(k).contains("185.242.4.0/33"));

        assertThat(harness().with("okta", signIns()).run(new PublishedIndicatorSignIns(IntelFeed.empty(),
                IndicatorLists.Lists.NONE))).as("no list, nothing found").isEmpty();
        assertThatThrownBy(() -> new PublishedIndicatorSignIns(IntelFeed.empty(), IndicatorLists.Lists.NONE).check(
                new dev.unravel.detect.Settings(PublishedIndicatorSignIns.ID, Map.of("files",
                        List.of(dir.resolve("none.csv").toString())))))
                .hasMessageContaining("access.published-indicator-ip: the indicator list " + dir.resolve("none.csv")
                        + " cannot be read: no such file");
        assertThatThrownBy(() -> dev.unravel.detect.Detectors.builtIn(new dev.unravel.detect.DetectConfig(List.of(),
                List.of(), Map.of(), List.of(dir.resolve("none.csv"))))).as("the scan's lists, before it starts")
                .hasMessageContaining("indicators: the indicator list " + dir.resolve("none.csv") + " cannot be read");
    }
}
