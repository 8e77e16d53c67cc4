package dev.unravel.detect.steal;

import static dev.unravel.detect.control.Samples.ASSETS_HEADER;
import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static dev.unravel.detect.control.Samples.evtx;
import static dev.unravel.detect.control.Samples.laptop;
import static dev.unravel.detect.control.Samples.osquery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsbStorageWritesDetectorTest {

    /** E0 started on 2026-03-02 with laptop NWL-LT-0; E1 has been here since 2024 with NWL-LT-1 (a Mac). */
    static DetectorHarness company() {
        return new DetectorHarness()
                .with("hr-employees", EMPLOYEES_HEADER + employee("E0", "Deva", "Smith", "dsmith", "2026-03-02")
                        + employee("E1", "Devb", "Jones", "djones", "2024-01-15"))
                .with("asset-assignments", ASSETS_HEADER + laptop("NWL-LT-0", "SER0", "E0")
                        + laptop("NWL-LT-1", "SER1", "E1"));
    }

    /** Partition/Diagnostic 1006 as Windows writes it when a USB stick is connected (BusType 7). */
    static String usbStickConnected(String time, String computer) {
        return evtx("Microsoft-Windows-Partition/Diagnostic", "Microsoft-Windows-Partition", 1006, time, computer,
                "Version", "2", "DiskNumber", "1", "Flags", "0", "Characteristics", "0", "IsSystem", "false",
                "IsBoot", "false", "BusType", "7", "Manufacturer", "SanDisk", "Model", "Ultra", "Revision", "1.00",
                "SerialNumber", "4C530001230928114473", "ParentId", "USB\\VID_0781&PID_5581\\4C530001230928114473",
                "Capacity", "61530439680", "PartitionStyle", "0", "PartitionCount", "1");
    }

    /** Security 4663 from "Audit Removable Storage": {@code mask} 0x2 writes, 0x1 reads. */
    static String removableAccess(String time, String computer, String user, String path, String mask) {
        return evtx("Security", "Microsoft-Windows-Security-Auditing", 4663, time, computer, "SubjectUserSid",
                "S-1-5-21-3623811015-3361044348-30300820-1013", "SubjectUserName", user, "SubjectDomainName", "ACME",
                "SubjectLogonId", "0x4b7a3e", "ObjectServer", "Security", "ObjectType", "File", "ObjectName", path,
                "HandleId", "0x1c8", "AccessList", "0x2".equals(mask) ? "%%4417\n\t\t\t\t" : "%%4416\n\t\t\t\t",
                "AccessMask", mask, "ProcessId", "0x1a2c", "ProcessName", "C:\\Windows\\explorer.exe",
                "ResourceAttributes", "S:AI");
    }

    /** {@code n} files written to the stick on one laptop, a second apart, named {@code prefix-i.ext}. */
    static String windowsCopies(int n, String computer, String user, String folder, String ext, String mask) {
        StringBuilder b = new StringBuilder();
        Instant t = Instant.parse("2026-03-05T03:10:00Z");
        for (int i = 0; i < n; i++) {
            b.append(removableAccess(t.plusSeconds(i).toString(), computer, user,
                    "\\Device\\HarddiskVolume5\\" + folder + "\\file-" + i + "." + ext, mask));
        }
        return b.toString();
    }

    @Test
    void aNewHireCopyingASourceTreeToAUsbStickIsReported() {
        List<Signal> signals = company()
                .with("windows-evtx-json", usbStickConnected("2026-03-05T03:09:00Z", "NWL-LT-0")
                        + windowsCopies(60, "NWL-LT-0", "dsmith", "payments\\src\\main\\java", "java", "0x2"))
                .run(new UsbStorageWritesDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E0"));
            assertThat(s.detector()).isEqualTo(UsbStorageWritesDetector.ID);
            assertThat(s.stage()).isEqualTo(Stage.STEAL);
            assertThat(s.technique()).isEqualTo("T1052.001");
            assertThat(s.strength()).isCloseTo(0.65, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(s.explanation()).isEqualTo("This worker copied 60 files, 60 of them source code, to a USB "
                    + "storage device (SanDisk Ultra, 62 GB) in one day 3 days after starting.");
            assertThat(s.evidence()).hasSize(20);
        });
    }

    @Test
    void aFewDocumentsReadsAndFixedDiskFilesAreNearMisses() {
        String docs = windowsCopies(12, "NWL-LT-0", "dsmith", "expenses", "pdf", "0x2");
        String reads = windowsCopies(300, "NWL-LT-0", "dsmith", "installers", "java", "0x1");
        // File System auditing on the fixed disk names files by drive letter
        String fixedDisk = removableAccess("2026-03-05T04:00:00Z", "NWL-LT-0", "dsmith", "C:\\src\\App.java", "0x2");
        assertThat(company().with("windows-evtx-json", usbStickConnected("2026-03-05T03:09:00Z", "NWL-LT-0") + docs
                + reads + fixedDisk).run(new UsbStorageWritesDetector())).isEmpty();
    }

    @Test
    void manyDocumentsFromLongStandingStaffAreReportedWeakly() {
        List<Signal> signals = company()
                .with("windows-evtx-json", windowsCopies(250, "NWL-LT-1", "djones", "photos", "jpg", "0x6"))
                .run(new UsbStorageWritesDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.strength()).isEqualTo(0.35);
            assertThat(s.explanation()).isEqualTo("This worker copied 250 files to a USB storage device in one day.");
        });
    }

    @Test
    void aUsbHubOrKeyboardIsNotNamedAsTheStorageDevice() {
        StringBuilder rows = new StringBuilder(osquery("usb_devices", 1772680000L, "NWL-LT-1", "vendor", "Logitech",
                "model", "USB Receiver", "vendor_id", "046d", "model_id", "c52b", "class", "3", "removable", "0"));
        for (int i = 0; i < 20; i++) {
            rows.append(osquery("file_events", 1772680100L + i, "NWL-LT-1", "target_path",
                    "/media/djones/KINGSTON/src/lib_" + i + ".py", "action", "CREATED"));
        }
        assertThat(company().with("osquery", rows.toString()).run(new UsbStorageWritesDetector()))
                .singleElement().satisfies(s -> assertThat(s.explanation()).isEqualTo("This worker copied 20 files, "
                        + "20 of them source code, to a USB storage device in one day."));
    }

    @Test
    void osqueryFileEventsOnAMountedUsbDriveCountWithTheirSize() {
        StringBuilder rows = new StringBuilder(osquery("usb_devices", 1772680000L, "NWL-LT-1", "usb_address", "3",
                "usb_port", "1", "vendor", "Samsung", "vendor_id", "04e8", "model", "Flash Drive FIT", "model_id",
                "61f5", "serial", "0374622030004327", "class", "8", "subclass", "6", "protocol", "80", "removable",
                "1"));
        for (int i = 0; i < 25; i++) {
            rows.append(osquery("file_events", 1772680100L + i, "NWL-LT-1", "target_path",
                    "/Volumes/FIT/backend/internal/api/handler_" + i + ".go", "category", "usb", "action", "CREATED",
                    "size", "400000", "time", String.valueOf(1772680100L + i)));
        }
        // the system volume and a deletion are not copies to a stick
        rows.append(osquery("file_events", 1772680200L, "NWL-LT-1", "target_path",
                "/Volumes/Macintosh HD/Users/djones/notes.go", "action", "CREATED", "size", "10"));
        rows.append(osquery("file_events", 1772680201L, "NWL-LT-1", "target_path", "/Volumes/FIT/old.go", "action",
                "DELETED", "size", "10"));
        List<Signal> signals = company().with("osquery", rows.toString()).run(new UsbStorageWritesDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.strength()).isCloseTo(0.45, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(s.explanation()).isEqualTo("This worker copied 25 files, 25 of them source code, (10 MB) to a "
                    + "USB storage device (Samsung Flash Drive FIT) in one day.");
        });
    }

    /**
     * Defender for Endpoint: the drive letter its UsbDriveMounted gave the stick, then the files its
     * DeviceFileEvents saw written there; files on another drive, and on a letter no USB drive had,
     * are not counted.
     */
    @Test
    void defenderForEndpointsFileEventsOnAMountedUsbDriveCount_otherDrivesDoNot() {
        String device = "nwl-lt-0.corp.example.com";
        StringBuilder rows = new StringBuilder(dev.unravel.detect.control.Samples.defender("DeviceEvents",
                "2026-03-05T03:09:00Z", device, "ActionType", "\"UsbDriveMounted\"", "AdditionalFields",
                dev.unravel.detect.control.Samples.json("{\"DriveLetter\":\"E:\",\"BusType\":7,\"ProductName\":"
                        + "\"Cruzer Blade\",\"SerialNumber\":\"4C530001230928114473\",\"Manufacturer\":\"SanDisk\"}")));
        Instant t = Instant.parse("2026-03-05T03:10:00Z");
        for (int i = 0; i < 30; i++) {
            for (String drive : new String[] {"E:", "D:"}) {
                rows.append(dev.unravel.detect.control.Samples.defender("DeviceFileEvents", t.plusSeconds(i).toString(),
                        device, "ActionType", "\"FileCreated\"", "FolderPath", dev.unravel.detect.control.Samples.json(
                                drive + "\\payments-core\\src\\Ledger" + i + ".java"), "FileSize", "4096",
                        "InitiatingProcessAccountName", "\"dsmith\"", "InitiatingProcessAccountDomain", "\"acme\""));
            }
        }
        List<Signal> signals = company().with("defender-endpoint", rows.toString()).run(new UsbStorageWritesDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E0"));
            assertThat(s.explanation()).contains("30 files, 30 of them source code,", "SanDisk Cruzer Blade at E:",
                    "3 days after starting");
        });
    }

    /**
     * CrowdStrike Falcon writes RemovableMediaFileWritten only for files on removable media, naming
     * the laptop by its sensor id (its aidmaster record says which) and the stick in
     * RemovableMediaVolumeMounted; the same source files written to the laptop's own disk
     * (SourceCodeFileWritten) are not counted.
     */
    @Test
    void falconsRemovableMediaWritesCount_writesToTheLaptopsOwnDiskDoNot() {
        String aid = "9f1c2e3d4b5a69788796a5b4c3d2e1f0";
        StringBuilder fdr = new StringBuilder(dev.unravel.detect.control.Samples.aidmaster(aid, "NWL-LT-0",
                "2026-03-01T00:00:00Z"));
        fdr.append(dev.unravel.detect.control.Samples.falcon("RemovableMediaVolumeMounted", "2026-03-05T03:09:00Z", aid,
                "VolumeName", "CRUZER", "VolumeDriveLetter", "E:", "DiskParentDeviceInstanceId",
                "USB\\VID_0781&PID_5567\\4C530001230928114473"));
        Instant t = Instant.parse("2026-03-05T03:10:00Z");
        for (int i = 0; i < 30; i++) {
            fdr.append(dev.unravel.detect.control.Samples.falcon("RemovableMediaFileWritten", t.plusSeconds(i).toString(),
                    aid, "TargetFileName", "\\Device\\HarddiskVolume5\\payments-core\\src\\Ledger" + i + ".java",
                    "Size", "4096", "UserSid", "S-1-5-21-1004336348-1177238915-682003330-4711"));
            fdr.append(dev.unravel.detect.control.Samples.falcon("SourceCodeFileWritten", t.plusSeconds(i).toString(),
                    aid, "TargetFileName", "\\Device\\HarddiskVolume3\\Users\\dsmith\\src\\Ledger" + i + ".java",
                    "Size", "4096"));
        }
        List<Signal> signals = company().with("crowdstrike-fdr", fdr.toString()).run(new UsbStorageWritesDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E0"));
            assertThat(s.explanation()).contains("30 files, 30 of them source code,", "CRUZER at E:",
                    "3 days after starting");
        });
    }
}
