package dev.unravel.engine;

import dev.unravel.core.Event;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test events from real-format text, read by ingest's own readers. */
public final class Records {

    private Records() {
    }

    public static List<Event> read(String format, String text) throws IOException {
        List<Event> out = new ArrayList<>();
        Path tmp = Files.createTempFile("records", ".txt");
        try {
            Files.writeString(tmp, text);
            var s = new Ingest(Formats.byId(format).orElseThrow(), Limits.DEFAULT, Quarantine.NONE, out::add, 5)
                    .run(List.of(tmp));
            if (s.get(0).quarantined() > 0) {
                throw new IllegalArgumentException("rejected: " + s.get(0).errors());
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return out;
    }

    /** One Okta System Log sign-in of dana.wu@example.com from 203.0.113.7, as an NDJSON line. */
    public static String oktaSignIn(String uuid, String published) {
        return "{\"actor\":{\"id\":\"00u1\",\"type\":\"User\",\"alternateId\":\"dana.wu@example.com\","
                + "\"displayName\":\"Dana Wu\"},\"client\":{\"ipAddress\":\"203.0.113.7\"},"
                + "\"displayMessage\":\"User login to Okta\",\"eventType\":\"user.session.start\","
                + "\"outcome\":{\"result\":\"SUCCESS\"},\"published\":\"" + published + "\",\"severity\":\"INFO\","
                + "\"uuid\":\"" + uuid + "\",\"version\":\"0\"}\n";
    }

    public static final String EMPLOYEES_HEADER = "employee_id,legal_first_name,legal_last_name,date_of_birth,ssn,"
            + "personal_email,work_email,username,phone,address_line1,address_line2,city,state,postal_code,country,"
            + "time_zone,department,title,manager_id,employment_type,work_location,hire_date,termination_date,"
            + "termination_reason,applicant_id\n";

    /** One employees.csv row with the fields tests vary. */
    public static String employee(String id, String first, String last, String phone, String line1, String line2,
            String postal) {
        return id + "," + first + "," + last + ",1990-01-01,," + first.toLowerCase() + "." + last.toLowerCase() + id
                + "@gmail.com," + first.toLowerCase() + "." + last.toLowerCase() + "@example.com," + first.substring(0, 1)
                .toLowerCase() + last.toLowerCase() + "," + phone + "," + line1 + "," + line2 + ",Austin,TX," + postal
                + ",US,America/Chicago,Engineering,Developer,,employee,Remote,2026-01-05,,,\n";
    }
}
