package dev.unravel.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.RecordLookup;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    @Test
    void identityAndBankNumbersShowTheirLastFour_atAnyDepth_andNothingElseChanges() throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("employee_id", "E100003");
        doc.put("SSN", "235-59-0877");
        doc.put("deposit", Map.of("Routing-Number", "021000021", "account_number", 123456789012L));
        doc.put("ids", List.of(Map.of("passport_number", "X12")));
        doc.put("phone", "+17046911308");
        Event e = new Event(Instant.parse("2022-03-13T00:00:00Z"), "hr", "hr.hire", LogSource.NONE, "E100003", null,
                null, doc, new EventRef("hr/employees.csv", 3));
        RecordLookup.Found found = new RecordLookup.Found("hr/employees.csv", 3, "hr-employees",
                Instant.parse("2026-03-01T00:00:00Z"), List.of(e));

        String line = RecordJson.line(found);
        assertThat(line).contains("\"ref\":\"hr/employees.csv#3\"", "\"format\":\"hr-employees\"",
                "\"file_changed\":\"2026-03-01T00:00:00Z\"", "\"SSN\":\"•••-••-0877\"",
                "\"Routing-Number\":\"•••••0021\"", "\"account_number\":\"••••••••9012\"",
                "\"passport_number\":\"•••\"", "\"phone\":\"+17046911308\"", "\"employee_id\":\"E100003\"")
                .doesNotContain("235-59", "123456789012");
        assertThat(RecordJson.document(e)).contains("\"SSN\" : \"•••-••-0877\"");
        assertThat(e.document().get("SSN")).as("the event itself is untouched").isEqualTo("235-59-0877");
    }
}
