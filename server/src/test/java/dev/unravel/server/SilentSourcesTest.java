package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.store.Store;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilentSourcesTest {

    static Store.IngestSource source(String name, OffsetDateTime last) {
        return new Store.IngestSource(name, 12, 1_000, 1_000, 0, last, last.minusMinutes(1));
    }

    @Test
    void aSourceSilentPastTheThresholdIsToldOnce_andAgainWhenItSendsAgain() {
        SilentSources watch = new SilentSources(Duration.ofHours(24));
        OffsetDateTime now = OffsetDateTime.parse("2026-03-05T12:00:00Z");
        OffsetDateTime okta = now.minusHours(26);
        List<Store.IngestSource> sources = List.of(source("okta", okta), source("github", now.minusMinutes(5)));

        var first = watch.check(sources, List.of(), now, "https://unravel.corp.example/");
        assertThat(first).singleElement().satisfies(n -> {
            assertThat(n.get("source")).isEqualTo("okta");
            assertThat(n.get("state")).isEqualTo("silent");
            assertThat(n.get("text")).isEqualTo("Unravel: okta has sent no logs for 1 day (last batch 2026-03-04 10:00 "
                    + "UTC). A feed that stopped is a blind spot: check its shipper or hook. "
                    + "https://unravel.corp.example/sources");
        });
        assertThat(watch.check(sources, List.of(), now.plusMinutes(15), null)).as("told once").isEmpty();

        var back = watch.check(List.of(source("okta", now.plusHours(1)), source("github", now)), List.of(), now.plusHours(1),
                null);
        assertThat(back).singleElement().satisfies(n -> {
            assertThat(n.get("state")).isEqualTo("resumed");
            assertThat((String) n.get("text")).startsWith("Unravel: okta sends logs again (last batch 2026-03-05 13:00");
        });
        assertThat(watch.check(List.of(source("okta", now.plusHours(1))), List.of(), now.plusHours(2), null)).isEmpty();
        assertThat(watch.check(List.of(source("okta", now.plusHours(1))), List.of(), now.plusHours(26), null))
                .as("silent again, told again").hasSize(1);
        assertThatThrownBy(() -> new SilentSources(Duration.ZERO)).hasMessageContaining("not PT0S");
    }

    @Test
    void theSourcesPageMarksASourceLateByItsOwnThreshold() {
        OffsetDateTime now = OffsetDateTime.parse("2026-03-07T12:00:00Z");
        SilentSources watch = new SilentSources(null, java.util.Map.of("okta", Duration.ofHours(2),
                "github-enterprise-audit", Duration.ofDays(3)));
        assertThat(watch.thresholdOf("okta")).isEqualTo(Duration.ofHours(2));
        assertThat(watch.thresholdOf("zeek")).as("not watched").isNull();
        String page = new Pages("store", "test").sources(new Pages.Who("dana", false), "t", List.of(source("okta", now.minusHours(3)),
                source("github-enterprise-audit", now.minusDays(2)), source("zeek", now.minusDays(9))), List.of(), now, true,
                watch::thresholdOf);
        assertThat(page).contains("<td class=\"late\">3 hours</td>").contains("<td>2 days</td>")
                .contains("<td>9 days</td>");
    }

    @Test
    void aSourceMayHaveAThresholdOfItsOwn_andOnlyNamedOnesAreWatchedWithoutAGeneralOne() {
        OffsetDateTime now = OffsetDateTime.parse("2026-03-07T12:00:00Z");
        List<Store.IngestSource> sources = List.of(source("okta", now.minusHours(3)),
                source("github", now.minusHours(40)), source("zeek", now.minusHours(30)));

        SilentSources both = new SilentSources(Duration.ofDays(1), java.util.Map.of("okta", Duration.ofHours(2),
                "github", Duration.ofDays(3)));
        assertThat(both.check(sources, List.of(), now, null)).extracting(n -> n.get("source"))
                .as("okta past its 2 hours, zeek past the day; github's weekend is within its 3 days")
                .containsExactly("okta", "zeek");

        SilentSources named = new SilentSources(null, java.util.Map.of("github", Duration.ofHours(36)));
        assertThat(named.check(sources, List.of(), now, null)).extracting(n -> n.get("source")).containsExactly("github");
        assertThatThrownBy(() -> new SilentSources(null, java.util.Map.of())).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new SilentSources(null, java.util.Map.of("okta", Duration.ofHours(-1))))
                .hasMessageContaining("not PT-1H");
    }

    static Store.CollectSource collection(String name, String source, OffsetDateTime first, OffsetDateTime brought,
            long failing, OffsetDateTime last) {
        return new Store.CollectSource(name, source, "Okta System Log of acme.okta.com", first, last,
                failing > 0 ? brought : last, brought, 9, brought == null ? 0 : 120, 0, failing,
                failing > 0 ? "GET https://acme.okta.com/api/v1/logs answered 401 \"Invalid token provided\"" : null);
    }

    /**
     * {@code serve --collect}: a collected source falls silent like a sent one, and the notice says
     * why when its collection fails; one whose collection never brought anything is silent from its
     * first run.
     */
    @Test
    void aCollectedSourceFallsSilent_sayingWhyItsCollectionFails_evenIfItNeverBroughtAnything() {
        OffsetDateTime now = OffsetDateTime.parse("2026-03-07T12:00:00Z");
        SilentSources watch = new SilentSources(Duration.ofHours(6));
        var failing = collection("okta-acme.okta.com", "okta", now.minusDays(5), now.minusHours(8), 32,
                now.minusMinutes(10));
        var notices = watch.check(List.of(source("okta", now.minusHours(8))), List.of(failing), now, null);
        assertThat(notices).singleElement().satisfies(n -> assertThat((String) n.get("text")).isEqualTo(
                "Unravel: okta has sent no logs for 8 hours (last batch 2026-03-07 04:00 UTC). A feed that stopped is "
                + "a blind spot: its collection (Okta System Log of acme.okta.com) has failed 32 runs in a row, last "
                + "at 2026-03-07 11:50 UTC: GET https://acme.okta.com/api/v1/logs answered 401 \"Invalid token "
                + "provided\""));

        var quiet = collection("okta-acme.okta.com", "okta", now.minusDays(5), now.minusHours(8), 0, now.minusMinutes(10));
        assertThat(new SilentSources(Duration.ofHours(6)).check(List.of(source("okta", now.minusHours(8))),
                List.of(quiet), now, null)).singleElement().satisfies(n -> assertThat((String) n.get("text"))
                        .endsWith("its collection runs, but the API has had nothing new: check what the vendor logs "
                                + "and the credential's reach."));

        var never = collection("duo-api-1.duosecurity.com", "duo", now.minusHours(7), null, 28, now.minusMinutes(5));
        var fromStart = new SilentSources(Duration.ofHours(6)).check(List.of(), List.of(never), now, null);
        assertThat(fromStart).singleElement().satisfies(n -> {
            assertThat(n.get("source")).isEqualTo("duo");
            assertThat((String) n.get("text")).startsWith("Unravel: duo has sent no logs for 7 hours since its "
                    + "collection began (2026-03-07 05:00 UTC). A feed that stopped is a blind spot: its collection");
        });
        assertThat(new SilentSources(Duration.ofHours(8)).check(List.of(), List.of(never), now, null))
                .as("within the threshold from its first run").isEmpty();

        String page = new Pages("store", "test").sources(new Pages.Who("dana", false), "t",
                List.of(source("okta", now.minusHours(8))), List.of(failing, never), now, true, watch::thresholdOf);
        assertThat(page).contains("<h2>Collected from the vendors' APIs</h2>").contains("<td>duo</td>")
                .contains("<td class=\"late\">failed 32 runs in a row: GET https://acme.okta.com/api/v1/logs answered "
                        + "401 &quot;Invalid token provided&quot;</td>")
                .contains("<td class=\"t\">never</td>");
        assertThat(page.indexOf("<td>duo</td>")).as("the source never heard from is among the sources, silent 7 hours")
                .isLessThan(page.indexOf("<td class=\"late\">7 hours</td>")).isPositive();
    }
}
