package dev.unravel.ingest.format.unravel;

import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The simulator's own {@code truth.json} and {@code simulation.json}: recognised so that reading
 * a whole simulation folder reports no unknown files, and counted as one record each that yields
 * no event. The ground truth is for evaluation, never evidence: reading it as events would let
 * the answers leak into the detection.
 */
public final class SimulationMetadataReader implements Reader {

    @Override
    public String id() {
        return "unravel-sim-metadata";
    }

    @Override
    public String description() {
        return "the simulator's truth.json and simulation.json (recognised, counted, no events: truth is not evidence)";
    }

    @Override
    public int probe(Sample sample) {
        String head = sample.text();
        int cut = Math.min(head.length(), 200);
        String start = head.substring(0, cut).replace(" ", "");
        return start.startsWith("{") && (start.contains("\"schema\":\"unravel.sim.truth/")
                || start.contains("\"schema\":\"unravel.sim.manifest/")) ? 95 : 0;
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        sink.record();
        input.stream().transferTo(OutputStream.nullOutputStream());
    }
}
