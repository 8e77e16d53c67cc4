package dev.unravel.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unravel.engine.report.ReportJson;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.util.Collector;

/**
 * The report's people as Kafka messages, one each, keyed by worker or applicant id, for a SIEM or a
 * SOAR playbook that takes scores as they come rather than a report file: each message is the
 * person's entry in the report (score, level, stages, contributions, signals with their evidence)
 * with {@code kind} and the scan's period beside it.
 *
 * <pre>{"schema":"unravel.assessment/1","kind":"worker","scan":{"generated_at":…,"period":{…}},
 *  "rank":1,"worker_id":"E100514","name":…,"score":1.0,"level":"critical",…}</pre>
 */
final class Assessments implements FlatMapFunction<String, Tuple2<String, String>> {

    private static final long serialVersionUID = 1L;
    static final String SCHEMA = "unravel.assessment/1";

    @Override
    public void flatMap(String reportJson, Collector<Tuple2<String, String>> out) throws Exception {
        ObjectMapper mapper = ReportJson.mapper();
        JsonNode report = mapper.readTree(reportJson);
        ObjectNode scan = mapper.createObjectNode();
        scan.set("generated_at", report.get("generated_at"));
        scan.set("period", report.get("period"));
        scan.set("inputs", report.get("inputs"));
        emit(mapper, report.path("workers"), "worker", "worker_id", scan, out);
        emit(mapper, report.path("applicants"), "applicant", "applicant_id", scan, out);
    }

    private static void emit(ObjectMapper mapper, JsonNode people, String kind, String idField, ObjectNode scan,
            Collector<Tuple2<String, String>> out) throws Exception {
        for (JsonNode person : people) {
            ObjectNode message = mapper.createObjectNode();
            message.put("schema", SCHEMA);
            message.put("kind", kind);
            message.set("scan", scan);
            message.setAll((ObjectNode) person);
            out.collect(Tuple2.of(person.path(idField).asText(), mapper.writeValueAsString(message)));
        }
    }
}
