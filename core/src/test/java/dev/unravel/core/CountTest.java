package dev.unravel.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountTest {
    @Test
    void oneIsSingular_everythingElsePlural_withThousandsSeparators() {
        assertThat(Count.of(1, "rule", "rules")).isEqualTo("1 rule");
        assertThat(Count.of(0, "match", "matches")).isEqualTo("0 matches");
        assertThat(Count.of(3141, "rule", "rules")).isEqualTo("3,141 rules");
        assertThat(Count.of(-1, "day", "days")).isEqualTo("-1 days");
    }
}
