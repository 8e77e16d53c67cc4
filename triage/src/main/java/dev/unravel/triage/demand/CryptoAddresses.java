package dev.unravel.triage.demand;

import dev.unravel.core.Keccak256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and validates Bitcoin, Litecoin, Ethereum, TRON and Monero addresses with their real
 * checksums. Candidates are whole alphanumeric tokens, so surrounding punctuation, quotes and
 * URI prefixes such as {@code bitcoin:} do not matter, and an address broken across two lines
 * is two tokens and is not joined (a wrapped address is not what the sender asked to be paid to).
 *
 * <p>Mainnet only: testnet prefixes ({@code tb1}, {@code m}/{@code n}, Monero {@code 9}/{@code 5})
 * are not addresses here. A {@code 3…} P2SH address is reported as Bitcoin; Litecoin's legacy
 * P2SH used the same version byte and cannot be told apart.
 */
public final class CryptoAddresses {
    /** Maximal alphanumeric runs: one pass over the text, no backtracking. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]+");
    private static final int SHORTEST = 14;   // BC1SW50QGDZ25J, the shortest valid segwit address
    private static final int LONGEST = 106;   // Monero integrated address
    /** Characters that glue a token into a URL or a longer identifier. */
    private static final String GLUE = "/=%+&_-#";

    private static final int BTC_P2PKH = 0x00;
    private static final int BTC_P2SH = 0x05;
    private static final int LTC_P2PKH = 0x30;
    private static final int LTC_P2SH = 0x32;
    private static final int TRON = 0x41;
    private static final int XMR_STANDARD = 18;
    private static final int XMR_INTEGRATED = 19;
    private static final int XMR_SUBADDRESS = 42;

    private CryptoAddresses() {}

    /**
     * Every address-shaped token in {@code text}, checksum-valid or not, each distinct address once
     * (at its first occurrence; hex and bech32 compared ignoring case), ordered by offset.
     */
    public static List<CryptoAddress> find(String text) {
        List<CryptoAddress> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            int length = m.end() - m.start();
            if (length < SHORTEST || length > LONGEST) {
                continue;
            }
            CryptoAddress address = classify(m.group(), m.start());
            if (address == null || !address.checksumValid() && insideIdentifier(text, m.start(), m.end())) {
                continue;
            }
            if (seen.add(address.chain() + ":" + dedupKey(address))) {
                found.add(address);
            }
        }
        return List.copyOf(found);
    }

    /** Parses one candidate (surrounding whitespace ignored); empty if it is not address-shaped. Offset is 0. */
    public static Optional<CryptoAddress> check(String candidate) {
        String token = candidate.strip();
        if (token.length() < SHORTEST || token.length() > LONGEST || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(classify(token, 0));
    }

    /**
     * Whether a token is glued to a URL path, query parameter or longer identifier. Random ids
     * there (tracking links, tokens) often have an address's length and first letter; a failed
     * checksum in such a place is noise, not a typo, so only valid addresses are kept there.
     */
    private static boolean insideIdentifier(String text, int start, int end) {
        return start > 0 && GLUE.indexOf(text.charAt(start - 1)) >= 0 || end < text.length() && GLUE.indexOf(text.charAt(end)) >= 0;
    }

    private static String dedupKey(CryptoAddress a) {
        boolean caseInsensitive = a.chain() == Chain.ETHEREUM || a.kind().startsWith("bech32");
        return caseInsensitive ? a.address().toLowerCase(Locale.ROOT) : a.address();
    }

    private static CryptoAddress classify(String token, int offset) {
        if (token.length() == 42 && token.startsWith("0x")) {
            return ethereum(token, offset);
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.startsWith("bc1")) {
            return segwit(token, "bc", Chain.BITCOIN, offset);
        }
        if (lower.startsWith("ltc1")) {
            return segwit(token, "ltc", Chain.LITECOIN, offset);
        }
        if (token.length() == 95 || token.length() == 106) {
            return monero(token, offset);
        }
        if (token.length() >= 26 && token.length() <= 35) {
            return base58Check(token, offset);
        }
        return null;
    }

    private static CryptoAddress segwit(String token, String hrp, Chain chain, int offset) {
        Bech32.Segwit s = Bech32.parse(token, hrp);
        return s == null ? null : new CryptoAddress(chain, s.kind(), token, s.checksumValid(), offset);
    }

    private static CryptoAddress base58Check(String token, int offset) {
        byte[] decoded = Base58.decode(token);
        if (decoded == null || decoded.length != 25) {
            return null;
        }
        boolean valid = Base58.checksumMatches(decoded);
        return switch (decoded[0] & 0xff) {
            case BTC_P2PKH -> new CryptoAddress(Chain.BITCOIN, "p2pkh", token, valid, offset);
            case BTC_P2SH -> new CryptoAddress(Chain.BITCOIN, "p2sh", token, valid, offset); // also Litecoin's legacy "3"
            case LTC_P2PKH -> new CryptoAddress(Chain.LITECOIN, "p2pkh", token, valid, offset);
            case LTC_P2SH -> new CryptoAddress(Chain.LITECOIN, "p2sh", token, valid, offset);
            case TRON -> token.length() == 34 ? new CryptoAddress(Chain.TRON, "base58", token, valid, offset) : null;
            default -> null;
        };
    }

    /**
     * Monero: network byte (18 standard, 19 integrated, 42 subaddress), two 32-byte public keys, an
     * 8-byte payment id for integrated addresses, then the first 4 bytes of Keccak-256 of the rest.
     */
    private static CryptoAddress monero(String token, int offset) {
        char first = token.charAt(0);
        if (first != '4' && first != '8') {
            return null;
        }
        byte[] decoded = Base58.decodeMonero(token);
        if (decoded == null) {
            return null;
        }
        int tag = decoded[0] & 0xff;
        String kind;
        boolean tagFits;
        if (token.length() == 106) {
            kind = "monero-integrated";
            tagFits = tag == XMR_INTEGRATED;
        } else if (first == '8') {
            kind = "monero-subaddress";
            tagFits = tag == XMR_SUBADDRESS;
        } else {
            kind = "monero-standard";
            tagFits = tag == XMR_STANDARD;
        }
        int body = decoded.length - 4;
        byte[] hash = Keccak256.digest(Arrays.copyOf(decoded, body));
        boolean valid = tagFits && Arrays.equals(hash, 0, 4, decoded, body, decoded.length);
        return new CryptoAddress(Chain.MONERO, kind, token, valid, offset);
    }

    /**
     * EIP-55: a hex letter is upper case exactly when the matching nibble of Keccak-256 of the
     * lower-case hex is 8 or more. Hex in one case carries no checksum.
     */
    private static CryptoAddress ethereum(String token, int offset) {
        String hex = token.substring(2);
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return null;
            }
        }
        String lower = hex.toLowerCase(Locale.ROOT);
        if (hex.equals(lower) || hex.equals(hex.toUpperCase(Locale.ROOT))) {
            return new CryptoAddress(Chain.ETHEREUM, "hex-lowercase", token, true, offset);
        }
        return new CryptoAddress(Chain.ETHEREUM, "eip55", token, hex.equals(eip55(lower)), offset);
    }

    /** The EIP-55 checksummed spelling of 40 lower-case hex digits (no {@code 0x}). */
    static String eip55(String lowerHex) {
        byte[] hash = Keccak256.digest(lowerHex.getBytes(StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder(lowerHex.length());
        for (int i = 0; i < lowerHex.length(); i++) {
            char c = lowerHex.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            sb.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }
}
