package dev.unravel.sim.plan;

import dev.unravel.core.Keccak256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;

/**
 * Checks wallet addresses the way a wallet or a detector would, written apart from
 * {@link CryptoAddress} so a shared mistake cannot make a bad address pass.
 */
public final class AddressChecks {
    private AddressChecks() {
    }

    /** BIP-173: HRP {@code bc}, witness version 0, 20-byte program, checksum constant 1. */
    public static boolean validSegwitV0(String address) {
        String charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        if (!address.equals(address.toLowerCase(Locale.ROOT)) || !address.startsWith("bc1") || address.length() != 42) {
            return false;
        }
        String hrp = address.substring(0, address.lastIndexOf('1'));
        String data = address.substring(hrp.length() + 1);
        long chk = 1;
        int[] values = new int[hrp.length() * 2 + 1 + data.length()];
        int n = 0;
        for (char c : hrp.toCharArray()) {
            values[n++] = c >> 5;
        }
        values[n++] = 0;
        for (char c : hrp.toCharArray()) {
            values[n++] = c & 31;
        }
        for (char c : data.toCharArray()) {
            int v = charset.indexOf(c);
            if (v < 0) {
                return false;
            }
            values[n++] = v;
        }
        long[] gen = {0x3b6a57b2L, 0x26508e6dL, 0x1ea119faL, 0x3d4233ddL, 0x2a1462b3L};
        for (int v : values) {
            long b = chk >> 25;
            chk = ((chk & 0x1ffffffL) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                chk ^= ((b >> i) & 1) == 1 ? gen[i] : 0;
            }
        }
        return chk == 1 && charset.indexOf(data.charAt(0)) == 0;
    }

    /** Base58check: returns version byte and payload when the double-SHA-256 checksum holds, else null. */
    public static byte[] base58CheckPayload(String address) throws Exception {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        BigInteger n = BigInteger.ZERO;
        int zeros = 0;
        for (char c : address.toCharArray()) {
            int d = alphabet.indexOf(c);
            if (d < 0) {
                return null;
            }
            n = n.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(d));
        }
        while (zeros < address.length() && address.charAt(zeros) == '1') {
            zeros++;
        }
        byte[] magnitude = n.toByteArray();
        int skip = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        byte[] raw = new byte[zeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, raw, zeros, magnitude.length - skip);
        byte[] body = Arrays.copyOf(raw, raw.length - 4);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] check = sha.digest(sha.digest(body));
        boolean valid = Arrays.equals(Arrays.copyOf(check, 4), Arrays.copyOfRange(raw, raw.length - 4, raw.length));
        return valid ? body : null;
    }

    /** EIP-55: each hex letter is upper case exactly when its nibble of Keccak-256(lower-case hex) is 8 or more. */
    public static boolean validEip55(String address) {
        String hex = address.substring(2);
        byte[] hash = Keccak256.digest(hex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            int nibble = i % 2 == 0 ? (hash[i / 2] >> 4) & 0xF : hash[i / 2] & 0xF;
            if (Character.isLetter(c) && Character.isUpperCase(c) != (nibble >= 8)) {
                return false;
            }
        }
        return address.startsWith("0x") && hex.matches("[0-9a-fA-F]{40}");
    }
}
