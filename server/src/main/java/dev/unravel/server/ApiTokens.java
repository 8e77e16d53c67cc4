package dev.unravel.server;

import dev.unravel.core.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Tokens for the JSON API ({@code Authorization: Bearer unr_…}): 32 random bytes, shown once when
 * made; the store keeps their SHA-256 only (a token has the entropy a password lacks, so a fast hash
 * is enough and a look-up by hash is possible). A GitHub webhook's secret is made the same way but
 * kept whole, since checking a delivery's signature takes it ({@link GithubHookApi}).
 */
public final class ApiTokens {

    static final String PREFIX = "unr_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    /** A new token, to be shown once. */
    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** What the store keeps of a token: its SHA-256 in hexadecimal. */
    public static String hash(String token) {
        return Sha256.hex(token);
    }

    /** The token in an {@code Authorization: Bearer} header, or null. */
    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = authorization.substring(7).trim();
        return t.startsWith(PREFIX) && t.length() < 100 ? t : null;
    }
}
