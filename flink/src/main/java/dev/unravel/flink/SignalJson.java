package dev.unravel.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unravel.core.Signal;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;

/**
 * A signal as the message the job sends the moment a detector finds it ({@code --kafka-signals-topic}):
 * <pre>{"schema":"unravel.signal/1","time":"2026-03-04T02:11:09Z","detector":"control.remote-access",
 *  "stage":"control","technique":"T1219","strength":0.6,"subject":"host:LAPTOP-7",
 *  "explanation":"…","evidence":["sysmon/2026-03-04.json#1822"],"person":"E100514"}</pre>
 * The fields are the report's signal entry's ({@link Report.SignalEntry}), with the schema and the person.
 * {@code person} is the worker or applicant the subject resolves to at that moment (null when
 * nobody yet); the report, at the end of a bounded run, resolves every signal again.
 */
final class SignalJson {

    static final String SCHEMA = "unravel.signal/1";
    private static final ObjectMapper JSON = ReportJson.mapper().copy()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private SignalJson() {
    }

    static String of(Signal s, String person) {
        ObjectNode m = JSON.createObjectNode();
        m.put("schema", SCHEMA);
        m.setAll((ObjectNode) JSON.valueToTree(Report.SignalEntry.of(s, null))); // the report's own fields
        m.remove("via");
        m.put("person", person);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always writes
        }
    }
}
