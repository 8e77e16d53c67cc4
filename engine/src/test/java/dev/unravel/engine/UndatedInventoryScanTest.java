package dev.unravel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.detect.control.IpKvmDetector;
import dev.unravel.engine.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WMI monitor inventory has no time: it must neither stretch the scanned period back to 1970 nor date a finding there. */
class UndatedInventoryScanTest {

    @TempDir
    Path dir;

    static String codes(String text, int width) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int i = 0; i < width; i++) {
            j.add(Integer.toString(i < text.length() ? text.charAt(i) : 0));
        }
        return j.toString();
    }

    @Test
    void anUndatedPiKvmDisplayIsScannedAtTheUsbEvidenceAndThePeriodStaysTheLogs() throws IOException {
        Files.writeString(dir.resolve("employees.csv"), "employee_id,legal_first_name,legal_last_name,date_of_birth,"
                + "ssn,personal_email,work_email,username,phone,address_line1,address_line2,city,state,postal_code,"
                + "country,time_zone,department,title,manager_id,employment_type,work_location,hire_date,"
                + "termination_date,termination_reason,applicant_id\n"
                + "E1,Betty,Reed,1990-01-02,123-45-6789,betty.reed@gmail.com,betty.reed@example.com,breed,"
                + "(801) 515-7251,1 Main St,,Austin,TX,73301,US,America/Chicago,Engineering,Developer,,employee,Remote,"
                + "2026-03-02,,,AE1\n");
        Files.writeString(dir.resolve("assets.csv"), "asset_tag,serial_number,model,os,hostname,assigned_employee_id,"
                + "assigned_at,status\nNWL-SER1,SER1,Latitude 7440,Windows 11,NWL-LT-1,E1,2026-02-27,assigned\n");
        Files.writeString(dir.resolve("monitors.json"), "{\"Active\":true,\"InstanceName\":\"DISPLAY\\\\LNX0000\\\\"
                + "5&2a1b3c4d&0&UID4353_0\",\"ManufacturerName\":" + codes("LNX", 16) + ",\"ProductCodeID\":"
                + codes("0000", 16) + ",\"SerialNumberID\":" + codes("", 16) + ",\"UserFriendlyName\":"
                + codes("PiKVM", 13) + ",\"PSComputerName\":null,\"CimSystemProperties\":{\"Namespace\":\"root/wmi\","
                + "\"ServerName\":\"NWL-LT-1\",\"ClassName\":\"WmiMonitorID\",\"Path\":null}}\n");
        Files.writeString(dir.resolve("osquery-usb-2026-03-07.json"), "{\"name\":\"pack_it_usb_devices\","
                + "\"hostIdentifier\":\"NWL-LT-1\",\"calendarTime\":\"\",\"unixTime\":1772856197,\"epoch\":0,"
                + "\"counter\":1,\"numerics\":false,\"decorations\":{\"hostname\":\"NWL-LT-1\"},\"columns\":"
                + "{\"vendor\":\"Linux Foundation\",\"vendor_id\":\"1d6b\",\"model\":\"Multifunction Composite Gadget\","
                + "\"model_id\":\"0104\",\"serial\":\"100000003b8f1c2e\"},\"action\":\"added\"}\n");

        Report r = Scan.run(Scan.Options.of(List.of(dir)).withDetectors(List.of(new IpKvmDetector()))
                .withQuarantine(dir.resolve("q.ndjson")), Scan.Progress.NONE);

        assertThat(r.ingest().quarantined()).isZero();
        assertThat(r.period().from()).startsWith("2026-03-07");
        assertThat(r.workers()).singleElement().satisfies(w -> {
            assertThat(w.workerId()).isEqualTo("E1");
            assertThat(w.signals()).extracting(Report.SignalEntry::detector).containsOnly(IpKvmDetector.ID);
            assertThat(w.signals()).allSatisfy(s -> assertThat(s.time()).startsWith("2026-03-07"));
            assertThat(w.signals()).anySatisfy(s -> assertThat(s.explanation()).contains("both halves", "PiKVM"));
        });
    }
}
