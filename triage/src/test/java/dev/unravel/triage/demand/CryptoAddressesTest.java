package dev.unravel.triage.demand;

import dev.unravel.core.Keccak256;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CryptoAddressesTest {
    static final String GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
    static final String GENESIS_HASH160 = "62e907b15cbf27d5425399ebf6f0fb50ebb88f18";
    static final String P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy";
    static final String BIP173_P2WPKH = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";
    static final String BIP173_P2WPKH_PROGRAM = "751e76e8199196d454941c45d1b3a323f1433bd6";
    static final String BIP350_TAPROOT = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0";
    static final String TRON_USDT_CONTRACT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
    static final String MONERO_GENERAL_FUND =
            "888tNkZrPN6JsEgekjMnABU4TBzc2Dt29EPAvkRxbANsAnjyPbb3iQ1YBRk1UXcdRsiKc9dhwMVgN5S9cQUiyoogDavup3H";
    static final String MONERO_DOCS_STANDARD =
            "4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge";
    static final List<String> EIP55 = List.of(
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb");

    private static CryptoAddress checked(String candidate) {
        Optional<CryptoAddress> parsed = CryptoAddresses.check(candidate);
        assertThat(parsed).as(candidate).isPresent();
        return parsed.get();
    }

    // --- Keccak-256 -------------------------------------------------------------------------

    @Test
    void keccakMatchesPublishedDigestsNotSha3() {
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(Keccak256.digest(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(hex.formatHex(Keccak256.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    /** Second path: the same sponge with SHA-3's padding must agree with the JDK's SHA3-256, across block boundaries. */
    @Test
    void spongeWithSha3PaddingAgreesWithTheJdk() throws Exception {
        Random random = new Random(7);
        for (int length = 0; length < 450; length++) {
            byte[] input = new byte[length];
            random.nextBytes(input);
            byte[] jdk = MessageDigest.getInstance("SHA3-256").digest(input);
            assertThat(Keccak256.sponge(input, (byte) 0x06)).as("length %d", length).isEqualTo(jdk);
        }
    }

    // --- Bitcoin and Litecoin base58check ---------------------------------------------------

    @Test
    void genesisAndP2shAreValidBitcoin() {
        assertThat(checked(GENESIS)).isEqualTo(new CryptoAddress(Chain.BITCOIN, "p2pkh", GENESIS, true, 0));
        assertThat(checked(P2SH)).isEqualTo(new CryptoAddress(Chain.BITCOIN, "p2sh", P2SH, true, 0));
    }

    @Test
    void genesisAddressIsRebuiltFromItsKeyHash() {
        byte[] payload = HexFormat.of().parseHex("00" + GENESIS_HASH160);
        assertThat(Base58.encodeCheck(payload)).isEqualTo(GENESIS);
        byte[] decoded = Base58.decode(GENESIS);
        assertThat(HexFormat.of().formatHex(decoded, 0, 21)).isEqualTo("00" + GENESIS_HASH160);
    }

    @Test
    void litecoinAddressesBuiltFromAKnownKeyHash() {
        byte[] hash = HexFormat.of().parseHex(GENESIS_HASH160);
        String p2pkh = Base58.encodeCheck(HexFormat.of().parseHex("30" + GENESIS_HASH160));
        String p2sh = Base58.encodeCheck(HexFormat.of().parseHex("32" + GENESIS_HASH160));
        String segwit = Bech32.encode("ltc", 0, hash);
        assertThat(p2pkh).startsWith("L").hasSize(34);
        assertThat(p2sh).startsWith("M").hasSize(34);
        assertThat(checked(p2pkh)).isEqualTo(new CryptoAddress(Chain.LITECOIN, "p2pkh", p2pkh, true, 0));
        assertThat(checked(p2sh)).isEqualTo(new CryptoAddress(Chain.LITECOIN, "p2sh", p2sh, true, 0));
        assertThat(checked(segwit)).isEqualTo(new CryptoAddress(Chain.LITECOIN, "bech32", segwit, true, 0));
        assertThat(HexFormat.of().formatHex(Base58.decode(p2pkh), 1, 21)).isEqualTo(GENESIS_HASH160);
    }

    @Test
    void base58checkTypoIsReportedInvalid() {
        String typo = GENESIS.substring(0, 10) + "X" + GENESIS.substring(11);
        assertThat(checked(typo).checksumValid()).isFalse();
        assertThat(checked(typo).chain()).isEqualTo(Chain.BITCOIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Northwind", "123456789012345678901234567890", "hello", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa1A1zP"})
    void wordsAndNumbersAreNotAddresses(String notAnAddress) {
        assertThat(CryptoAddresses.check(notAnAddress)).isEmpty();
    }

    // --- Segwit (BIP-173, BIP-350) ----------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        BIP173_P2WPKH,
        "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
        "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
        "BC1SW50QGDZ25J",
        "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
        BIP350_TAPROOT
    })
    void bip173AndBip350ValidMainnetVectors(String address) {
        CryptoAddress a = checked(address);
        assertThat(a.chain()).isEqualTo(Chain.BITCOIN);
        assertThat(a.checksumValid()).isTrue();
        assertThat(a.kind()).isEqualTo(address.toLowerCase().startsWith("bc1q") ? "bech32" : "bech32m");
    }

    @Test
    void p2wpkhVectorIsRebuiltFromItsProgram() {
        assertThat(Bech32.encode("bc", 0, HexFormat.of().parseHex(BIP173_P2WPKH_PROGRAM))).isEqualTo(BIP173_P2WPKH);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",                                   // last char changed
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",               // v1 with bech32 checksum
        "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",               // v16 with bech32 checksum
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",                                   // v0 with bech32m checksum
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx",   // BIP-173 v1 vector, bech32 no longer valid
        "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",                                        // non-zero padding
        "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",                                         // v0 program of 16 bytes
        "bc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"                                    // mixed case
    })
    void bip173AndBip350InvalidVectorsAreReportedInvalid(String address) {
        assertThat(CryptoAddresses.check(address)).hasValueSatisfying(a -> assertThat(a.checksumValid()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", "bc1gmk9yu", "bc1b508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"})
    void testnetEmptyAndOffCharsetAreNotMainnetAddresses(String address) {
        assertThat(CryptoAddresses.check(address)).isEmpty();
    }

    // --- Ethereum ---------------------------------------------------------------------------

    @Test
    void eip55ExamplesAreValidAndRecomputed() {
        for (String address : EIP55) {
            assertThat(checked(address)).isEqualTo(new CryptoAddress(Chain.ETHEREUM, "eip55", address, true, 0));
            assertThat("0x" + CryptoAddresses.eip55(address.substring(2).toLowerCase())).isEqualTo(address);
        }
    }

    @Test
    void oneFlippedCaseBreaksEip55() {
        String flipped = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
        assertThat(checked(flipped)).isEqualTo(new CryptoAddress(Chain.ETHEREUM, "eip55", flipped, false, 0));
    }

    @Test
    void singleCaseHexIsValidButUnchecksummed() {
        String lower = EIP55.get(0).toLowerCase();
        String upper = "0x" + EIP55.get(0).substring(2).toUpperCase();
        assertThat(checked(lower)).isEqualTo(new CryptoAddress(Chain.ETHEREUM, "hex-lowercase", lower, true, 0));
        assertThat(checked(upper).kind()).isEqualTo("hex-lowercase");
        assertThat(CryptoAddresses.check("0x" + "ab".repeat(32))).as("a 32-byte hash is not an address").isEmpty();
        assertThat(CryptoAddresses.check("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg")).isEmpty();
    }

    // --- TRON and Monero --------------------------------------------------------------------

    @Test
    void tronUsdtContractIsValid() {
        assertThat(checked(TRON_USDT_CONTRACT))
                .isEqualTo(new CryptoAddress(Chain.TRON, "base58", TRON_USDT_CONTRACT, true, 0));
        assertThat(Base58.decode(TRON_USDT_CONTRACT)[0]).isEqualTo((byte) 0x41);
        String typo = TRON_USDT_CONTRACT.replace("Lj6t", "Lj7t");
        assertThat(checked(typo).checksumValid()).isFalse();
    }

    @Test
    void moneroGeneralFundIsAValidSubaddress() {
        assertThat(checked(MONERO_GENERAL_FUND))
                .isEqualTo(new CryptoAddress(Chain.MONERO, "monero-subaddress", MONERO_GENERAL_FUND, true, 0));
        assertThat(Base58.encodeMonero(Base58.decodeMonero(MONERO_GENERAL_FUND))).isEqualTo(MONERO_GENERAL_FUND);
    }

    @Test
    void moneroDocsStandardAddressIsValid() {
        assertThat(checked(MONERO_DOCS_STANDARD))
                .isEqualTo(new CryptoAddress(Chain.MONERO, "monero-standard", MONERO_DOCS_STANDARD, true, 0));
    }

    @Test
    void moneroIntegratedAddressBuiltFromTheStandardKeys() {
        byte[] standard = Base58.decodeMonero(MONERO_DOCS_STANDARD);
        byte[] body = new byte[1 + 64 + 8];
        body[0] = 19;
        System.arraycopy(standard, 1, body, 1, 64);
        byte[] paymentId = HexFormat.of().parseHex("f2b4e5e8a0a1c3d9");
        System.arraycopy(paymentId, 0, body, 65, 8);
        byte[] hash = Keccak256.digest(body);
        byte[] full = java.util.Arrays.copyOf(body, body.length + 4);
        System.arraycopy(hash, 0, full, body.length, 4);
        String integrated = Base58.encodeMonero(full);
        assertThat(integrated).hasSize(106).startsWith("4");
        assertThat(checked(integrated))
                .isEqualTo(new CryptoAddress(Chain.MONERO, "monero-integrated", integrated, true, 0));
        full[70] ^= 1;
        assertThat(checked(Base58.encodeMonero(full)).checksumValid()).isFalse();
    }

    // --- Any single substitution breaks a checksummed address -------------------------------

    static final List<String> CHECKSUMMED = List.of(
            GENESIS, P2SH, BIP173_P2WPKH, "BC1SW50QGDZ25J", BIP350_TAPROOT, TRON_USDT_CONTRACT,
            MONERO_GENERAL_FUND, MONERO_DOCS_STANDARD, EIP55.get(0), EIP55.get(1), EIP55.get(2), EIP55.get(3));
    static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Provide
    Arbitrary<String> substituted() {
        return Arbitraries.of(CHECKSUMMED).flatMap(address -> Arbitraries.integers().between(0, address.length() - 1)
                .flatMap(index -> Arbitraries.of(ALPHANUMERIC.chars().mapToObj(c -> (char) c).toList())
                        .filter(c -> c != address.charAt(index))
                        .map(c -> address.substring(0, index) + c + address.substring(index + 1))));
    }

    @Property(tries = 2000)
    void anySingleSubstitutionIsInvalidOrNotAnAddress(@ForAll("substituted") String mutated) {
        assertThat(CryptoAddresses.check(mutated)).satisfiesAnyOf(
                p -> assertThat(p).isEmpty(),
                p -> assertThat(p.get().checksumValid()).isFalse());
    }

    /** The same property checked exhaustively, every position times every alphanumeric character. */
    @Test
    void everySingleSubstitutionIsInvalidOrNotAnAddress() {
        for (String address : CHECKSUMMED) {
            for (int i = 0; i < address.length(); i++) {
                for (char c : ALPHANUMERIC.toCharArray()) {
                    if (c == address.charAt(i)) {
                        continue;
                    }
                    String mutated = address.substring(0, i) + c + address.substring(i + 1);
                    assertThat(CryptoAddresses.check(mutated).map(CryptoAddress::checksumValid))
                            .as(mutated).isNotEqualTo(Optional.of(true));
                }
            }
        }
    }

    @Provide
    Arbitrary<String> wrapper() {
        return Arbitraries.strings().withChars(" \t\n\"'()<>[]{},.;:!?*_`|/=-").ofMaxLength(4);
    }

    @Property(tries = 300)
    void foundWhateverPunctuationSurroundsIt(@ForAll("wrapper") String before, @ForAll("wrapper") String after,
            @ForAll("checksummed") String address) {
        String text = "pay to" + before + address + after + "now";
        List<CryptoAddress> found = CryptoAddresses.find(text);
        boolean glued = before.isEmpty();
        if (glued) {
            assertThat(found).isEmpty(); // "pay to1A1z..." is one token, not an address
        } else if (after.isEmpty()) {
            assertThat(found).noneMatch(a -> a.address().equals(address));
        } else {
            assertThat(found).singleElement().satisfies(a -> {
                assertThat(a.address()).isEqualTo(address);
                assertThat(a.offset()).isEqualTo(6 + before.length());
                assertThat(a.checksumValid()).isTrue();
            });
        }
    }

    @Provide
    Arbitrary<String> checksummed() {
        return Arbitraries.of(CHECKSUMMED);
    }

    // --- find --------------------------------------------------------------------------------

    @Test
    void findsAddressesInPunctuationAndQuotesInOrderOnce() {
        String text = "Pay to \"" + BIP350_TAPROOT + "\", or (" + TRON_USDT_CONTRACT + ").\n"
                + "ETH: <" + EIP55.get(1) + ">; bitcoin:" + GENESIS + "?amount=4.5\n"
                + "again: " + BIP350_TAPROOT.toUpperCase() + " and " + TRON_USDT_CONTRACT + ".";
        List<CryptoAddress> found = CryptoAddresses.find(text);
        assertThat(found).extracting(CryptoAddress::address)
                .containsExactly(BIP350_TAPROOT, TRON_USDT_CONTRACT, EIP55.get(1), GENESIS);
        assertThat(found).allMatch(CryptoAddress::checksumValid);
        for (CryptoAddress a : found) {
            assertThat(text.substring(a.offset(), a.offset() + a.address().length())).isEqualTo(a.address());
        }
    }

    @Test
    void findReportsTyposAndDoesNotJoinWrappedLines() {
        String typo = BIP173_P2WPKH.substring(0, 41) + "5";
        String wrapped = MONERO_GENERAL_FUND.substring(0, 60) + "\n" + MONERO_GENERAL_FUND.substring(60);
        List<CryptoAddress> found = CryptoAddresses.find("send to " + typo + "\n" + wrapped + "\n");
        assertThat(found).containsExactly(new CryptoAddress(Chain.BITCOIN, "bech32", typo, false, 8));
    }

    @Test
    void randomIdsInLinksAreNotReportedAsTyposButValidAddressesAre() {
        String randomId = "TQ8uXZyKBpmHPkRWA2Y6gWnJ4e9NcS3fDv";
        assertThat(CryptoAddresses.check(randomId)).as("it has the shape of a TRON address")
                .hasValueSatisfying(a -> assertThat(a.checksumValid()).isFalse());
        String text = "Track it: https://click.example.com/" + randomId + "/open?u=" + randomId
                + "\nExplorer: https://tronscan.org/#/address/" + TRON_USDT_CONTRACT + "\nTypo: " + randomId + ".";
        assertThat(CryptoAddresses.find(text)).extracting(CryptoAddress::address, CryptoAddress::checksumValid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TRON_USDT_CONTRACT, true),
                        org.assertj.core.groups.Tuple.tuple(randomId, false));
    }

    @Test
    void ordinaryProseHasNoAddresses() {
        assertThat(CryptoAddresses.find("Hello team, the Q3 planning doc (v2) is attached; commit "
                + "3f2a9c1e5b7d4f6a8c0e2b4d6f8a0c2e4b6d8f0a fixes ticket NW-1234. Thanks!")).isEmpty();
    }
}
