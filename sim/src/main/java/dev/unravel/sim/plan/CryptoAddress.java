package dev.unravel.sim.plan;

import dev.unravel.core.Keccak256;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Cryptocurrency receiving addresses with correct checksums, as they appear in ransom demands.
 * A detector that pulls wallet addresses out of mail validates their checksums to avoid matching
 * random strings, so simulated addresses must pass the same checks real ones do. Each address
 * encodes a 20-byte hash of a public key; here the 20 bytes come from the caller (the simulator
 * draws them from its random stream), since nobody needs the private key.
 */
public final class CryptoAddress {
    private static final String BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] BECH32_GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private CryptoAddress() {
    }

    /** A Bitcoin native SegWit (BIP-173 bech32, P2WPKH) address: {@code bc1q…}, 42 characters. */
    public static String bitcoinSegwit(byte[] keyHash) {
        byte[] program = require20(keyHash);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(0); // witness version 0
        int acc = 0;
        int bits = 0;
        for (byte b : program) {
            acc = (acc << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                data.write((acc >>> bits) & 31);
            }
        }
        if (bits > 0) {
            data.write((acc << (5 - bits)) & 31);
        }
        return bech32("bc", data.toByteArray());
    }

    /** A Bitcoin legacy P2PKH address: base58check with version 0x00, starts with {@code 1}. */
    public static String bitcoinLegacy(byte[] keyHash) {
        return base58Check((byte) 0x00, require20(keyHash));
    }

    /** A TRON address (where USDT TRC-20 ransoms are paid): base58check with version 0x41, starts with {@code T}. */
    public static String tron(byte[] keyHash) {
        return base58Check((byte) 0x41, require20(keyHash));
    }

    /** An Ethereum address with its EIP-55 mixed-case checksum. */
    public static String ethereum(byte[] keyHash) {
        String hex = HexFormat.of().formatHex(require20(keyHash));
        byte[] hash = Keccak256.digest(hex.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < hex.length(); i++) {
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            char c = hex.charAt(i);
            out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    private static byte[] require20(byte[] keyHash) {
        if (keyHash.length != 20) {
            throw new IllegalArgumentException("a key hash is 20 bytes, got " + keyHash.length);
        }
        return keyHash;
    }

    private static String bech32(String hrp, byte[] data) {
        int[] values = new int[hrp.length() * 2 + 1 + data.length + 6];
        int n = 0;
        for (int i = 0; i < hrp.length(); i++) {
            values[n++] = hrp.charAt(i) >> 5;
        }
        values[n++] = 0;
        for (int i = 0; i < hrp.length(); i++) {
            values[n++] = hrp.charAt(i) & 31;
        }
        for (byte d : data) {
            values[n++] = d;
        }
        int polymod = polymod(values) ^ 1;
        StringBuilder out = new StringBuilder(hrp).append('1');
        for (byte d : data) {
            out.append(BECH32_CHARSET.charAt(d));
        }
        for (int i = 0; i < 6; i++) {
            out.append(BECH32_CHARSET.charAt((polymod >>> (5 * (5 - i))) & 31));
        }
        return out.toString();
    }

    private static int polymod(int[] values) {
        int chk = 1;
        for (int v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= BECH32_GENERATOR[i];
                }
            }
        }
        return chk;
    }

    private static String base58Check(byte version, byte[] payload) {
        byte[] body = new byte[1 + payload.length + 4];
        body[0] = version;
        System.arraycopy(payload, 0, body, 1, payload.length);
        byte[] check = sha256(sha256(Arrays.copyOf(body, 1 + payload.length)));
        System.arraycopy(check, 0, body, 1 + payload.length, 4);
        StringBuilder out = new StringBuilder();
        BigInteger n = new BigInteger(1, body);
        BigInteger base = BigInteger.valueOf(58);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(base);
            out.append(BASE58.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < body.length && body[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
