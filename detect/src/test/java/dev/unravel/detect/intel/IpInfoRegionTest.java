package dev.unravel.detect.intel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpInfoRegionTest {

    @Test
    void aSubdivisionFromALaterFeedIsTakenOnlyWhenItsCountryAgrees() {
        IpInfo countryOnly = new IpInfo("US", 0, null, null, false, false, false, false, false);
        IpInfo cityElsewhere = new IpInfo("CA", 0, null, null, false, false, false, false, false, "ON");
        IpInfo citySame = new IpInfo("US", 0, null, null, false, false, false, false, false, "WA");
        assertThat(countryOnly.completedBy(cityElsewhere).region()).isNull();
        assertThat(countryOnly.completedBy(citySame).region()).isEqualTo("WA");
        assertThat(new IpInfo(null, 0, null, null, false, false, false, false, false).completedBy(citySame))
                .isEqualTo(citySame);
        assertThat(citySame.known()).isTrue();
    }
}
