package dev.unravel.sim.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sim.world.Internet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntelExportTest {
    @TempDir
    Path dir;

    private List<Map<String, String>> rows;

    @BeforeEach
    void write() throws IOException {
        IntelExport.write(new OutputDir(dir));
        rows = CsvFile.read(dir.resolve("intel/ip-ranges.csv")).rows();
    }

    /** Dotted quad to a number, written here rather than borrowed so the test checks the export. */
    private static long ip(String dotted) {
        long v = 0;
        for (String octet : dotted.split("\\.")) {
            v = v * 256 + Integer.parseInt(octet);
        }
        return v;
    }

    @Test
    void everyBlockOfTheSimulatedInternetIsListedOnce_andTheCompanysPrivateNetwork() {
        assertThat(rows).hasSize(Internet.all().size() + 1);
        assertThat(rows).extracting(r -> r.get("cidr")).doesNotHaveDuplicates();
        assertThat(rows.get(0)).containsEntry("cidr", "10.20.0.0/16").containsEntry("is_corporate", "true")
                .containsEntry("network_type", "corporate_vpn");
    }

    @Test
    void eachRowsCidrCoversExactlyItsStartToEnd() {
        for (Map<String, String> r : rows) {
            String[] cidr = r.get("cidr").split("/");
            long size = 1L << (32 - Integer.parseInt(cidr[1]));
            long start = ip(r.get("start_ip"));
            assertThat(ip(cidr[0])).as(r.get("cidr")).isEqualTo(start);
            assertThat(start % size).as(r.get("cidr") + " is aligned").isZero();
            assertThat(ip(r.get("end_ip"))).as(r.get("cidr")).isEqualTo(start + size - 1);
        }
    }

    @Test
    void rangesAreSortedAndNeverOverlap() {
        for (int i = 1; i < rows.size(); i++) {
            assertThat(ip(rows.get(i).get("start_ip")))
                    .as(rows.get(i).get("cidr") + " after " + rows.get(i - 1).get("cidr"))
                    .isGreaterThan(ip(rows.get(i - 1).get("end_ip")));
        }
    }

    @Test
    void theFlagsAgreeWithTheNetworkType() {
        for (Map<String, String> r : rows) {
            String type = r.get("network_type");
            assertThat(r.get("is_vpn")).as(r.get("cidr")).isEqualTo(String.valueOf(type.equals("vpn")));
            assertThat(r.get("is_hosting")).as(r.get("cidr")).isEqualTo(String.valueOf(type.equals("hosting")));
            assertThat(r.get("is_corporate")).as(r.get("cidr"))
                    .isEqualTo(String.valueOf(type.equals("office") || type.equals("corporate_vpn")));
        }
        assertThat(rows).anyMatch(r -> r.get("is_vpn").equals("true"))
                .anyMatch(r -> r.get("is_corporate").equals("true"));
    }

    @Test
    void anOrganisationNameWithACommaReadsBackWhole() {
        assertThat(rows).anySatisfy(r -> assertThat(r.get("as_org")).isEqualTo("Amazon.com, Inc."));
    }
}
