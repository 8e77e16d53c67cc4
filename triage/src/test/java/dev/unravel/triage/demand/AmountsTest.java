package dev.unravel.triage.demand;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "send 2.5 BTC now|BTC|2.5|2.5 BTC",
        "BTC 2.5 to this address|BTC|2.5|BTC 2.5",
        "USD 150,000 in Bitcoin|USD|150000|USD 150,000",
        "a fee of $150,000.|USD|150000|$150,000",
        "just 150k USD|USD|150000|150k USD",
        "150 000 € pour le silence|EUR|150000|150 000 €",
        "50,000 USDT (TRC-20)|USDT|50000|50,000 USDT",
        "pay 1500 USD in BTC|USD|1500|1500 USD",
        "10 XMR to|XMR|10|10 XMR",
        "or 42 ETH.|ETH|42|42 ETH",
        "1.234,56 EUR|EUR|1234.56|1.234,56 EUR",
        "about 0,75 bitcoin|BTC|0.75|0,75 bitcoin",
        "$2.5 million|USD|2500000|$2.5 million",
        "€ 9.999|EUR|9.999|€ 9.999",
        "US$ 20,000|USD|20000|US$ 20,000",
        "1,234,567 dollars|USD|1234567|1,234,567 dollars",
        "invoice for USD 1,234.56 is|USD|1234.56|USD 1,234.56"
    })
    void readsEachWrittenForm(String text, String currency, String value, String written) {
        List<Amount> found = Amounts.find(text);
        assertThat(found).hasSize(1);
        Amount a = found.get(0);
        assertThat(a.currency()).isEqualTo(currency);
        assertThat(a.value()).isEqualByComparingTo(new BigDecimal(value));
        assertThat(a.text()).isEqualTo(written);
        assertThat(text.substring(a.offset())).startsWith(written);
    }

    @Test
    void integersPrintPlainly() {
        assertThat(Amounts.find("150k USD").get(0).value().toString()).isEqualTo("150000");
    }

    @Test
    void severalAmountsInOrderAndBareNumbersIgnored() {
        String text = "Send 4.5 BTC or the equivalent, 50,000 USDT, within 48 hours. We hold 42 GB. Ref 2026-12-03.";
        assertThat(Amounts.find(text)).extracting(Amount::currency, Amount::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BTC", "4.5 BTC"),
                        org.assertj.core.groups.Tuple.tuple("USDT", "50,000 USDT"));
    }

    @Test
    void wordsThatOnlyLookLikeCurrenciesAreIgnored() {
        assertThat(Amounts.find("bitcoin 24 hours; version 2 of the euro-zone report; 3 dollarstore; USDTX 5"))
                .isEmpty();
    }
}
