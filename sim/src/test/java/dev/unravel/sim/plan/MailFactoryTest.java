package dev.unravel.sim.plan;

import static dev.unravel.sim.plan.MailFixtures.operator;
import static dev.unravel.sim.plan.MailFixtures.recipient;
import static dev.unravel.sim.plan.MailFixtures.stolen;
import static dev.unravel.sim.plan.MailFixtures.unzip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sim.Rng;
import dev.unravel.sim.activity.Mail;
import dev.unravel.sim.world.Internet;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.World;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MailFactoryTest {
    static final Instant AT = Instant.parse("2026-03-02T14:03:11Z");
    static final String CLIENT_IP = "45.76.12.34";
    private static final Pattern BECH32 = Pattern.compile("\\bbc1q[02-9ac-hj-np-z]{38}\\b");
    private static final Pattern BASE58 = Pattern.compile("\\b[1T][1-9A-HJ-NP-Za-km-z]{25,33}\\b");
    private static final Pattern ETH = Pattern.compile("\\b0x[0-9a-fA-F]{40}\\b");

    static Mail extortion(long seed) {
        return MailFactory.extortion(operator(), AT, stolen(), Rng.of(seed), CLIENT_IP);
    }

    @Test
    void extortionComesFromThePersonalAddressOrALookalikeUnderTheSameName() {
        Person ex = operator();
        Set<Boolean> exact = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            Mail mail = extortion(seed);
            assertThat(mail.fromName()).isEqualTo(ex.fullName());
            exact.add(mail.fromAddress().equals(ex.personalEmail));
            assertThat(skeleton(mail.fromAddress())).isEqualTo(skeleton(ex.personalEmail));
            assertThat(mail.to()).matches("(security|ceo|hr|legal)@" + Pattern.quote(World.DOMAIN));
            assertThat(mail.clientIp()).isEqualTo(CLIENT_IP);
            assertThat(Internet.HOSTING).anyMatch(n -> n.contains(mail.senderIp()));
            assertThat(mail.time()).isEqualTo(AT);
        }
        assertThat(exact).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void proofArchiveHoldsRealRepositoryPathsStampedAtOneTimeBeforeTheEmail() throws Exception {
        Set<String> real = stolen().stream().flatMap(r -> r.paths().stream().map(p -> r.name() + "/" + p))
                .collect(Collectors.toSet());
        for (long seed = 0; seed < 20; seed++) {
            Mail mail = extortion(seed);
            assertThat(mail.attachments()).singleElement()
                    .satisfies(a -> assertThat(a.fileName()).endsWith(".zip"))
                    .satisfies(a -> assertThat(a.contentType()).isEqualTo("application/zip"));
            var entries = unzip(mail.attachments().get(0).content());
            assertThat(entries).containsKey("README.txt");
            Set<String> proof = new HashSet<>(entries.keySet());
            proof.remove("README.txt");
            assertThat(proof).isNotEmpty().hasSizeLessThanOrEqualTo(12).isSubsetOf(real);
            assertThat(entries.values()).allSatisfy(e -> assertThat(e.text()).isNotBlank());
            assertThat(entries.values().stream().map(MailFixtures.ZipEntryContent::modified).distinct()).hasSize(1);
            assertThat(entries.values().iterator().next().modified()).isLessThan("2026-03-02");
            assertThat(mail.body()).contains("contains " + proof.size() + " file");
        }
    }

    @Test
    void bodyNamesTheStolenRepositoriesADeadlineAndWalletsWithValidChecksums() throws Exception {
        Set<String> secondKinds = new HashSet<>();
        for (long seed = 0; seed < 60; seed++) {
            String body = extortion(seed).body();
            stolen().forEach(r -> assertThat(body).contains(World.GITHUB_ORG + "/" + r.name()));
            assertThat(body).containsPattern("deadline is (March|April) \\d{1,2}, 2026");
            List<String> segwit = all(BECH32, body);
            assertThat(segwit).hasSize(1).allMatch(AddressChecks::validSegwitV0);
            for (String a : all(BASE58, body)) {
                byte[] payload = AddressChecks.base58CheckPayload(a);
                assertThat(payload).as(a).isNotNull().hasSize(21);
                assertThat(payload[0]).isEqualTo(a.startsWith("T") ? (byte) 0x41 : (byte) 0x00);
                secondKinds.add(a.startsWith("T") ? "tron" : "p2pkh");
            }
            for (String a : all(ETH, body)) {
                assertThat(AddressChecks.validEip55(a)).as(a).isTrue();
                assertThat(a.substring(2)).isNotEqualTo(a.substring(2).toLowerCase(Locale.ROOT));
                secondKinds.add("eth");
            }
        }
        assertThat(secondKinds).containsExactlyInAnyOrder("tron", "p2pkh", "eth");
    }

    @Test
    void theSameStreamGivesTheSameMail() {
        Mail a = extortion(42);
        Mail b = extortion(42);
        assertThat(b).usingRecursiveComparison().isEqualTo(a);
        assertThat(extortion(43).body()).isNotEqualTo(a.body());
    }

    @Test
    void benignMailCoversEveryKindFromHostingRelaysWithoutTheExtortionMarkers() throws Exception {
        Set<String> real = stolen().stream().flatMap(r -> r.paths().stream().map(p -> r.name() + "/" + p))
                .collect(Collectors.toSet());
        Set<String> kinds = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            Mail mail = MailFactory.benign(recipient(), AT, Rng.of(seed));
            assertThat(mail.to()).isEqualTo(recipient().workEmail);
            assertThat(Internet.HOSTING).anyMatch(n -> n.contains(mail.senderIp()));
            assertThat(all(BECH32, mail.body())).isEmpty();
            assertThat(all(ETH, mail.body())).isEmpty();
            for (Mail.Attachment a : mail.attachments()) {
                if (a.fileName().endsWith(".zip")) {
                    kinds.add("zip");
                    assertThat(unzip(a.content()).keySet()).doesNotContainAnyElementsOf(real);
                } else {
                    kinds.add("pdf");
                    assertPdf(a.content());
                }
            }
            if (mail.body().contains("bitcoin")) {
                kinds.add("bitcoin");
            }
            if (mail.body().contains("Unsubscribe")) {
                kinds.add("newsletter");
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("zip", "pdf", "bitcoin", "newsletter");
    }

    @Test
    void proofFileContentsFollowThePathSoTheSameFileAlwaysReadsTheSame() {
        assertThat(MailFactory.source("payments-api", "src/main/java/com/northwindlabs/payments/LedgerService.java"))
                .contains("package com.northwindlabs.paymentsapi;").contains("public final class LedgerService");
        assertThat(MailFactory.source("ingest-worker", "cmd/worker/main.go")).startsWith("// Copyright");
        assertThat(MailFactory.source("web-console", "src/app/Login.tsx"))
                .isEqualTo(MailFactory.source("web-console", "src/app/Login.tsx"));
    }

    @Test
    void lookalikeAddressesDifferFromTheOriginal() {
        for (long seed = 0; seed < 40; seed++) {
            String look = MailFactory.lookalike("jordan.miles.dev@gmail.com", Rng.of(seed));
            assertThat(look).isNotEqualTo("jordan.miles.dev@gmail.com")
                    .matches("[a-z0-9._]+@[a-z.]+").doesNotContain("..");
        }
    }

    /** An invoice PDF's cross-reference offset must point at the xref table, as a reader checks. */
    private static void assertPdf(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("%PDF-1.4\n").endsWith("%%EOF\n");
        Matcher m = Pattern.compile("startxref\n(\\d+)\n").matcher(text);
        assertThat(m.find()).isTrue();
        assertThat(text.substring(Integer.parseInt(m.group(1)))).startsWith("xref\n");
        Matcher offsets = Pattern.compile("(\\d{10}) 00000 n \n").matcher(text);
        int object = 1;
        while (offsets.find()) {
            assertThat(text.substring(Integer.parseInt(offsets.group(1)))).startsWith(object++ + " 0 obj\n");
        }
        assertThat(object).isEqualTo(6);
    }

    /** The local part without digits, dots and doubled letters: what a lookalike keeps. */
    private static String skeleton(String address) {
        return address.substring(0, address.indexOf('@')).replaceAll("[0-9._]", "").replaceAll("(.)\\1", "$1");
    }

    static List<String> all(Pattern p, String text) {
        List<String> found = new ArrayList<>();
        for (Matcher m = p.matcher(text); m.find(); ) {
            found.add(m.group());
        }
        return found;
    }
}
