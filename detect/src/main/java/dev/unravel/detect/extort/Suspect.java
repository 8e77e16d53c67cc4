package dev.unravel.detect.extort;

import dev.unravel.core.EventRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A worker who may be behind an extortion email: what ties them to the sender and which of the
 * leaked repositories they took.
 *
 * @param terminated  their termination date, null when still employed
 * @param score       in [0, 1]: the sender ties as independent evidence, raised by access to the leaked repositories
 * @param ties        what ties them to the sender, strongest first
 * @param access      their access to the leaked repositories
 */
public record Suspect(String workerId, String name, LocalDate terminated, String terminationReason, double score,
        List<SenderTie> ties, List<RepoAccess> access) {

    /** One worker's access to one leaked repository. */
    public record RepoAccess(String repo, int events, Instant first, Instant last, List<EventRef> evidence) {
    }

    /** True when the sender ties alone point at them (not only their access). */
    public boolean tiedToSender() {
        return !ties.isEmpty();
    }
}
