package dev.unravel.detect.steal;

import static dev.unravel.detect.steal.CompanyDomains.domain;
import static dev.unravel.detect.steal.CompanyDomains.internal;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Normalise;
import dev.unravel.detect.roster.Person;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A company mailbox set to forward its mail outside the company (ATT&amp;CK T1114.003, email
 * forwarding rule), from the Microsoft 365 audit log's Exchange records: {@code Set-Mailbox} with
 * {@code ForwardingSmtpAddress} (or {@code ForwardingAddress} naming an address), and
 * {@code New-InboxRule} / {@code Set-InboxRule} with {@code ForwardTo}, {@code ForwardAsAttachmentTo}
 * or {@code RedirectTo}. Every message the company sends the worker, from then on, also reaches an
 * account the company does not control: the quiet way to keep taking data, and to keep it after
 * being fired.
 *
 * <p>Outside means a domain that is none of the company's: the domains of the work emails HR
 * holds, the tenant's own ({@code OrganizationName}, {@code *.onmicrosoft.com}), the mailbox's own,
 * and {@code company_domains}, each with its subdomains. The mailbox is the command's
 * {@code Identity} (Set-Mailbox) or {@code Mailbox} (inbox rules), its owner the worker the roster
 * knows by it (an address, or the alias ending an Exchange path), else the mailbox as an account;
 * a command that names none set the mailbox of the account that ran it. Stronger to a free mail service or the worker's personal address on file,
 * when the mailbox keeps no copy ({@code DeliverToMailboxAndForward: False}) or the rule deletes the
 * message, and from a new hire. One signal per mailbox and set of addresses; a command that failed
 * ({@code ResultStatus} false) is counted as skipped. Outlook's own client rules
 * ({@code UpdateInboxRules}) are not read. Google Workspace's user accounts log gives Gmail's
 * forwarding outside the domain ({@code email_forwarding_out_of_domain}, with
 * {@code email_forwarding_destination_address}), on the mailbox of the account it names.
 *
 * <p>Settings: {@code company_domains} (list), {@code strength} (0.35), {@code personal_strength}
 * (0.45), {@code hidden_bonus} (0.1), {@code new_hire_bonus} (0.1), {@code new_hire_days} (30).
 */
public final class MailForwardingDetector implements Detector {

    public static final String ID = "steal.mail-forwarding";
    /** Gmail's forwarding outside the domain, as the {@code gworkspace} reader types it. */
    private static final String GOOGLE_FORWARDING = "user_accounts.email_forwarding_out_of_domain";
    static final Set<String> EVENT_TYPES = Set.of("m365.Set-Mailbox", "m365.New-InboxRule", "m365.Set-InboxRule",
            GOOGLE_FORWARDING);
    private static final List<String> FORWARDING = List.of("ForwardingSmtpAddress", "ForwardingAddress", "ForwardTo",
            "ForwardAsAttachmentTo", "RedirectTo");
    /** Bounds on hostile input: parameters read per record, addresses per value. */
    private static final int MAX_PARAMETERS = 200;
    private static final int MAX_ADDRESSES = 50;

    private Settings settings;
    private CompanyDomains companyDomains;
    private PerEntity<String, Boolean> reported;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "Exchange mailbox and inbox-rule changes in the Microsoft 365 audit log, or Gmail's forwarding in "
                + "Google Workspace's user accounts log";
    }

    @Override
    public String description() {
        return "A company mailbox set to forward mail outside the company (Microsoft 365 audit: Set-Mailbox forwarding, "
                + "inbox rules that forward or redirect; Google Workspace: Gmail forwarding out of the domain)";
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        companyDomains = new CompanyDomains(settings);
        reported = ctx.state(settings.integer("max_reported", 100_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        if (e.type().equals(GOOGLE_FORWARDING)) {
            google(e, ctx);
            return;
        }
        if ("false".equalsIgnoreCase(String.valueOf(e.field("ResultStatus")))) {
            ctx.skipped("command that failed");
            return;
        }
        Map<String, String> params = parameters(e.field("Parameters"));
        if (params == null) {
            ctx.skipped("record without Parameters");
            return;
        }
        String operation = e.type().substring("m365.".length());
        List<String> targets = new ArrayList<>();
        String how = null;
        for (String name : FORWARDING) {
            String value = params.get(name.toLowerCase(Locale.ROOT));
            if (value == null) {
                continue;
            }
            List<String> found = addresses(value);
            if (!found.isEmpty() && how == null) {
                how = name;
            }
            for (String a : found) {
                if (!targets.contains(a)) {
                    targets.add(a);
                }
            }
        }
        if (targets.isEmpty()) {
            return; // not a forward (a rule that moves or flags mail), or forwarding turned off
        }
        String mailboxText = operation.equals("Set-Mailbox") ? params.get("identity") : params.get("mailbox");
        boolean hidden = "false".equalsIgnoreCase(params.get("delivertomailboxandforward"))
                || "true".equalsIgnoreCase(params.get("deletemessage"));
        report(e, ctx, targets, mailbox(mailboxText), operation + " (" + how + ")", !hidden ? null
                : operation.equals("Set-Mailbox") ? "keeping no copy in the mailbox"
                : "deleting the message from the mailbox");
    }

    /**
     * Gmail's forwarding to an address outside the Workspace domain, as Google Workspace's user
     * accounts log records it ({@code email_forwarding_out_of_domain}, the address in
     * {@code email_forwarding_destination_address}), on the actor's own mailbox.
     */
    private void google(Event e, DetectorContext ctx) {
        Object raw = e.field("parameters.email_forwarding_destination_address");
        List<String> targets = raw instanceof String s ? addresses(s) : List.of();
        if (targets.isEmpty()) {
            ctx.skipped("Gmail forwarding without its destination address");
            return;
        }
        report(e, ctx, targets, e.user(), "Gmail's forwarding setting (Google Workspace's "
                + "email_forwarding_out_of_domain)", null);
    }

    /**
     * One signal per mailbox and set of outside addresses: {@code how} names the setting,
     * {@code hidden} what keeps the forward out of sight (null when nothing does).
     */
    private void report(Event e, DetectorContext ctx, List<String> targets, String mailbox, String how,
            String hidden) {
        // The mailbox's owner, not whoever ran the command (an administrator sets others' forwarding);
        // a command naming no mailbox set the actor's own.
        String workerId = mailbox != null ? ctx.roster().workerIdOfAccount(mailbox) : ctx.roster().workerIdOf(e);
        Set<String> company = companyDomains(e, mailbox, ctx);
        List<String> outside = targets.stream().filter(a -> !internal(domain(a), company)).toList();
        if (outside.isEmpty()) {
            return; // to a colleague, a shared mailbox or the company's other domain
        }
        EntityRef subject = workerId != null ? EntityRef.worker(workerId)
                : new EntityRef(EntityRef.Kind.ACCOUNT, mailbox != null ? mailbox : String.valueOf(e.user()));
        String key = subject + " " + String.join(";", outside.stream().sorted().toList());
        if (reported.peek(key) != null) {
            return;
        }
        reported.put(key, Boolean.TRUE);

        Person p = workerId == null ? null : ctx.roster().worker(workerId);
        boolean personal = outside.stream().anyMatch(a -> Normalise.freeMail(domain(a))
                || (p != null && p.personalEmail() != null && p.personalEmail().equals(Normalise.email(a))));
        Long days = p == null ? null : p.daysSinceHire(e.time());
        boolean newHire = days != null && days >= 0 && days <= settings.integer("new_hire_days", 30);
        double strength = (personal ? settings.number("personal_strength", 0.45) : settings.number("strength", 0.35))
                + (hidden != null ? settings.number("hidden_bonus", 0.1) : 0)
                + (newHire ? settings.number("new_hire_bonus", 0.1) : 0);

        String whose = p != null ? p.name() + "'s company mailbox" : "The company mailbox " + (mailbox != null
                ? mailbox : "of " + e.user());
        StringBuilder why = new StringBuilder(whose.substring(0, 1).toUpperCase(Locale.ROOT)).append(whose.substring(1))
                .append(" was set to forward its mail to ").append(String.join(", ", outside))
                .append(outside.size() == 1 ? ", outside the company" : ", outside the company,");
        if (p != null && p.personalEmail() != null && outside.stream().anyMatch(
                a -> p.personalEmail().equals(Normalise.email(a)))) {
            why.append(" (the personal address HR holds for them)");
        } else if (personal) {
            why.append(" (a free mail service)");
        }
        why.append(", by ").append(how);
        if (hidden != null) {
            why.append(", ").append(hidden);
        }
        if (e.user() != null && (mailbox == null || !e.user().equalsIgnoreCase(mailbox))) {
            why.append("; set by ").append(e.user());
        }
        if (newHire) {
            why.append(days == 0 ? ", on their first day" : ", " + days + " days after they started");
        }
        why.append(". From then on, every message sent to them also reaches an account the company does not "
                + "control.");
        ctx.signal(ID, subject).stage(Stage.STEAL).technique("T1114.003").strength(Math.min(1, strength)).evidence(e)
                .because(why.toString()).emit();
    }

    /** The command's parameters, by lower-cased name; null when the record has none. */
    static Map<String, String> parameters(Object raw) {
        if (!(raw instanceof List<?> list)) {
            return null;
        }
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i < list.size() && i < MAX_PARAMETERS; i++) {
            if (list.get(i) instanceof Map<?, ?> m && m.get("Name") instanceof String name && m.get("Value") != null) {
                out.put(name.toLowerCase(Locale.ROOT), String.valueOf(m.get("Value")));
            }
        }
        return out;
    }

    /**
     * The addresses in a parameter's value: {@code smtp:x@y}, lists separated by {@code ;} or
     * {@code ,}, and Exchange's {@code "Name" [SMTP:x@y]}; lower-cased, at most 50.
     */
    static List<String> addresses(String value) {
        List<String> out = new ArrayList<>();
        for (String token : value.split("[\\s;,<>\\[\\]\"'()]+")) {
            String t = token.regionMatches(true, 0, "smtp:", 0, 5) ? token.substring(5) : token;
            int at = t.indexOf('@');
            if (at > 0 && at == t.lastIndexOf('@') && t.indexOf('.', at) > at + 1 && !t.endsWith(".")) {
                String a = t.toLowerCase(Locale.ROOT);
                if (!out.contains(a)) {
                    out.add(a);
                }
                if (out.size() == MAX_ADDRESSES) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The mailbox a command names, as an account the roster may know: an address, or the alias at the
     * end of an Exchange path ({@code …/simpsons.onmicrosoft.com/homer.simpson}); null when none.
     */
    static String mailbox(String identity) {
        if (identity == null || identity.isBlank()) {
            return null;
        }
        String s = identity.strip();
        int slash = s.lastIndexOf('/');
        return slash >= 0 ? s.substring(slash + 1) : s;
    }

    private Set<String> companyDomains(Event e, String mailbox, DetectorContext ctx) {
        Set<String> out = new LinkedHashSet<>(companyDomains.of(ctx));
        Object org = e.field("OrganizationName");
        if (org instanceof String s && !s.isBlank()) {
            out.add(s.strip().toLowerCase(Locale.ROOT));
        }
        String own = domain(mailbox);
        if (own != null) {
            out.add(own);
        }
        String actor = domain(e.user());
        if (actor != null && actor.endsWith(".onmicrosoft.com")) {
            out.add(actor);
        }
        return out;
    }
}
