package dev.unravel.ingest.format.wmi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.records.RecordKind;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

class WmiMonitorIdReaderTest {
    private final WmiMonitorIdReader reader = new WmiMonitorIdReader();

    /** Text as WMI gives EDID strings: UInt16 character codes, zero-padded to {@code width}. */
    static String codes(String text, int width) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int i = 0; i < width; i++) {
            j.add(Integer.toString(i < text.length() ? text.charAt(i) : 0));
        }
        return j.toString();
    }

    /** One monitor as {@code Get-CimInstance -Namespace root\wmi -ClassName WmiMonitorID | ConvertTo-Json -Compress} writes it. */
    static String cim(String computer, String instance, String maker, String product, String serial, String name) {
        return "{\"Active\":true,\"InstanceName\":\"" + instance.replace("\\", "\\\\") + "\",\"ManufacturerName\":"
                + codes(maker, 16) + ",\"ProductCodeID\":" + codes(product, 16) + ",\"SerialNumberID\":"
                + codes(serial, 16) + ",\"UserFriendlyName\":" + codes(name, 13) + ",\"UserFriendlyNameLength\":13,"
                + "\"WeekOfManufacture\":12,\"YearOfManufacture\":2021,\"PSComputerName\":null,"
                + "\"CimClass\":{\"CimSuperClassName\":\"MSMonitorClass\",\"CimSuperClass\":\"ROOT/wmi:MSMonitorClass\","
                + "\"CimClassProperties\":\"Active InstanceName ManufacturerName ProductCodeID SerialNumberID "
                + "UserFriendlyName UserFriendlyNameLength WeekOfManufacture YearOfManufacture\","
                + "\"CimClassQualifiers\":\"dynamic Locale provider WMI guid\",\"CimClassMethods\":\"\","
                + "\"CimSystemProperties\":\"Microsoft.Management.Infrastructure.CimSystemProperties\"},"
                + "\"CimInstanceProperties\":[\"Active = True\",\"InstanceName = " + instance.replace("\\", "\\\\")
                + "\"],\"CimSystemProperties\":{\"Namespace\":\"root/wmi\",\"ServerName\":\"" + computer
                + "\",\"ClassName\":\"WmiMonitorID\",\"Path\":null}}\n";
    }

    static final String DELL = cim("NWL-LT-2", "DISPLAY\\DELA0F4\\5&2a1b3c4d&0&UID4353_0", "DEL", "A0F4", "CH7VF43",
            "DELL U2720Q");

    /** An EDR's collection of the same class: decoded strings, a hostname and a collection time. */
    static final String PIKVM_EDR = "{\"@timestamp\":\"2026-03-07T04:05:00Z\",\"hostname\":\"NWL-LT-1\","
            + "\"InstanceName\":\"DISPLAY\\\\LNX0000\\\\5&1c2f3a4b&0&UID512_0\",\"ManufacturerName\":\"LNX\","
            + "\"ProductCodeID\":\"0000\",\"SerialNumberID\":\"\",\"UserFriendlyName\":\"PiKVM\","
            + "\"YearOfManufacture\":2019,\"WeekOfManufacture\":0}\n";

    @Test
    void theCimExportIsDecodedFromCharacterCodesAndPlacedOnItsComputer() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "monitors.json", DELL);
        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.type()).isEqualTo(WmiMonitorIdReader.TYPE);
        assertThat(e.host()).isEqualTo("NWL-LT-2");
        assertThat(e.document()).containsEntry("manufacturer", "DEL").containsEntry("name", "DELL U2720Q")
                .containsEntry("serial", "CH7VF43").containsEntry("product_code", "A0F4")
                .containsEntry("year_of_manufacture", 2021).containsEntry("undated", true);
        // WMI records no time: the row is an undated inventory, like other undated records.
        assertThat(e.time()).isEqualTo(RecordKind.UNDATED);
    }

    @Test
    void anEdrCollectionWithPlainStringsAndATimeIsRead() {
        Event e = ReaderHarness.read(reader, "edr-monitors.ndjson", PIKVM_EDR).events().get(0);
        assertThat(e.host()).isEqualTo("NWL-LT-1");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-07T04:05:00Z"));
        assertThat(e.document()).containsEntry("manufacturer", "LNX").containsEntry("name", "PiKVM")
                .containsEntry("undated", false).doesNotContainKey("serial");
    }

    @Test
    void getWmiObjectOutputWithServerAndAPowerShellDateIsRead() {
        String wmi = "{\"__CLASS\":\"WmiMonitorID\",\"__SERVER\":\"NWL-LT-3\",\"collected_at\":\"\\/Date(1772856300000)\\/\","
                + "\"InstanceName\":\"DISPLAY\\\\GSM5B7F\\\\5&aa&0&UID4352_0\",\"ManufacturerName\":" + codes("GSM", 16)
                + ",\"UserFriendlyName\":" + codes("LG ULTRAFINE", 13) + ",\"ProductCodeID\":" + codes("5B7F", 16)
                + ",\"SerialNumberID\":" + codes("0", 16) + "}\n";
        Event e = ReaderHarness.read(reader, "wmi.json", wmi).events().get(0);
        assertThat(e.host()).isEqualTo("NWL-LT-3");
        assertThat(e.time()).isEqualTo(Instant.ofEpochMilli(1772856300000L));
        assertThat(e.document()).containsEntry("manufacturer", "GSM").containsEntry("name", "LG ULTRAFINE");
    }

    @Test
    void makerAndProductFallBackToTheInstanceName() {
        String bare = "{\"hostname\":\"NWL-LT-4\",\"InstanceName\":\"DISPLAY\\\\SAM7305\\\\5&1&0&UID1_0\","
                + "\"UserFriendlyName\":\"S27R65x\",\"SerialNumberID\":\"HNTW300123\"}\n";
        Event e = ReaderHarness.read(reader, "m.json", bare).events().get(0);
        assertThat(e.document()).containsEntry("manufacturer", "SAM").containsEntry("product_code", "7305");
    }

    @Test
    void badRowsAreQuarantinedWithFileLineAndFieldAndTheRestRead() {
        String noHost = DELL.replace("\"ServerName\":\"NWL-LT-2\"", "\"ServerName\":null");
        String badCodes = PIKVM_EDR.replace("\"UserFriendlyName\":\"PiKVM\"", "\"UserFriendlyName\":[80,\"i\",75]");
        String badTime = PIKVM_EDR.replace("2026-03-07T04:05:00Z", "last tuesday");
        String nothing = "{\"hostname\":\"NWL-LT-1\",\"SerialNumberID\":\"123\",\"UserFriendlyNameLength\":0,"
                + "\"YearOfManufacture\":2020}\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "monitors.json", DELL + noHost + badCodes + badTime
                + nothing + PIKVM_EDR);
        assertThat(r.records()).isEqualTo(6);
        assertThat(r.events()).extracting(Event::host).containsExactly("NWL-LT-2", "NWL-LT-1");
        assertThat(r.errors()).extracting(RecordError::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(r.errors()).extracting(RecordError::field)
                .containsExactly("PSComputerName", "UserFriendlyName", "@timestamp", "ManufacturerName");
        assertThat(r.errors()).allSatisfy(err -> assertThat(err.file()).isEqualTo("monitors.json"));
        assertThat(r.errors().get(1).reason()).contains("UInt16");
    }

    @Test
    void theFormatIsRecognisedFromItsFieldsAndOtherJsonIsNot() {
        Sample cim = new Sample("monitors.json", DELL.getBytes(StandardCharsets.UTF_8));
        assertThat(Formats.recognise(cim)).get().satisfies(rec -> assertThat(rec.reader().id()).isEqualTo("wmi-monitor-id"));
        Sample edr = new Sample("x.ndjson", PIKVM_EDR.getBytes(StandardCharsets.UTF_8));
        assertThat(Formats.recognise(edr)).get().satisfies(rec -> assertThat(rec.reader().id()).isEqualTo("wmi-monitor-id"));
        String osqueryUsb = "{\"name\":\"pack_it_usb_devices\",\"hostIdentifier\":\"h\",\"unixTime\":1772856197,"
                + "\"columns\":{\"vendor\":\"PiKVM\",\"model\":\"PiKVM Composite Device\",\"serial\":\"CAFEBABE\"},"
                + "\"action\":\"added\"}\n";
        assertThat(reader.probe(new Sample("osq.json", osqueryUsb.getBytes(StandardCharsets.UTF_8)))).isZero();
        // A PowerShell script-block event that merely mentions the class stays a Windows event.
        String scriptBlock = "{\"Event\":{\"System\":{\"EventID\":4104,\"TimeCreated\":{\"#attributes\":{\"SystemTime\":"
                + "\"2026-03-07T04:05:00Z\"}},\"Channel\":\"Microsoft-Windows-PowerShell/Operational\"},\"EventData\":"
                + "{\"ScriptBlockText\":\"Get-CimInstance -Namespace root\\\\wmi -ClassName WmiMonitorID\"}}}\n";
        assertThat(Formats.recognise(new Sample("ps.json", scriptBlock.getBytes(StandardCharsets.UTF_8)))).get()
                .satisfies(rec -> assertThat(rec.reader().id()).isEqualTo("windows-evtx-json"));
    }
}
