package dev.unravel.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void hexIsTheStandardDigestOfTheUtf8Bytes() {
        // FIPS 180-2's "abc" test vector
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.of("é")).hasSize(32).isNotEqualTo(Sha256.of("e"));
    }
}
