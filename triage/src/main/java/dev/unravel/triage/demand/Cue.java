package dev.unravel.triage.demand;

/**
 * One piece of extortion language found in an email.
 *
 * @param kind what the words do
 * @param weight how strongly they do it, 0..1 (lowered when the sentence reports what someone
 *     else demands, as a news item or a vendor's blog does, and for payments asked for in a
 *     sentence about an invoice, renewal or order)
 * @param quote the sentence or phrase that triggered it, at most about 160 characters
 */
public record Cue(Kind kind, double weight, String quote) {

    /** The moves of an extortion email. */
    public enum Kind {
        /** Claims to hold the company's data, source code, databases or customer data. */
        CLAIMS_DATA,
        /** Offers proof: an attached sample, "check them yourself". */
        PROOF_OFFERED,
        /** Asks for money: send, pay or transfer an amount or to a wallet. */
        PAYMENT_DEMAND,
        /** A wallet address; weighted by whether its checksum holds. */
        CRYPTO_ADDRESS,
        /** A date, "within 48 hours", "by Friday", "deadline". */
        DEADLINE,
        /** Threatens to publish, leak or release the data. */
        THREAT_TO_PUBLISH,
        /** Threatens to sell the data to competitors or on the dark web. */
        THREAT_TO_SELL,
        /** Threatens to tell customers, regulators, the press or the victim's contacts. */
        THREAT_TO_CONTACT,
        /** Tells the victim not to go to the police, the FBI or lawyers. */
        NO_AUTHORITIES,
        /** Promises to delete the copies after payment. */
        DELETION_PROMISE
    }
}
