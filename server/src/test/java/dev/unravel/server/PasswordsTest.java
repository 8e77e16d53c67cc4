package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void aHashIsArgon2idWithItsOwnSalt_andMatchesOnlyItsPassword() {
        String a = Passwords.hash("correct horse battery");
        String b = Passwords.hash("correct horse battery");
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
        assertThat(Passwords.matches("correct horse battery", a)).isTrue();
        assertThat(Passwords.matches("correct horse batterz", a)).isFalse();
        assertThat(Passwords.matches("correct horse battery", null)).isFalse();
        assertThat(Passwords.matches(null, a)).isFalse();
        assertThat(Passwords.matches("correct horse battery", "not a hash")).isFalse();
    }

    @Test
    void shortOrBlankPasswordsAreRefusedWithTheReason() {
        assertThat(Passwords.weakness("short")).isEqualTo("a password needs at least 12 characters");
        assertThat(Passwords.weakness("            ")).isEqualTo("a password cannot be only spaces");
        assertThat(Passwords.weakness("twelve chars")).isNull();
    }
}
