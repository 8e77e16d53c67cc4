package dev.unravel.ingest.format.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsEventsDocTest {

    @Test
    void isSystemField_agreesWithTheSetOfSystemFields() {
        List<String> names = new ArrayList<>(WindowsEvents.SYSTEM_FIELDS);
        names.addAll(List.of("CommandLine", "Image", "User", "Tasks", "Level0", "Opcodes", "EventIDs", "", "T",
                "ProcessId", "Provider_Names", "TimeCreatedX", "ThreadId", "userid"));
        for (String name : names) {
            assertThat(WindowsEvents.isSystemField(new String(name))).as(name)
                    .isEqualTo(WindowsEvents.SYSTEM_FIELDS.contains(name));
        }
    }

    @Test
    void doc_dataNamedLikeASystemFieldGoesUnderItsSection_andFillOnlyFillsGaps() {
        WindowsEvents.Doc d = new WindowsEvents.Doc();
        d.system("EventID", 4688);
        d.system("Computer", "");
        d.data("EventData", "EventID", "from data");
        d.data("EventData", "NewProcessName", "C:\\w.exe");
        for (int i = 0; i < 40; i++) {
            d.data("EventData", "param" + i, i); // past the first scratch block
        }
        d.fill("Image", "C:\\w.exe");
        d.fill("NewProcessName", "not this");
        d.data("EventData", "late", "after the map was read");
        assertThat(d.map()).containsEntry("EventID", 4688).containsEntry("EventData.EventID", "from data")
                .containsEntry("NewProcessName", "C:\\w.exe").containsEntry("Image", "C:\\w.exe")
                .containsEntry("param39", 39).containsEntry("late", "after the map was read")
                .doesNotContainKey("Computer").hasSize(45);
        assertThat(new ArrayList<>(d.map().keySet())).startsWith("EventID", "EventData.EventID", "NewProcessName",
                "param0");
    }
}
