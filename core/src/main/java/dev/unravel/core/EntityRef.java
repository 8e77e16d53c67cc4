package dev.unravel.core;

import java.util.Locale;
import java.util.Objects;

/**
 * Something a signal can be about: a worker, or one of the identifiers that tie events to workers.
 * Values of personal identifiers (phone, bank account, SSN) are keyed hashes, never the raw value.
 */
public record EntityRef(Kind kind, String value) {

    public enum Kind {
        WORKER, APPLICANT, ACCOUNT, EMAIL, HOST, DEVICE, IP, ADDRESS, PHONE, BANK_ACCOUNT, SSN, MFA_DEVICE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** What a reader calls one: "IP address", "MFA device". */
        public String noun() {
            return switch (this) {
                case EMAIL -> "email address";
                case IP -> "IP address";
                case ADDRESS -> "postal address";
                case PHONE -> "phone number";
                case BANK_ACCOUNT -> "bank account";
                case SSN -> "SSN";
                case MFA_DEVICE -> "MFA device";
                default -> id();
            };
        }

        /** {@code n} of them in words: "1 host", "2 IP addresses". */
        public String count(long n) {
            String noun = noun();
            return n + " " + (n == 1 ? noun : noun + (noun.endsWith("s") ? "es" : "s"));
        }

        /** The kind whose {@link #id} is {@code id}, or null. */
        public static Kind ofId(String id) {
            for (Kind k : values()) {
                if (k.id().equals(id)) {
                    return k;
                }
            }
            return null;
        }
    }

    public EntityRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static EntityRef worker(String workerId) {
        return new EntityRef(Kind.WORKER, workerId);
    }

    @Override
    public String toString() {
        return kind.id() + ":" + value;
    }
}
