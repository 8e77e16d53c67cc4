package dev.unravel.detect.sigma;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PreparingDetector;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaMatch;
import dev.unravel.sigma.SigmaSession;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sigma rule matches as signals, through the same contract as every other detector: the stage
 * and strength come from the rule's tags and level, the subject is the worker behind the event's
 * account or device (or the account/device itself when the roster does not know it), and the
 * detector id is {@code sigma:<rule id>} so that weights can name single rules.
 *
 * <p>Tags read: {@code unravel.stage.<stage>} (apply … extort) chooses the stage; otherwise the
 * ATT&amp;CK tactic does (command-and-control, lateral-movement → control; exfiltration,
 * collection → steal; initial-access, credential-access → access). The first
 * {@code attack.tNNNN[.NNN]} tag is the technique.
 */
public final class SigmaDetector implements PreparingDetector<int[]> {

    public static final String ID_PREFIX = "sigma:";

    private final RuleSet rules;
    /** Explains matches and keeps correlation state, on the detection thread. */
    private final SigmaSession session;
    /** Matches on the threads that prepare events (a session holds per-event scratch state). */
    private final ThreadLocal<SigmaSession> matching;

    public SigmaDetector(RuleSet rules) {
        this.rules = rules;
        this.session = rules.newSession();
        this.matching = ThreadLocal.withInitial(rules::newSession);
    }

    public RuleSet rules() {
        return rules;
    }

    @Override
    public String id() {
        return "sigma";
    }

    @Override
    public String description() {
        return "Sigma rules (the built-in pack and any --rules): " + rules.rules().size() + " rules";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of();
    }

    /** The matching rules (positions in the event's rule bucket), or null: rule evaluation, state-free. */
    @Override
    public int[] prepare(Event event) {
        return matching.get().matches(event);
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        onEvent(event, session.matches(event), context);
    }

    @Override
    public void onEvent(Event event, int[] matches, DetectorContext context) {
        if (matches == null) {
            return;
        }
        // explanations and correlations, in time order; each match fed to correlations once
        for (SigmaMatch m : session.replay(event, matches)) {
            String worker = context.roster().workerIdOf(event);
            EntityRef subject = worker != null ? EntityRef.worker(worker)
                    : event.user() != null ? new EntityRef(EntityRef.Kind.ACCOUNT, event.user())
                    : event.host() != null ? new EntityRef(EntityRef.Kind.HOST, event.host())
                    : event.sourceIp() != null ? new EntityRef(EntityRef.Kind.IP, event.sourceIp()) : null;
            if (subject == null) {
                context.skipped("rule matched an event with no account, host or IP");
                continue;
            }
            var b = context.signal(ID_PREFIX + m.ruleId(), subject)
                    .stage(stage(m.tags()))
                    .technique(technique(m.tags()))
                    .strength(strength(m.level()))
                    .at(m.time())
                    .because(sentence(m, event));
            if (m.events().isEmpty()) {
                b.evidence(event);
            } else {
                b.evidence(m.events());
            }
            b.emit();
        }
    }

    static Stage stage(List<String> tags) {
        Stage byTactic = null;
        for (String t : tags) {
            String s = t.toLowerCase(Locale.ROOT);
            if (s.startsWith("unravel.stage.")) {
                try {
                    return Stage.valueOf(s.substring("unravel.stage.".length()).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ignored) {
                    // an unknown stage tag falls back to the tactic
                }
            }
            if (byTactic == null) {
                byTactic = switch (s) {
                    case "attack.command-and-control", "attack.command_and_control", "attack.lateral-movement",
                            "attack.lateral_movement" -> Stage.CONTROL;
                    case "attack.exfiltration", "attack.collection" -> Stage.STEAL;
                    case "attack.initial-access", "attack.initial_access", "attack.credential-access",
                            "attack.credential_access" -> Stage.ACCESS;
                    default -> null;
                };
            }
        }
        return byTactic == null ? Stage.CONTROL : byTactic;
    }

    static String technique(List<String> tags) {
        for (String t : tags) {
            String s = t.toLowerCase(Locale.ROOT);
            // "attack.t1219" is 12 characters: a technique without a sub-technique must count too.
            if (s.startsWith("attack.t") && s.length() >= 12 && Character.isDigit(s.charAt(8))) {
                return s.substring("attack.".length()).toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** A rule's level as the strength of one match: no single rule match is proof. */
    static double strength(String level) {
        if (level == null) {
            return 0.2;
        }
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "critical" -> 0.7;
            case "high" -> 0.5;
            case "medium" -> 0.3;
            case "low" -> 0.15;
            default -> 0.05;
        };
    }

    private static String sentence(SigmaMatch m, Event e) {
        String where = e.host() != null ? " on device " + e.host() : e.user() != null ? " for account " + e.user() : "";
        String what = m.kind() == SigmaMatch.Kind.CORRELATION ? "The correlation rule" : "The detection rule";
        return what + " \u201c" + m.title() + "\u201d matched" + where + ".";
    }
}
