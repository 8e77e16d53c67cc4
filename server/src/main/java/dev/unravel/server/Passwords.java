package dev.unravel.server;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Analysts' passwords, hashed with Argon2id (OWASP's parameters: 19 MiB, 2 passes, one lane) into the
 * standard {@code $argon2id$} string that carries its salt and parameters, so that a hash made
 * with other parameters still verifies.
 */
public final class Passwords {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    /** Checked when the name is unknown, so that an unknown name takes as long as a wrong password. */
    private static final String DUMMY = hash("not a password of anyone's");

    /** The shortest password accepted. */
    public static final int MIN_LENGTH = 12;

    private Passwords() {
    }

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /** Whether {@code password} is the one {@code hash} was made from; a null hash (no such analyst) never is. */
    public static boolean matches(String password, String hash) {
        if (password == null) {
            return false;
        }
        if (hash == null) {
            Password.check(password, DUMMY).with(ARGON2ID);
            return false;
        }
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException badHash) {
            return false;
        }
    }

    /** Why a new password is refused, or null when it is acceptable. */
    public static String weakness(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "a password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.isBlank()) {
            return "a password cannot be only spaces";
        }
        return null;
    }
}
