package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicatorsCommandTest {

    @TempDir
    Path dir;

    @Test
    void aListIsCheckedAsAScanWillReadIt_byTypeAndEveryEntryThatCannotBeRead() throws Exception {
        Path good = Files.writeString(dir.resolve("fbi-psa.csv"), """
                type,value,source,note
                address,"8047 Prospect Ln, Brooklyn, NY 11215",DOJ indictment,laptop farm
                phone,(571) 555-0148,FBI PSA,
                ip,185.242.4.0/22,FBI PSA,VPN exits
                ip,2a0b:4140:4::/48,FBI PSA,
                """);
        CliRun ok = CliRun.run("indicators", "check", good.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).isEqualTo(good + ": 4 indicators (1 phone, 1 address, 2 ip)\n");

        Path bad = Files.writeString(dir.resolve("share.csv"), """
                email,jin[@]mail[.]com,IT-ISAC,
                wallet,bc1qxyz,IT-ISAC,
                ip,185.242.4.0/33,IT-ISAC,
                phone,not a number,IT-ISAC,
                """);
        CliRun some = CliRun.run("indicators", "check", good.toString(), bad.toString());
        assertThat(some.code()).isEqualTo(1);
        assertThat(some.out()).contains(bad + ": 1 indicator (1 email); 3 entries cannot be read:\n",
                "  " + bad + ":2: 'bc1qxyz' is not a readable wallet (a Bitcoin, Litecoin, Ethereum, TRON or Monero address)\n",
                "  " + bad + ":3: '185.242.4.0/33' is not a readable ip (an address, a CIDR network or first-last)\n",
                "  " + bad + ":4: 'not a number' is not a readable phone\n",
                "In all: 5 indicators from 2 lists; 3 entries cannot be read (a scan skips them and uses the rest).");

        CliRun none = CliRun.run("indicators", "check", dir.resolve("none.csv").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).startsWith("unravel indicators check: the indicator list " + dir.resolve("none.csv") + " cannot be read: no such "
                + "file");
    }
}
