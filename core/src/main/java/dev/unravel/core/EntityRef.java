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
