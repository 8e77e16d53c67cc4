package dev.unravel.engine.report;

import dev.unravel.core.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scan could not see: the detectors that read no event of the kinds they look at, and the
 * stages of the scheme none of whose detectors read one. A quiet report over logs that never held
 * endpoint data is not a clean one; this says so, and names the data each detector needs. (A
 * detector that read nothing may also have had nothing to see: the GitHub audit log of a company
 * where no repository changed hands has no transfers.)
 */
public final class Coverage {

    /** A detector that read nothing it looks at: its stage and, in words, the data that feeds it. */
    public record Unseen(String detector, Stage stage, String reads) {
    }

    private Coverage() {
    }

    /**
     * The stage a detector's findings belong to, as the report says ({@code Detector.stage}); for a
     * report written before detectors declared theirs, the first part of its id. Null for Sigma.
     */
    static Stage stageOf(Report.DetectorStats d) {
        if (d.stage() != null) {
            return Stage.ofId(d.stage());
        }
        int dot = d.id() == null ? -1 : d.id().indexOf('.');
        return dot < 0 ? null : Stage.ofId(d.id().substring(0, dot));
    }

    /** The detectors of {@code r} that read no event of the kinds they look at, in the report's order. */
    public static List<Unseen> unseen(Report r) {
        List<Unseen> out = new ArrayList<>();
        for (Report.DetectorStats d : r.detectors() == null ? List.<Report.DetectorStats>of() : r.detectors()) {
            if (d == null || d.events() > 0) {
                continue;
            }
            Stage stage = stageOf(d);
            if (stage != null) {
                // a report written before detectors said what they need gives what they find
                out.add(new Unseen(d.id(), stage, d.needs() != null ? d.needs() : d.description()));
            }
        }
        return out;
    }

    /** The stages of the scheme whose every detector in {@code r} read nothing: what this scan cannot see at all. */
    public static List<Stage> blindStages(Report r) {
        Map<Stage, Boolean> seen = new LinkedHashMap<>();
        for (Report.DetectorStats d : r.detectors() == null ? List.<Report.DetectorStats>of() : r.detectors()) {
            Stage stage = d == null ? null : stageOf(d);
            if (stage != null) {
                seen.merge(stage, d.events() > 0, Boolean::logicalOr);
            }
        }
        List<Stage> blind = new ArrayList<>();
        for (Stage s : Stage.values()) {
            if (Boolean.FALSE.equals(seen.get(s))) {
                blind.add(s);
            }
        }
        return blind;
    }
}
