package dev.unravel.sim.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CryptoAddressTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void segwitEncoderReproducesTheBip173Vector() {
        assertThat(CryptoAddress.bitcoinSegwit(HEX.parseHex("751e76e8199196d454941c45d1b3a323f1433bd6")))
                .isEqualTo("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    }

    @Test
    void legacyEncoderReproducesTheGenesisBlockAddress() {
        assertThat(CryptoAddress.bitcoinLegacy(HEX.parseHex("62e907b15cbf27d5425399ebf6f0fb50ebb88f18")))
                .isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    }

    @Test
    void tronEncoderReproducesTheUsdtContractAddress() {
        assertThat(CryptoAddress.tron(HEX.parseHex("a614f803b6fd780986a42c78ec9c7f77e6ded13c")))
                .isEqualTo("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
    }

    @Test
    void ethereumEncoderReproducesTheEip55Vectors() {
        for (String expected : new String[] {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
            assertThat(CryptoAddress.ethereum(HEX.parseHex(expected.substring(2).toLowerCase(Locale.ROOT))))
                    .isEqualTo(expected);
            assertThat(AddressChecks.validEip55(expected)).isTrue();
        }
    }

    @Test
    void independentChecksRejectACorruptedAddress() throws Exception {
        assertThat(AddressChecks.validSegwitV0("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5")).isFalse();
        assertThat(AddressChecks.base58CheckPayload("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")).isNull();
        assertThat(AddressChecks.validEip55("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")).isFalse();
    }

    @Test
    void aKeyHashOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> CryptoAddress.bitcoinSegwit(new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
