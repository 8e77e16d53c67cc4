package dev.unravel.sigma.bench;

import dev.unravel.core.Event;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaSession;
import dev.unravel.sigma.tool.EventFiles;
import dev.unravel.sigma.tool.SigmaBench;
import dev.unravel.sigma.windows.EvtxJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of {@link AbDuel}: every SigmaHQ rule loaded, the regression records as bytes and
 * pre-parsed. Loaded by its own class loader per side, so it must use only the engine's API.
 */
public final class AbRunner {
    private final byte[][] records;
    private final Event[] events;
    private final SigmaSession session;
    private final int reps;
    private long sink;

    public AbRunner(String shared) throws Exception {
        Path s = Path.of(shared).resolve("data/sigma");
        RuleSet set = RuleSet.builder().pipeline("evtx").path(s.resolve("rules")).path(s.resolve("rules-emerging-threats"))
                .path(s.resolve("rules-threat-hunting")).path(s.resolve("rules-placeholder")).build();
        List<byte[]> recs = new ArrayList<>();
        for (Path f : EventFiles.expand(List.of(s.resolve("regression_data")))) {
            recs.addAll(SigmaBench.split(Files.readAllBytes(f)));
        }
        records = recs.toArray(byte[][]::new);
        events = new Event[records.length];
        for (int i = 0; i < records.length; i++) {
            events[i] = EvtxJson.parse(records[i], "bench", i + 1);
        }
        reps = 20_000 / records.length + 1;
        session = set.newSession();
    }

    /** One round: microseconds per event for parse only, match only (pre-parsed), parse+match. */
    public double[] round() {
        double[] out = new double[3];
        int n = reps * records.length;
        long t = System.nanoTime();
        for (int k = 0; k < reps; k++) {
            for (int i = 0; i < records.length; i++) {
                sink += EvtxJson.parse(records[i], "bench", i + 1).document().size();
            }
        }
        out[0] = (System.nanoTime() - t) / 1e3 / n;
        t = System.nanoTime();
        for (int k = 0; k < reps; k++) {
            for (Event e : events) {
                sink += session.count(e);
            }
        }
        out[1] = (System.nanoTime() - t) / 1e3 / n;
        t = System.nanoTime();
        for (int k = 0; k < reps; k++) {
            for (int i = 0; i < records.length; i++) {
                sink += session.count(EvtxJson.parse(records[i], "bench", i + 1));
            }
        }
        out[2] = (System.nanoTime() - t) / 1e3 / n;
        return out;
    }

    public long sink() {
        return sink;
    }
}
