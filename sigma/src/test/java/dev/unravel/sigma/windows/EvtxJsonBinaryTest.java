package dev.unravel.sigma.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.Event;
import dev.unravel.core.testing.SharedData;
import dev.unravel.core.testing.Stripped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EvtxJson} reads a binary event log as it reads the log's evtx_dump JSON. */
class EvtxJsonBinaryTest {

    @TempDir
    Path tmp;

    @Test
    void everyRegressionLog_givesTheEventsOfItsJsonTwin() throws IOException {
        int n = 0;
        for (Path log : SharedData.regressionLogs()) {
            List<Event> binary = EvtxJson.read(log);
            List<Event> json = EvtxJson.read(SharedData.jsonTwin(log));
            assertThat(binary).as(log.toString()).hasSameSizeAs(json);
            for (int i = 0; i < json.size(); i++) {
                assertThat(binary.get(i).logSource()).isEqualTo(json.get(i).logSource());
                assertThat(binary.get(i).type()).isEqualTo(json.get(i).type());
                assertThat(binary.get(i).origin().record()).isEqualTo(i + 1);
                if (!log.getFileName().toString().startsWith("ad691d92")) { // its twin was edited by hand
                    assertThat(Stripped.of(binary.get(i).document())).as(log.toString())
                            .isEqualTo(Stripped.of(json.get(i).document()));
                }
                n++;
            }
        }
        assertThat(n).isGreaterThan(200);
    }

    @Test
    void aDamagedRecord_failsTheFileWithItsNumber_afterTheRecordsBeforeIt() throws IOException {
        byte[] file = Files.readAllBytes(SharedData.sigma().resolve("regression_data/rules/windows/file/file_event/"
                + "file_event_win_hktl_netexec_file_indicators/efc21479-9e83-41da-8cf1-122e06ba8db3.evtx"));
        int second = 4096 + 512 + u32(file, 4096 + 512 + 4);
        int third = second + u32(file, second + 4);
        file[third + 24] = 0x77;
        Path damaged = Files.write(tmp.resolve("Sysmon.evtx"), file);
        List<Event> seen = new ArrayList<>();
        assertThatThrownBy(() -> EvtxJson.forEach(damaged, seen::add)).isInstanceOf(IOException.class)
                .hasMessageContaining("Sysmon.evtx: record 3: ").hasMessageContaining("unexpected token 0x77");
        assertThat(seen).hasSize(6);
    }

    private static int u32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
