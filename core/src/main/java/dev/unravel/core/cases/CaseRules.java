package dev.unravel.core.cases;

import dev.unravel.core.Count;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * When a scan opens, updates or reopens a case. One case per person: a scan's assessment of someone
 * at or above the opening level opens their case; later scans add the signals the case does not
 * hold yet and record a changed score; a closed case stays closed on the evidence it was decided
 * on and reopens only for signals it has not seen, so that an analyst's decision is not undone by
 * scanning the same logs again. A case is never closed by a scan: a falling score is recorded, and
 * closing is the analyst's call.
 */
public final class CaseRules {

    /** The scorer's levels, lowest first. */
    public static final List<String> LEVELS = List.of("low", "medium", "high", "critical");

    /** Score changes smaller than this are not worth a line in the case's history. */
    static final double RESCORE_STEP = 0.005;

    private final String openAt;

    /** Opens cases for people assessed at {@code openAt} or above (medium, high or critical). */
    public CaseRules(String openAt) {
        String level = openAt == null ? "" : openAt.trim().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level) || level.equals("low")) {
            throw new IllegalArgumentException("'" + openAt + "' is not a level cases can open at; use medium, high or "
                    + "critical");
        }
        this.openAt = level;
    }

    public static CaseRules defaults() {
        return new CaseRules("high");
    }

    public String openAt() {
        return openAt;
    }

    public boolean opens(String level) {
        return LEVELS.indexOf(level) >= LEVELS.indexOf(openAt);
    }

    /** A case as it stands before the scan: its status and disposition, score and level, and the signals it holds. */
    public record Current(CaseStatus status, Disposition disposition, double score, String level,
            Set<String> signalKeys) {
    }

    public enum Action {
        /** Nothing to record. */
        NONE,
        OPEN,
        UPDATE,
        REOPEN
    }

    /** A line of the case's history: what happened ({@code opened}, {@code signals}, …) and in words. */
    public record Entry(String action, String detail) {
    }

    /** What to do: the signals to add to the case (those it does not hold) and the history lines to write. */
    public record Decision(Action action, List<Assessment.Finding> newFindings, List<Entry> history) {
    }

    /** Decides what the assessment does to the person's case ({@code current} null when they have none). */
    public Decision decide(Current current, Assessment now) {
        Map<String, Assessment.Finding> unseen = new LinkedHashMap<>();
        for (Assessment.Finding f : now.signals()) {
            if (current == null || !current.signalKeys().contains(f.key())) {
                unseen.putIfAbsent(f.key(), f);
            }
        }
        List<Assessment.Finding> fresh = List.copyOf(unseen.values());
        if (current == null) {
            if (!opens(now.level())) {
                return new Decision(Action.NONE, List.of(), List.of());
            }
            return new Decision(Action.OPEN, fresh, List.of(new Entry("opened", "Opened at " + scored(now) + ": "
                    + Count.of(fresh.size(), "signal", "signals") + " from " + detectors(fresh) + " in "
                    + Count.of(now.stages().size(), "stage", "stages")
                    + (now.stages().isEmpty() ? "" : " (" + String.join(", ", now.stages()) + ")") + ".")));
        }
        if (!current.status().active()) {
            if (fresh.isEmpty() || !opens(now.level())) {
                return new Decision(Action.NONE, List.of(), List.of());
            }
            String decided = current.disposition() == null ? "closed" : "closed as " + current.disposition().id();
            return new Decision(Action.REOPEN, fresh, List.of(new Entry("reopened", "Reopened: "
                    + Count.of(fresh.size(), "new signal", "new signals") + " since it was " + decided + " ("
                    + detectorNames(fresh) + "); now " + scored(now) + ".")));
        }
        List<Entry> history = new ArrayList<>();
        if (!fresh.isEmpty()) {
            history.add(new Entry("signals", Count.of(fresh.size(), "new signal", "new signals") + ": "
                    + detectorNames(fresh) + "."));
        }
        if (Math.abs(now.score() - current.score()) >= RESCORE_STEP || !now.level().equals(current.level())) {
            history.add(new Entry("rescored", "Rescored from " + current.level() + " " + score(current.score())
                    + " to " + scored(now) + "."));
        }
        return history.isEmpty() ? new Decision(Action.NONE, List.of(), List.of())
                : new Decision(Action.UPDATE, fresh, history);
    }

    /**
     * The reason for opening a case by hand, stripped: asked before anything else is, so a request
     * without one is refused at once.
     *
     * @throws IllegalArgumentException when it is blank or longer than {@link #REASON_MAX}
     */
    public static String handReason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new IllegalArgumentException("say why the case is opened (a tip from HR, what was noticed): it goes "
                    + "into the case's history");
        }
        if (why.length() > REASON_MAX) {
            throw new IllegalArgumentException("the reason is " + why.length() + " characters; at most " + REASON_MAX
                    + " (add more as notes)");
        }
        return why;
    }

    /** The longest reason a case opened by hand keeps. */
    public static final int REASON_MAX = 2000;

    /**
     * Opening a case by hand (a tip, or a person the scans score below the opening level): every
     * finding of the assessment, and one history line that gives the analyst's {@code reason}.
     *
     * @throws IllegalArgumentException when the reason is blank or longer than {@link #REASON_MAX}
     */
    public static Decision openByHand(Assessment now, String reason) {
        String why = handReason(reason);
        Map<String, Assessment.Finding> all = new LinkedHashMap<>();
        now.signals().forEach(f -> all.putIfAbsent(f.key(), f));
        List<Assessment.Finding> findings = List.copyOf(all.values());
        String end = why.endsWith(".") || why.endsWith("?") || why.endsWith("!") ? "" : ".";
        return new Decision(Action.OPEN, findings, List.of(new Entry("opened", "Opened by hand: " + why + end
                + (findings.isEmpty() ? " No saved scan has findings on them." : " The scan had them at " + scored(now)
                        + ": " + Count.of(findings.size(), "signal", "signals") + " from " + detectors(findings) + " in "
                        + Count.of(now.stages().size(), "stage", "stages")
                        + (now.stages().isEmpty() ? "" : " (" + String.join(", ", now.stages()) + ")") + "."))));
    }

    private static String scored(Assessment a) {
        return a.level() + " " + score(a.score());
    }

    private static String score(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    private static String detectors(List<Assessment.Finding> findings) {
        Set<String> ids = new LinkedHashSet<>();
        findings.forEach(f -> ids.add(f.detector()));
        return Count.of(ids.size(), "detector", "detectors");
    }

    /** The detectors by name, at most five, then how many more. */
    private static String detectorNames(List<Assessment.Finding> findings) {
        Set<String> ids = new LinkedHashSet<>();
        findings.forEach(f -> ids.add(f.detector()));
        List<String> shown = ids.stream().limit(5).toList();
        return String.join(", ", shown) + (ids.size() > shown.size() ? " and " + (ids.size() - shown.size())
                + " more" : "");
    }
}
