package dev.unravel.detect.roster;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Keyed hashes of personal identifiers (SSN, bank account, phone, address): two records can be
 * compared without the raw value being kept, logged or written to a report. HMAC-SHA-256 with a
 * key the operator supplies ({@code UNRAVEL_PII_KEY}) so hashes are comparable across runs, or a
 * random key per run when none is given, in which case hashes mean nothing outside that run.
 */
public final class Pii {

    private final byte[] key;
    private final boolean ephemeral;

    private Pii(byte[] key, boolean ephemeral) {
        this.key = key.clone();
        this.ephemeral = ephemeral;
    }

    /** A key from text (at least 16 characters). */
    public static Pii withKey(String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalArgumentException("the PII hashing key must be at least 16 characters");
        }
        return new Pii(key.getBytes(StandardCharsets.UTF_8), false);
    }

    /** A random key for this run only. */
    public static Pii ephemeral() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new Pii(k, true);
    }

    /** The key from {@code UNRAVEL_PII_KEY}, or a random one for this run. */
    public static Pii fromEnvironment() {
        String k = System.getenv("UNRAVEL_PII_KEY");
        return k == null || k.isBlank() ? ephemeral() : withKey(k);
    }

    public boolean ephemeralKey() {
        return ephemeral;
    }

    /**
     * The keyed hash of an already normalised value, tagged with its kind so that an SSN and a
     * phone with the same digits never collide; 16 hex characters (64 bits) are plenty for the
     * tens of thousands of values one company has.
     */
    public String hash(String kind, String normalised) {
        byte[] h = dev.unravel.core.Sha256.hmac(key, kind.getBytes(StandardCharsets.UTF_8), new byte[] {0},
                normalised.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 8);
    }
}
