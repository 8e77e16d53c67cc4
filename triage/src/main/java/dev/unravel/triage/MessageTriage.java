package dev.unravel.triage;

import dev.unravel.triage.demand.DemandAssessment;
import dev.unravel.triage.inventory.LeakMatch;
import java.util.List;

/**
 * The triage of one message.
 *
 * @param file        the file it was read from
 * @param record      its position there (1 for an .eml, the message number in an mbox)
 * @param nestedIn    for a message attached to another (a forwarded report), the chain of
 *                    attachment names that holds it; null for a top-level message
 * @param demand      the demand analysis of its subject and text
 * @param attachments its attachments, archives opened
 * @param leak        its archive entries matched to the company's inventory; null without one
 * @param verdict     the conclusion
 * @param reasons     why, in sentences a responder can repeat
 * @param findings    what is unsafe or odd about the email itself (bombs, traversal names,
 *                    executables, damaged archives), in sentences
 */
public record MessageTriage(String file, long record, String nestedIn, Sender sender, DemandAssessment demand,
        List<AttachmentReport> attachments, LeakMatch leak, Verdict verdict, List<String> reasons,
        List<String> findings) {

    /** Names of the leaked projects, most files first; empty when nothing matched. */
    public List<String> leakedProjects() {
        return leak == null ? List.of() : leak.projects().stream().map(p -> p.project()).toList();
    }
}
