package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAdminCommandTest {

    @TempDir
    Path dir;

    @Test
    void aBackupRestoresIntoANewFolder_withEverythingInIt() throws Exception {
        String live = dir.resolve("live").toString();
        try (Store s = Store.open(live)) {
            s.putAnalyst("dana", "$argon2id$one");
            s.putAnalyst("hr.pat", "$argon2id$two", Store.AnalystRole.VIEWER);
        }
        Path zip = dir.resolve("backups/unravel.zip");
        java.nio.file.Files.createDirectories(zip.getParent());
        CliRun backup = CliRun.run("store", "backup", "--store", live, "--out", zip.toString());
        assertThat(backup.code()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("Backed up the store at ", " to " + zip, "'unravel store restore " + zip);

        String restored = dir.resolve("restored").toString();
        CliRun restore = CliRun.run("store", "restore", zip.toString(), "--store", restored);
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restored " + zip + " into ", "0 cases, 0 scans, 2 analysts.");
        assertThat(CliRun.run("analysts", "list", "--store", restored).out()).isEqualTo("dana    analyst\n"
                + "hr.pat  viewer  no case shared\n");

        CliRun again = CliRun.run("store", "restore", zip.toString(), "--store", restored);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("holds a store already");
        assertThat(CliRun.run("store", "backup", "--store", live).err()).contains("--out");
        assertThat(CliRun.run("store", "restore", zip.toString(), "--store", "jdbc:postgresql://db/x").err())
                .contains("pg_restore");
    }
}
