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
 */
public record Assessment(String personId, String kind, String name, double score, String level, List<String> stages,
        List<Finding> signals, String hireDate, String terminationDate) {

    public Assessment {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        stages = List.copyOf(stages);
        signals = List.copyOf(signals);
    }

    /** An assessment without employment dates (an applicant, or a report that did not give them). */
    public Assessment(String personId, String kind, String name, double score, String level, List<String> stages,
            List<Finding> signals) {
        this(personId, kind, name, score, level, stages, signals, null, null);
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
