package dev.unravel.triage.demand;

import static dev.unravel.triage.demand.Cue.Kind.CLAIMS_DATA;
import static dev.unravel.triage.demand.Cue.Kind.CRYPTO_ADDRESS;
import static dev.unravel.triage.demand.Cue.Kind.DEADLINE;
import static dev.unravel.triage.demand.Cue.Kind.DELETION_PROMISE;
import static dev.unravel.triage.demand.Cue.Kind.NO_AUTHORITIES;
import static dev.unravel.triage.demand.Cue.Kind.PAYMENT_DEMAND;
import static dev.unravel.triage.demand.Cue.Kind.PROOF_OFFERED;
import static dev.unravel.triage.demand.Cue.Kind.THREAT_TO_CONTACT;
import static dev.unravel.triage.demand.Cue.Kind.THREAT_TO_PUBLISH;
import static dev.unravel.triage.demand.Cue.Kind.THREAT_TO_SELL;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExtortionLanguageTest {
    static final String BTC = CryptoAddressesTest.BIP350_TAPROOT;
    /** A TRON address built from a made-up 20-byte account, so the test does not name a real wallet. */
    static final String TRX = Base58.encodeCheck(HexFormat.of().parseHex("41" + "7c1e4b0d2a9f8e6b3c5d7a9e1f2b4c6d8e0a2b4c"));

    static String simulatorEmail(String demand, String threat) {
        return "Hello Northwind Labs team,\n\n"
                + "We have a full copy of your private source code and internal data. It was taken from your GitHub "
                + "organisation northwind-labs:\n\n"
                + "  - northwind-labs/payments-api\n"
                + "  - northwind-labs/web-console\n\n"
                + "In total about 42 GB: source code, configuration and credentials, internal documents.\n\n"
                + "As proof, the attached proof.zip contains 6 files from these repositories. Check them yourself.\n\n"
                + demand + "\n\n"
                + "    " + BTC + "\n\n"
                + "or the equivalent in USDT (TRC-20) to:\n\n"
                + "    " + TRX + "\n\n"
                + "The deadline is December 3, 2026, 23:59 UTC.\n\n"
                + threat + "\n\n"
                + "After payment we will delete all copies and you will not hear from us again.\n";
    }

    static final String STANDARD_DEMAND = "To keep this private, send 4.5 BTC to this Bitcoin address:";
    static final String STANDARD_THREAT = "If we do not receive payment by then, we will publish everything on public forums "
            + "and sell it to your competitors. Do not contact law enforcement.";

    private static Set<Cue.Kind> kinds(DemandAssessment a) {
        return a.cues().stream().map(Cue::kind).collect(Collectors.toSet());
    }

    private static Cue cue(DemandAssessment a, Cue.Kind kind) {
        return a.cues().stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
    }

    // --- extortion ---------------------------------------------------------------------------

    @Test
    void simulatorExtortionEmailHasEveryMove() {
        DemandAssessment a = ExtortionLanguage.assess("Your source code", simulatorEmail(STANDARD_DEMAND, STANDARD_THREAT));
        assertThat(a.extortion()).isTrue();
        assertThat(a.score()).isGreaterThan(0.95);
        assertThat(kinds(a)).containsExactlyInAnyOrder(CLAIMS_DATA, PROOF_OFFERED, PAYMENT_DEMAND, CRYPTO_ADDRESS, DEADLINE,
                THREAT_TO_PUBLISH, THREAT_TO_SELL, NO_AUTHORITIES, DELETION_PROMISE);
        assertThat(a.cues()).extracting(Cue::kind).isSorted();
        assertThat(a.addresses()).extracting(CryptoAddress::chain).containsExactly(Chain.BITCOIN, Chain.TRON);
        assertThat(a.addresses()).allMatch(CryptoAddress::checksumValid);
        assertThat(a.amounts()).extracting(Amount::currency, Amount::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BTC", new BigDecimal("4.5")));
        assertThat(cue(a, PAYMENT_DEMAND).quote()).isEqualTo(STANDARD_DEMAND);
        assertThat(cue(a, NO_AUTHORITIES).quote()).isEqualTo("Do not contact law enforcement.");
        assertThat(a.cues()).allSatisfy(c -> assertThat(c.quote().length()).isLessThanOrEqualTo(161));
        assertThat(a.summary()).isEqualTo("Demands 4.5 BTC to valid Bitcoin and TRON addresses by a deadline, "
                + "threatens to publish and sell the data, claims to hold the company's data, offers proof, "
                + "warns against contacting law enforcement, promises to delete the copies after payment.");
    }

    @Test
    void fiatDemandPaidInBitcoinWithSaleAndCustomerThreats() {
        DemandAssessment a = ExtortionLanguage.assess("Northwind Labs data",
                simulatorEmail("send USD 150,000 in Bitcoin to this address:",
                        "After the deadline the code will be put up for sale and your customers will be told."));
        assertThat(a.extortion()).isTrue();
        assertThat(kinds(a)).contains(PAYMENT_DEMAND, THREAT_TO_SELL, THREAT_TO_CONTACT, CLAIMS_DATA)
                .doesNotContain(THREAT_TO_PUBLISH, NO_AUTHORITIES);
        assertThat(a.amounts()).extracting(Amount::text).containsExactly("USD 150,000");
        assertThat(cue(a, THREAT_TO_SELL).quote())
                .isEqualTo("After the deadline the code will be put up for sale and your customers will be told.");
        assertThat(a.summary()).startsWith("Demands 150,000 USD to valid Bitcoin and TRON addresses by a deadline, "
                + "threatens to sell the data and tell customers or others,");
    }

    @Test
    void releaseOneRepositoryADay() {
        DemandAssessment a = ExtortionLanguage.assess("", simulatorEmail(STANDARD_DEMAND,
                "If you ignore this email, everything will be released publicly, one repository a day."));
        assertThat(a.extortion()).isTrue();
        assertThat(kinds(a)).contains(THREAT_TO_PUBLISH).doesNotContain(THREAT_TO_SELL, THREAT_TO_CONTACT);
        assertThat(cue(a, THREAT_TO_PUBLISH).weight()).isEqualTo(0.9);
    }

    @Test
    void demandAndClaimWithoutAnyThreatIsStillExtortion() {
        DemandAssessment a = ExtortionLanguage.assess("Re: your repositories",
                "We downloaded your entire codebase before you closed my account. Pay 20,000 USDT and we can talk.");
        assertThat(kinds(a)).containsExactlyInAnyOrder(CLAIMS_DATA, PAYMENT_DEMAND);
        assertThat(a.extortion()).isTrue();
    }

    @Test
    void sextortionSpamIsExtortionLanguage() {
        String body = "Hi, I know your password. I recorded you through your webcam while you were browsing. "
                + "You have to pay 1500 USD in BTC to " + CryptoAddressesTest.GENESIS + " within 48 hours "
                + "or I send the video to all your contacts. Don't go to the police, I will know.";
        DemandAssessment a = ExtortionLanguage.assess("Security alert for your account", body);
        assertThat(a.extortion()).isTrue();
        assertThat(kinds(a)).contains(CLAIMS_DATA, PAYMENT_DEMAND, CRYPTO_ADDRESS, DEADLINE, THREAT_TO_CONTACT, NO_AUTHORITIES);
        assertThat(a.amounts()).extracting(Amount::text).containsExactly("1500 USD");
        assertThat(a.summary()).startsWith("Demands 1,500 USD to a valid Bitcoin address by a deadline, threatens to tell customers or others");
    }

    @Test
    void aWalletWithABadChecksumIsWeakerEvidenceAndSaidSo() {
        String typo = BTC.substring(0, BTC.length() - 1) + (BTC.endsWith("q") ? "p" : "q");
        String body = simulatorEmail(STANDARD_DEMAND, STANDARD_THREAT).replace(BTC, typo).replace(TRX + "\n", "\n");
        DemandAssessment a = ExtortionLanguage.assess("", body);
        assertThat(a.addresses()).singleElement().satisfies(x -> assertThat(x.checksumValid()).isFalse());
        assertThat(cue(a, CRYPTO_ADDRESS).weight()).isEqualTo(0.5);
        assertThat(a.extortion()).isTrue();
        assertThat(a.summary()).startsWith("Demands 4.5 BTC to a Bitcoin address whose checksum fails (a typo or a fake) by a deadline");
    }

    @Test
    void hardWrappedLinesAreReadAsOneParagraph() {
        String body = "We have copied your\nsource code and customer\ndatabase. Send 3 BTC to this Bitcoin\naddress: " + BTC
                + "\nor we will publish\neverything on public\nforums.";
        DemandAssessment a = ExtortionLanguage.assess("", body);
        assertThat(kinds(a)).contains(CLAIMS_DATA, PAYMENT_DEMAND, THREAT_TO_PUBLISH);
        assertThat(a.extortion()).isTrue();
        assertThat(a.addresses()).singleElement().extracting(CryptoAddress::offset).isEqualTo(body.indexOf(BTC));
    }

    @Test
    void threatWithAWalletButNoPaymentWordsIsExtortion() {
        DemandAssessment a = ExtortionLanguage.assess("", "We still have your repositories. Wallet: " + BTC
                + "\nYou have 3 days, then we will leak it.");
        assertThat(kinds(a)).doesNotContain(PAYMENT_DEMAND).contains(CLAIMS_DATA, CRYPTO_ADDRESS, THREAT_TO_PUBLISH, DEADLINE);
        assertThat(a.extortion()).isTrue();
        assertThat(a.summary()).startsWith("Demands payment to a valid Bitcoin address by a deadline");
    }

    @Test
    void summaryNamesTheDemandedAmountBeforeOtherFigures() {
        DemandAssessment a = ExtortionLanguage.assess("", "Your company raised $12 million last year. We have your "
                + "customer database. Send 10 BTC to this Bitcoin address: " + BTC + " or we will leak it.");
        assertThat(a.extortion()).isTrue();
        assertThat(a.summary()).startsWith("Demands 10 BTC or 12,000,000 USD to a valid Bitcoin address, threatens to publish");
    }

    @Test
    void paidListingThatWillBePublishedOnlineIsNotAThreat() {
        DemandAssessment a = ExtortionLanguage.assess("Your job ad", "Pay $199 today and we will publish your job ad "
                + "online on 40 job boards within 24 hours.");
        assertThat(kinds(a)).doesNotContain(THREAT_TO_PUBLISH);
        assertThat(a.extortion()).isFalse();
    }

    static final String XMR = CryptoAddressesTest.MONERO_DOCS_STANDARD;

    static List<String> extortionParaphrases() {
        return List.of(
                "Your repositories are in our possession. We want 50,000 USDT. Otherwise the code goes to your competitors.",
                "Pay us 3 BTC or we release your source code.",
                "We demand $200,000 in Bitcoin. If you don't pay, your customers will learn about it.",
                "We exfiltrated 80 GB from your AWS account, including the customer database. Send 50 XMR to " + XMR
                        + " within 72 hours.",
                "Your data will be leaked on Monday unless 2 BTC arrive at " + BTC + ".",
                "I still have access to your GitHub organisation and a copy of every repository. The price for my silence "
                        + "is USD 90,000, payable in USDT.",
                "You fired me, but I kept the code. Transfer 1.5 BTC to " + BTC + " by Friday or I'll post it on GitHub and "
                        + "tell your clients what happened.",
                "We hold your internal documents. Payment of 10 ETH is required. Do not involve the police.",
                "hello. we have ur source code. pay 5 btc to " + BTC + " or we sell it.",
                "Your codebase has been copied. To prevent publication, pay 25,000 EUR in Monero to " + XMR + ". You have 5 days.");
    }

    @ParameterizedTest
    @MethodSource("extortionParaphrases")
    void extortionInOtherWords(String body) {
        DemandAssessment a = ExtortionLanguage.assess("", body);
        assertThat(a.extortion()).as("%s -> %s", a.score(), a.cues()).isTrue();
    }

    static List<String> ordinaryBusiness() {
        return List.of(
                "Hi, please pay the attached invoice of $2,400 by Friday. Let me know if you have questions about the line items.",
                "We will publish the quarterly results on our website within 10 days. Shareholders will be notified by email.",
                "Reminder: your subscription renews on March 3. We will charge 49 USD to your card on file.",
                "Our pentest report is attached. We have access to your staging environment until Friday and will delete all "
                        + "test data afterwards.",
                "Thanks for the call! As discussed, we will send the contract to your legal team, and the fee is $15,000 per month.",
                "Could you send 0.01 BTC to " + BTC + " to test the new payout flow? I'll refund it right after.",
                "Your order of 2 x USB-C cables (EUR 24.90) has shipped and will be delivered within 3 days.",
                "The GitHub repository northwind-labs/payments-api will be archived on Friday; we have copies of all your "
                        + "branches in the backup bucket.",
                "Your backups are safe: we have a full copy of all your repositories. Please pay the renewal invoice of $300 by Friday.",
                "Hi, I'm the contractor you let go last month. I still have my laptop with a copy of all your repositories; please "
                        + "send a courier and I will return it. Also, my final invoice of USD 4,200 is still unpaid.");
    }

    @ParameterizedTest
    @MethodSource("ordinaryBusiness")
    void ordinaryBusinessWithMoneyAndDeadlines(String body) {
        DemandAssessment a = ExtortionLanguage.assess("", body);
        assertThat(a.extortion()).as("%s -> %s", a.score(), a.cues()).isFalse();
    }

    // --- near misses -------------------------------------------------------------------------

    @Test
    void vendorInvoiceIsNotExtortion() {
        DemandAssessment a = ExtortionLanguage.assess("Invoice INV-2026-01234 from Acme Cloud",
                "Hello,\n\nYour invoice INV-2026-01234 for USD 1,234.56 is attached.\n"
                        + "Payment is due within 30 days by card or bank transfer.\n\nThank you for your business,\nAcme Cloud Billing");
        assertThat(a.extortion()).isFalse();
        assertThat(kinds(a)).containsExactly(DEADLINE);
        assertThat(a.score()).isLessThan(0.3);
        assertThat(a.amounts()).extracting(Amount::text).containsExactly("USD 1,234.56");
        assertThat(a.summary()).isEqualTo("Below the extortion threshold (score 0.24); seen: a deadline.");
    }

    @Test
    void customerAskingAboutBitcoinIsNotExtortion() {
        DemandAssessment a = ExtortionLanguage.assess("Renewal question",
                "Hi Sam,\n\nOur finance team asked whether you accept bitcoin for the annual renewal, which comes to "
                        + "EUR 24,000 this year. If not, we will pay by wire transfer as usual before the end of the month.\n\nBest,\nDana");
        assertThat(a.extortion()).isFalse();
        assertThat(a.score()).isLessThan(0.3);
        assertThat(kinds(a)).doesNotContain(THREAT_TO_PUBLISH, THREAT_TO_SELL, THREAT_TO_CONTACT, CLAIMS_DATA);
    }

    @Test
    void newsletterIsNotExtortion() {
        DemandAssessment a = ExtortionLanguage.assess("DevOps Weekly #412",
                "This week: Kubernetes 1.35 will be released on December 9. We will publish the recordings of KubeCon "
                        + "talks on our YouTube channel within 2 weeks. Bitcoin hit $98,000 again, and a new Rust release "
                        + "is out. Early-bird tickets for our conference cost $199 until Friday.\n\n"
                        + "You are receiving this because you subscribed. Unsubscribe any time.");
        assertThat(a.extortion()).isFalse();
        assertThat(kinds(a)).doesNotContain(THREAT_TO_PUBLISH, PAYMENT_DEMAND, CLAIMS_DATA);
        assertThat(a.score()).isLessThan(0.3);
    }

    @Test
    void designDocsWithAZipIsNotExtortion() {
        DemandAssessment a = ExtortionLanguage.assess("Design docs for payments-api v3",
                "Hi all,\n\nAttached is design-docs.zip with the architecture notes, the sequence diagrams and a sample "
                        + "of the API responses from the payments-api repository. I have also copied the old ADRs into the "
                        + "archive so you can compare. Please review by Friday; we will share the final version with the "
                        + "whole team next week.\n\nThanks,\nPriya");
        assertThat(a.extortion()).isFalse();
        assertThat(kinds(a)).doesNotContain(CLAIMS_DATA, PAYMENT_DEMAND, THREAT_TO_PUBLISH, THREAT_TO_CONTACT);
        assertThat(a.score()).isLessThan(0.3);
    }

    @Test
    void phishingLureWithOverduePressureIsNotExtortion() {
        DemandAssessment a = ExtortionLanguage.assess("Final notice: payment overdue",
                "Dear customer,\n\nFinal notice: your account will be suspended within 24 hours unless you pay the attached "
                        + "invoice. Your invoice is attached, open the file to view the outstanding balance of $489.99.\n\nAccounts Team");
        assertThat(a.extortion()).isFalse();
        assertThat(kinds(a)).contains(DEADLINE, PAYMENT_DEMAND).doesNotContain(THREAT_TO_PUBLISH, THREAT_TO_SELL, THREAT_TO_CONTACT);
        assertThat(a.score()).isLessThan(0.3);
    }

    @Test
    void securityVendorBlogQuotingRansomwareIsNotExtortion() {
        DemandAssessment a = ExtortionLanguage.assess("Threat report: the year in data extortion",
                "Ransomware groups increasingly skip encryption: they steal data and threaten to publish it on leak sites "
                        + "unless victims pay in bitcoin or Monero. Typical notes ask victims to pay 20 BTC within 72 hours, "
                        + "and operators sell the data on the dark web when victims refuse. Victims are told they must not "
                        + "contact law enforcement, and attackers promise that once the payment arrives they will delete "
                        + "the stolen files. Our advice: never pay, and report the incident to the FBI.");
        assertThat(a.extortion()).isFalse();
        assertThat(a.score()).isLessThan(0.35); // every move is there, but reported about "victims", never to "you"
        assertThat(kinds(a)).contains(PAYMENT_DEMAND, THREAT_TO_PUBLISH, THREAT_TO_SELL, NO_AUTHORITIES, DELETION_PROMISE);
        assertThat(a.cues()).allSatisfy(c -> assertThat(c.weight()).isLessThanOrEqualTo(0.4));
    }

    @Test
    void aWalletAddressAloneIsNotExtortion() {
        DemandAssessment a = ExtortionLanguage.assess("Donations", "You can tip the project at " + BTC + " or "
                + CryptoAddressesTest.EIP55.get(0) + ". Thanks!");
        assertThat(a.extortion()).isFalse();
        assertThat(kinds(a)).containsExactly(CRYPTO_ADDRESS);
        assertThat(a.score()).isEqualTo(0.3);
    }

    @Test
    void noCuesSaysSo() {
        DemandAssessment a = ExtortionLanguage.assess("Lunch?", "Tacos at noon?");
        assertThat(a.score()).isZero();
        assertThat(a.cues()).isEmpty();
        assertThat(a.summary()).isEqualTo("No extortion language.");
        assertThat(ExtortionLanguage.assess(null, null).cues()).isEmpty();
    }

    // --- bounded work ------------------------------------------------------------------------

    @Test
    void adversarialRepetitionIsCutAndMatchedOnce() {
        String body = "we will publish send pay transfer within ".repeat(50_000) + "send 1 BTC";
        DemandAssessment a = ExtortionLanguage.assess("x".repeat(100_000), body);
        assertThat(a.amounts()).isEmpty(); // the amount lies beyond the first 64k characters
        assertThat(List.of(a.score())).allMatch(s -> s >= 0 && s <= 1);
    }

    /** Long runs of spaces and line breaks after punctuation: would take minutes if two repeats overlapped. */
    @Test
    void longWhitespaceRunsAreReadOnce() {
        String body = ("." + " ".repeat(30_000) + "\n" + "\t".repeat(30_000) + "send").repeat(3);
        DemandAssessment a = ExtortionLanguage.assess("", body);
        assertThat(a.cues()).isEmpty();
    }
}
