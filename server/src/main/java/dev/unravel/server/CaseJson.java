package dev.unravel.server;

import dev.unravel.store.StoredCases.CaseFile;
import dev.unravel.store.StoredCases.CaseSummary;
import dev.unravel.store.StoredCases.ScanSummary;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Cases and scans as plain JSON values: snake_case keys, times as ISO-8601 instants in UTC. */
public final class CaseJson {

    private CaseJson() {
    }

    /** A case as listed. */
    public static Map<String, Object> of(CaseSummary c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("case", c.id());
        m.put("kind", c.kind());
        m.put("person_id", c.personId());
        m.put("name", c.name());
        m.put("status", c.status().id());
        m.put("disposition", c.disposition() == null ? null : c.disposition().id());
        m.put("assignee", c.assignee());
        m.put("score", c.score());
        m.put("level", c.level());
        m.put("stages", c.stages());
        m.put("signals_held", c.signals());
        m.put("opened_at", iso(c.openedAt()));
        m.put("updated_at", iso(c.updatedAt()));
        m.put("closed_at", iso(c.closedAt()));
        m.put("opened_scan", c.openedScan());
        m.put("opened_by", c.openedBy());
        m.put("last_scan", c.lastScan());
        return m;
    }

    /** A case as a list gives it, with the teams that have urgent steps in it ({@code urgent}). */
    public static Map<String, Object> listed(CaseSummary c, java.util.List<String> urgent) {
        Map<String, Object> m = of(c);
        m.put("urgent", urgent);
        return m;
    }

    /**
     * A case with the person's employment dates, the identifiers they share with others (with those
     * people's cases), what to check next (by team, from the findings: {@code NextChecks}), their scores over the scans, its signals and its history.
     */
    public static Map<String, Object> of(CaseFile f, CaseChecks.Steps steps) {
        Map<String, Object> m = of(f.summary());
        m.put("hire_date", f.hireDate());
        m.put("termination_date", f.terminationDate());
        m.put("ties", f.ties().stream().map(t -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("kind", t.kind());
            v.put("display", t.display());
            v.put("person_kind", t.personKind());
            v.put("person_id", t.personId());
            v.put("name", t.personName());
            v.put("case", t.caseId());
            return v;
        }).toList());
        m.put("checks", CaseBrief.checks(f, steps.checks()).stream().map(c -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("key", c.key());
            v.put("who", c.who());
            v.put("what", c.what());
            v.put("urgent", c.urgent());
            v.put("findings", c.findings());
            dev.unravel.store.Store.StepDone d = steps.done().get(c.key());
            v.put("done_by", d == null ? null : d.by());
            v.put("done_at", d == null ? null : iso(d.at()));
            return v;
        }).toList());
        m.put("scores", f.scores().stream().map(x -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("scan", x.scan());
            v.put("saved_at", iso(x.savedAt()));
            v.put("score", x.score());
            v.put("level", x.level());
            v.put("signals", x.signals());
            return v;
        }).toList());
        m.put("signals", f.signals());
        m.put("history", f.history().stream().map(h -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("at", iso(h.at()));
            v.put("actor", h.actor());
            v.put("action", h.action());
            v.put("detail", h.detail());
            return v;
        }).toList());
        return m;
    }

    /** A saved scan as listed. */
    public static Map<String, Object> of(ScanSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scan", s.id());
        m.put("saved_at", iso(s.savedAt()));
        m.put("saved_by", s.savedBy());
        m.put("inputs", s.inputs());
        m.put("period_from", s.periodFrom());
        m.put("period_to", s.periodTo());
        m.put("events", s.events());
        m.put("quarantined", s.quarantined());
        m.put("people", s.people());
        m.put("cases_opened", s.opened());
        m.put("cases_updated", s.updated());
        m.put("cases_reopened", s.reopened());
        m.put("report_kept", s.report());
        return m;
    }

    private static String iso(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
