package dev.unravel.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void hexIsTheStandardDigestOfTheUtf8Bytes() {
        // FIPS 180-2's "abc" test vector
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.of("é")).hasSize(32).isNotEqualTo(Sha256.of("e"));
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(Sha256.hex("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isEqualTo(abc);
        java.security.MessageDigest fed = Sha256.digest();
        fed.update("ab".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        fed.update((byte) 'c');
        assertThat(Sha256.hex(fed)).as("fed as bytes pass").isEqualTo(abc);
    }
}
