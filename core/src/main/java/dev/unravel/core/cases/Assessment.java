package dev.unravel.core.cases;

import java.util.List;
import java.util.Objects;

/**
 * What one scan concluded about one person: the score and level the scorer gave and the signals
 * behind them. Cases are opened and kept up to date from these.
 *
 * @param personId the worker or applicant id
 * @param kind     {@code worker} or {@code applicant}
 * @param name     the name the HR or applicant record gives, or null
 * @param score    the risk score in [0, 1]
 * @param level    the scorer's level: low, medium, high or critical
 * @param stages   the scheme stages the signals cover
 * @param signals  the signals, each as the report gives it
 * @param hireDate        a worker's hire date as HR records it ({@code yyyy-MM-dd}), or null
 * @param terminationDate a worker's termination date, or null (none, or not known to this scan)
 * @param ties            the identifiers this person shares with others (the report's cluster ties),
 *                        empty for none; null when the report did not say
 */
public record Assessment(String personId, String kind, String name, double score, String level, List<String> stages,
        List<Finding> signals, String hireDate, String terminationDate, List<Tie> ties) {

    public Assessment {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        stages = List.copyOf(stages);
        signals = List.copyOf(signals);
        ties = ties == null ? null : List.copyOf(ties);
    }

    /** An assessment without employment dates or ties (a report that did not give them). */
    public Assessment(String personId, String kind, String name, double score, String level, List<String> stages,
            List<Finding> signals) {
        this(personId, kind, name, score, level, stages, signals, null, null, null);
    }

    /** An assessment with employment dates and without ties. */
    public Assessment(String personId, String kind, String name, double score, String level, List<String> stages,
            List<Finding> signals, String hireDate, String terminationDate) {
        this(personId, kind, name, score, level, stages, signals, hireDate, terminationDate, null);
    }

    /**
     * An identifier this person shares with other people, which makes them one cluster: a laptop
     * delivery address, a bank account, a phone …
     *
     * @param kind    as the report names it: {@code ship_to}, {@code home_address}, {@code bank_account},
     *                {@code phone}, {@code personal_email}, {@code ssn}, {@code device_serial}
     * @param display the address, for an address; null for the others, which are compared only as keyed hashes
     * @param others  the other people who share it
     */
    public record Tie(String kind, String display, List<Tied> others) {

        public Tie {
            Objects.requireNonNull(kind, "kind");
            others = List.copyOf(others);
        }
    }

    /** Another person a {@link Tie} is shared with: {@code worker} or {@code applicant}, their id and name (or null). */
    public record Tied(String kind, String id, String name) {

        public Tied {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * One signal, as a case keeps it.
     *
     * @param evidence {@code file#record} references to the events that show it
     * @param via      for a signal about an address, the device that held it then and how that is known
     */
    public record Finding(String time, String detector, String stage, String technique, double strength,
            String subject, String explanation, List<String> evidence, String via) {

        public Finding {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(detector, "detector");
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }

        /**
         * What makes this signal the same one in a later scan of overlapping data: the detector, what
         * it is about and when (strength and wording may change between versions; the finding does
         * not), as 64 hexadecimal digits of their SHA-256.
         */
        public String key() {
            return dev.unravel.core.Sha256.hex(detector + '\u0000' + (subject == null ? "" : subject) + '\u0000' + time);
        }
    }
}
