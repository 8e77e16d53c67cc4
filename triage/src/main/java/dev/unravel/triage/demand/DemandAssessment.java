package dev.unravel.triage.demand;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an email demands and threatens, as weighted evidence.
 *
 * @param score 0..1; at or above {@link ExtortionLanguage#THRESHOLD} the email reads as extortion
 * @param cues each kind of cue once, with its strongest quote, in {@link Cue.Kind} order
 * @param addresses wallet addresses in the body, valid or not
 * @param amounts sums of money in the body
 */
public record DemandAssessment(double score, List<Cue> cues, List<CryptoAddress> addresses, List<Amount> amounts) {

    public DemandAssessment {
        cues = List.copyOf(cues);
        addresses = List.copyOf(addresses);
        amounts = List.copyOf(amounts);
    }

    /** Whether the email reads as extortion: score at or above {@link ExtortionLanguage#THRESHOLD}. */
    public boolean extortion() {
        return score >= ExtortionLanguage.THRESHOLD;
    }

    /**
     * One sentence for an HR or legal reader, e.g. "Demands 2.5 BTC to a valid Bitcoin address by
     * a deadline, threatens to publish, offers proof."
     */
    public String summary() {
        Set<Cue.Kind> kinds = EnumSet.noneOf(Cue.Kind.class);
        cues.forEach(c -> kinds.add(c.kind()));
        if (!extortion()) {
            if (kinds.isEmpty()) {
                return "No extortion language.";
            }
            String seen = kinds.stream().map(DemandAssessment::noun).collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "Below the extortion threshold (score %.2f); seen: %s.", score, seen);
        }
        List<String> parts = new ArrayList<>();
        if (kinds.contains(Cue.Kind.PAYMENT_DEMAND) || kinds.contains(Cue.Kind.CRYPTO_ADDRESS)) {
            parts.add("Demands " + amountPhrase() + addressPhrase()
                    + (kinds.contains(Cue.Kind.DEADLINE) ? " by a deadline" : ""));
        }
        List<String> threats = new ArrayList<>();
        if (kinds.contains(Cue.Kind.THREAT_TO_PUBLISH)) {
            threats.add("publish");
        }
        if (kinds.contains(Cue.Kind.THREAT_TO_SELL)) {
            threats.add("sell the data");
        }
        if (kinds.contains(Cue.Kind.THREAT_TO_CONTACT)) {
            threats.add("tell customers or others");
        }
        if (!threats.isEmpty()) {
            parts.add("threatens to " + joinAnd(threats));
        }
        if (kinds.contains(Cue.Kind.CLAIMS_DATA)) {
            parts.add("claims to hold the company's data");
        }
        if (kinds.contains(Cue.Kind.PROOF_OFFERED)) {
            parts.add("offers proof");
        }
        if (kinds.contains(Cue.Kind.NO_AUTHORITIES)) {
            parts.add("warns against contacting law enforcement");
        }
        if (kinds.contains(Cue.Kind.DELETION_PROMISE)) {
            parts.add("promises to delete the copies after payment");
        }
        String sentence = String.join(", ", parts);
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ".";
    }

    /** Up to two amounts in different currencies, those inside the demand's own sentence first. */
    private String amountPhrase() {
        String demand = cues.stream().filter(c -> c.kind() == Cue.Kind.PAYMENT_DEMAND).map(Cue::quote).findFirst().orElse("");
        List<Amount> ordered = new ArrayList<>(amounts);
        ordered.sort(java.util.Comparator.comparing(a -> !demand.contains(a.text())));
        Set<String> written = new LinkedHashSet<>();
        Set<String> currencies = new LinkedHashSet<>();
        for (Amount a : ordered) {
            if (currencies.add(a.currency()) && written.size() < 2) {
                written.add(format(a.value()) + " " + a.currency());
            }
        }
        return written.isEmpty() ? "payment" : String.join(" or ", written);
    }

    private String addressPhrase() {
        Set<String> valid = new LinkedHashSet<>();
        Set<String> invalid = new LinkedHashSet<>();
        for (CryptoAddress a : addresses) {
            (a.checksumValid() ? valid : invalid).add(chainName(a.chain()));
        }
        StringBuilder sb = new StringBuilder();
        if (!valid.isEmpty()) {
            sb.append(valid.size() == 1 && addresses.size() == 1
                    ? " to a valid " + valid.iterator().next() + " address"
                    : " to valid " + joinAnd(List.copyOf(valid)) + " addresses");
        }
        if (!invalid.isEmpty()) {
            sb.append(valid.isEmpty() ? " to " : " and ")
                    .append(invalid.size() == 1 ? "a " : "")
                    .append(joinAnd(List.copyOf(invalid)))
                    .append(invalid.size() == 1 ? " address" : " addresses")
                    .append(" whose checksum fails (a typo or a fake)");
        }
        return sb.toString();
    }

    private static String format(BigDecimal value) {
        DecimalFormat f = new DecimalFormat("#,##0.########", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(value);
    }

    private static String chainName(Chain chain) {
        return chain == Chain.TRON ? "TRON" : chain.name().charAt(0) + chain.name().substring(1).toLowerCase(Locale.ROOT);
    }

    private static String joinAnd(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String noun(Cue.Kind kind) {
        return switch (kind) {
            case CLAIMS_DATA -> "a claim to hold data";
            case PROOF_OFFERED -> "an offer of proof";
            case PAYMENT_DEMAND -> "a payment request";
            case CRYPTO_ADDRESS -> "a crypto address";
            case DEADLINE -> "a deadline";
            case THREAT_TO_PUBLISH -> "a threat to publish";
            case THREAT_TO_SELL -> "a threat to sell";
            case THREAT_TO_CONTACT -> "a threat to contact others";
            case NO_AUTHORITIES -> "a warning not to contact authorities";
            case DELETION_PROMISE -> "a promise to delete";
        };
    }
}
