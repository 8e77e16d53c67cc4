package dev.unravel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.detect.control.IpKvmDetector;
import dev.unravel.engine.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CrowdStrike Falcon Data Replicator names a computer by its sensor id: the scan reads the
 * aidmaster record with the records (its first event is one) and gives the detectors the computer's
 * name, so the finding lands on the laptop's worker and names the laptop, not the id.
 */
class FalconNamesScanTest {

    @TempDir
    Path dir;

    @Test
    void aPiKvmOnAFalconSensorIsFoundOnTheNamedLaptopOfItsWorker() throws IOException {
        String aid = "9f1c2e3d4b5a69788796a5b4c3d2e1f0";
        Files.writeString(dir.resolve("employees.csv"), Records.EMPLOYEES_HEADER
                + Records.employee("E1", "Betty", "Reed", "(801) 515-7251", "1 Main St", "", "73301"));
        Files.writeString(dir.resolve("assets.csv"), "asset_tag,serial_number,model,os,hostname,assigned_employee_id,"
                + "assigned_at,status\nNWL-SER1,SER1,Latitude 7440,Windows 11,NWL-LT-1,E1,2026-02-27,assigned\n");
        // FDR's layout: uuid folders, no date in any path
        Path aidmaster = Files.createDirectories(dir.resolve("fdr/aidmaster/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"));
        // the sensor's record dated after the event: an asset record, read with the records all the same
        Files.writeString(aidmaster.resolve("part-00000"), "{\"aid\":\"" + aid + "\",\"cid\":\"c1\",\"AgentVersion\":"
                + "\"7.29.19807.0\",\"ComputerName\":\"NWL-LT-1\",\"event_platform\":\"Win\",\"FirstSeen\":"
                + "\"1772300000.000\",\"Time\":\"1772900000.000\"}\n");
        Path data = Files.createDirectories(dir.resolve("fdr/data/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d"));
        Files.writeString(data.resolve("part-00000"), "{\"event_simpleName\":\"DcUsbDeviceConnected\",\"aid\":\""
                + aid + "\",\"cid\":\"c1\",\"event_platform\":\"Win\",\"timestamp\":\"1772856197000\","
                + "\"DeviceInstanceId\":\"USB\\\\VID_1D6B&PID_0104\\\\CAFEBABE\",\"DeviceManufacturer\":\"PiKVM\","
                + "\"DeviceProduct\":\"PiKVM Composite Device\"}\n");

        Report r = Scan.run(Scan.Options.of(List.of(dir)).withDetectors(List.of(new IpKvmDetector()))
                .withQuarantine(dir.resolve("q.ndjson")), Scan.Progress.NONE);

        assertThat(r.ingest().quarantined()).isZero();
        assertThat(r.workers()).singleElement().satisfies(w -> {
            assertThat(w.workerId()).isEqualTo("E1");
            assertThat(w.signals()).singleElement().satisfies(s -> assertThat(s.explanation())
                    .contains("PiKVM", "plugged into NWL-LT-1").doesNotContain(aid));
        });
    }

    /** Without the aidmaster records the finding names the sensor id, and the summary says what is missing. */
    @Test
    void withoutTheAidmasterRecordsTheSummarySaysWhichFolderNamesTheSensors() throws IOException {
        String aid = "9f1c2e3d4b5a69788796a5b4c3d2e1f0";
        Path data = Files.createDirectories(dir.resolve("fdr/data/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d"));
        Files.writeString(data.resolve("part-00000"), "{\"event_simpleName\":\"DcUsbDeviceConnected\",\"aid\":\""
                + aid + "\",\"cid\":\"c1\",\"event_platform\":\"Win\",\"timestamp\":\"1772856197000\","
                + "\"DeviceInstanceId\":\"USB\\\\VID_1D6B&PID_0104\\\\CAFEBABE\",\"DeviceManufacturer\":\"PiKVM\"}\n");
        Report r = Scan.run(Scan.Options.of(List.of(dir)).withDetectors(List.of(new IpKvmDetector()))
                .withQuarantine(dir.resolve("q.ndjson")), Scan.Progress.NONE);
        assertThat(r.unresolved()).extracting(Report.UnresolvedEntry::subject).containsExactly("host:" + aid);
        java.io.StringWriter text = new java.io.StringWriter();
        dev.unravel.engine.report.Summary.print(r, new java.io.PrintWriter(text), 5);
        assertThat(text.toString()).contains("about 1 host that no HR, asset or identity record given names.\n"
                + "1 of the hosts is a CrowdStrike Falcon sensor id: give the scan FDR's aidmaster folder, which names "
                + "each sensor's computer.\nNot scored;");
        String html = dev.unravel.engine.report.HtmlReport.render(r);
        assertThat(html).contains("1 of these machines is a CrowdStrike Falcon sensor id: give the scan the aidmaster "
                + "folder of Falcon Data Replicator, which names each sensor's computer.");
    }
}
