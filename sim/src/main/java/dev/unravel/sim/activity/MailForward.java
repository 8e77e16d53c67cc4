package dev.unravel.sim.activity;

import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * A worker's company mailbox set to forward its mail: by the mailbox's own setting
 * ({@code Set-Mailbox -ForwardingSmtpAddress}) or by an inbox rule ({@code New-InboxRule -ForwardTo}),
 * made from Outlook on the web.
 *
 * @param time      when
 * @param person    whose mailbox, who set it
 * @param ip        the computer's public address
 * @param target    where the mail goes
 * @param keepCopy  whether the mailbox keeps its copy ({@code DeliverToMailboxAndForward})
 * @param inboxRule an inbox rule rather than the mailbox's forwarding setting
 * @param ruleName  the rule's name, for an inbox rule
 * @param id        the audit record's id
 */
public record MailForward(Instant time, Person person, String ip, String target, boolean keepCopy, boolean inboxRule,
        String ruleName, String id) implements Activity {
}
