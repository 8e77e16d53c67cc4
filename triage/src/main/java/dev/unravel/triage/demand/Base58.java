package dev.unravel.triage.demand;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Bitcoin's base58 alphabet, plain big-number encoding (Bitcoin, Litecoin, TRON) and Monero's
 * block encoding (8-byte blocks to 11 characters, so the length of an address is fixed).
 */
final class Base58 {
    static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    private static final int[] DIGIT = new int[128];
    /** Characters a Monero block of 0..8 bytes encodes to. */
    private static final int[] MONERO_ENCODED_SIZE = {0, 2, 3, 5, 6, 7, 9, 10, 11};
    private static final int MONERO_FULL_BLOCK = 8;
    private static final int MONERO_FULL_ENCODED = 11;

    static {
        Arrays.fill(DIGIT, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DIGIT[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58() {}

    static boolean isBase58(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || DIGIT[c] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Decodes plain base58; {@code null} if a character is outside the alphabet. */
    static byte[] decode(String s) {
        if (!isBase58(s)) {
            return null;
        }
        BigInteger n = BigInteger.ZERO;
        int leadingZeros = 0;
        while (leadingZeros < s.length() && s.charAt(leadingZeros) == '1') {
            leadingZeros++;
        }
        for (int i = 0; i < s.length(); i++) {
            n = n.multiply(BASE).add(BigInteger.valueOf(DIGIT[s.charAt(i)]));
        }
        byte[] magnitude = n.signum() == 0 ? new byte[0] : n.toByteArray();
        int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
        byte[] out = new byte[leadingZeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, out, leadingZeros, magnitude.length - skip);
        return out;
    }

    static String encode(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        BigInteger n = new BigInteger(1, bytes);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    /** Version byte + payload + the first 4 bytes of double SHA-256, base58-encoded. */
    static String encodeCheck(byte[] versionAndPayload) {
        byte[] checksum = doubleSha256(versionAndPayload);
        byte[] all = Arrays.copyOf(versionAndPayload, versionAndPayload.length + 4);
        System.arraycopy(checksum, 0, all, versionAndPayload.length, 4);
        return encode(all);
    }

    /** Whether the last 4 bytes are the double-SHA-256 checksum of the rest. */
    static boolean checksumMatches(byte[] decoded) {
        if (decoded.length < 5) {
            return false;
        }
        byte[] checksum = doubleSha256(Arrays.copyOf(decoded, decoded.length - 4));
        return Arrays.equals(checksum, 0, 4, decoded, decoded.length - 4, decoded.length);
    }

    static byte[] doubleSha256(byte[] data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest(sha.digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Decodes Monero's block base58; {@code null} if a block overflows or has an impossible length. */
    static byte[] decodeMonero(String s) {
        if (!isBase58(s)) {
            return null;
        }
        int fullBlocks = s.length() / MONERO_FULL_ENCODED;
        int lastEncoded = s.length() % MONERO_FULL_ENCODED;
        int lastSize = indexOf(MONERO_ENCODED_SIZE, lastEncoded);
        if (lastSize < 0) {
            return null;
        }
        byte[] out = new byte[fullBlocks * MONERO_FULL_BLOCK + lastSize];
        for (int b = 0; b <= fullBlocks; b++) {
            int from = b * MONERO_FULL_ENCODED;
            int to = Math.min(from + MONERO_FULL_ENCODED, s.length());
            int size = b < fullBlocks ? MONERO_FULL_BLOCK : lastSize;
            if (size == 0) {
                continue;
            }
            BigInteger n = BigInteger.ZERO;
            for (int i = from; i < to; i++) {
                n = n.multiply(BASE).add(BigInteger.valueOf(DIGIT[s.charAt(i)]));
            }
            if (n.bitLength() > 8 * size) {
                return null;
            }
            byte[] magnitude = n.toByteArray();
            int copy = Math.min(magnitude.length, size);
            System.arraycopy(magnitude, magnitude.length - copy, out, b * MONERO_FULL_BLOCK + size - copy, copy);
        }
        return out;
    }

    static String encodeMonero(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int from = 0; from < bytes.length; from += MONERO_FULL_BLOCK) {
            int size = Math.min(MONERO_FULL_BLOCK, bytes.length - from);
            BigInteger n = new BigInteger(1, Arrays.copyOfRange(bytes, from, from + size));
            char[] block = new char[MONERO_ENCODED_SIZE[size]];
            for (int i = block.length - 1; i >= 0; i--) {
                BigInteger[] qr = n.divideAndRemainder(BASE);
                block[i] = ALPHABET.charAt(qr[1].intValue());
                n = qr[0];
            }
            sb.append(block);
        }
        return sb.toString();
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
