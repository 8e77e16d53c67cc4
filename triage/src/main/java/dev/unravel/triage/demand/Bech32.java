package dev.unravel.triage.demand;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Segwit addresses: BIP-173 bech32 (witness version 0) and BIP-350 bech32m (versions 1 to 16),
 * checked the way a wallet would (checksum constant must match the version, program lengths,
 * zero padding).
 */
final class Bech32 {
    static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int BECH32_CONST = 1;
    private static final int BECH32M_CONST = 0x2bc830a3;
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    /** A string that has the segwit shape; {@code checksumValid} says whether every rule held. */
    record Segwit(String hrp, int witnessVersion, boolean checksumValid) {
        String kind() {
            return witnessVersion == 0 ? "bech32" : "bech32m";
        }
    }

    private Bech32() {}

    /**
     * Parses {@code address} as a segwit address for {@code expectedHrp}. Returns {@code null} when
     * it does not have the shape at all (wrong prefix, characters outside the charset, too short or
     * long), and a result with {@code checksumValid=false} when it has the shape but a rule fails.
     */
    static Segwit parse(String address, String expectedHrp) {
        if (address.length() < expectedHrp.length() + 8 || address.length() > 90) {
            return null;
        }
        String lower = address.toLowerCase(Locale.ROOT);
        boolean mixedCase = !address.equals(lower) && !address.equals(address.toUpperCase(Locale.ROOT));
        int separator = lower.lastIndexOf('1');
        if (separator != expectedHrp.length() || !lower.startsWith(expectedHrp)) {
            return null;
        }
        int[] data = new int[lower.length() - separator - 1];
        for (int i = 0; i < data.length; i++) {
            int v = CHARSET.indexOf(lower.charAt(separator + 1 + i));
            if (v < 0) {
                return null;
            }
            data[i] = v;
        }
        if (data.length < 7) {
            return null;
        }
        int version = data[0];
        int constant = polymod(expectedHrp, data);
        boolean checksumOk = version == 0 ? constant == BECH32_CONST : constant == BECH32M_CONST;
        boolean programOk = false;
        if (version <= 16) {
            byte[] program = convertBits(data, 1, data.length - 6);
            programOk = program != null
                    && program.length >= 2 && program.length <= 40
                    && (version != 0 || program.length == 20 || program.length == 32);
        }
        return new Segwit(expectedHrp, Math.min(version, 31), checksumOk && programOk && !mixedCase);
    }

    /** Encodes a witness program, for tests that build vectors from known hashes. */
    static String encode(String hrp, int witnessVersion, byte[] program) {
        int[] converted = toFiveBits(program);
        int[] values = new int[converted.length + 1];
        values[0] = witnessVersion;
        System.arraycopy(converted, 0, values, 1, converted.length);
        int[] withChecksum = new int[values.length + 6];
        System.arraycopy(values, 0, withChecksum, 0, values.length);
        int mod = polymod(hrp, withChecksum) ^ (witnessVersion == 0 ? BECH32_CONST : BECH32M_CONST);
        StringBuilder sb = new StringBuilder(hrp).append('1');
        for (int i = 0; i < values.length; i++) {
            sb.append(CHARSET.charAt(values[i]));
        }
        for (int i = 0; i < 6; i++) {
            sb.append(CHARSET.charAt((mod >>> (5 * (5 - i))) & 31));
        }
        return sb.toString();
    }

    private static int polymod(String hrp, int[] data) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) >> 5);
        }
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) & 31);
        }
        for (int v : data) {
            chk = step(chk, v);
        }
        return chk;
    }

    private static int step(int chk, int value) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GENERATOR[i];
            }
        }
        return chk;
    }

    /** 5-bit groups to bytes without padding; {@code null} if the leftover bits are not zero padding. */
    private static byte[] convertBits(int[] data, int from, int to) {
        int acc = 0;
        int bits = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            acc = (acc << 5) | data[i];
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((acc >>> bits) & 0xff);
            }
        }
        if (bits >= 5 || ((acc << (8 - bits)) & 0xff) != 0) {
            return null;
        }
        return out.toByteArray();
    }

    private static int[] toFiveBits(byte[] bytes) {
        int[] out = new int[(bytes.length * 8 + 4) / 5];
        int acc = 0;
        int bits = 0;
        int n = 0;
        for (byte b : bytes) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[n++] = (acc >>> bits) & 31;
            }
        }
        if (bits > 0) {
            out[n++] = (acc << (5 - bits)) & 31;
        }
        return out;
    }
}
