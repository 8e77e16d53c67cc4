package dev.unravel.sim.plan;

import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.Repo;
import dev.unravel.sim.world.World;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** People and repositories for mail tests, and a ZIP reader for what the mail carries. */
public final class MailFixtures {
    private MailFixtures() {
    }

    /** A fired operator as HR knows them. */
    public static Person operator() {
        return person("Jordan", "Miles", "jordan.miles.dev@gmail.com");
    }

    public static Person recipient() {
        return person("Avery", "Chen", "avery.chen@example.net");
    }

    public static List<Repo> stolen() {
        return List.of(
                new Repo("payments-api", "payments", true, List.of(
                        "src/main/java/com/northwindlabs/payments/LedgerService.java",
                        "src/main/resources/application.yml", "deploy/helm/values.yaml", "scripts/migrate.py",
                        "README.md")),
                new Repo("web-console", "frontend", true, List.of(
                        "src/app/Login.tsx", "src/api/client.ts", "package.json")),
                new Repo("ingest-worker", "data", true, List.of("cmd/worker/main.go", "Makefile")));
    }

    /** The entries of a ZIP in order, name to content; fails on anything that is not a ZIP. */
    public static Map<String, ZipEntryContent> unzip(byte[] zip) throws IOException {
        Map<String, ZipEntryContent> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new ZipEntryContent(e.getTimeLocal().toString(), new String(in.readAllBytes(),
                        StandardCharsets.UTF_8)));
            }
        }
        if (entries.isEmpty()) {
            throw new IOException("not a ZIP or an empty one");
        }
        return entries;
    }

    public record ZipEntryContent(String modified, String text) {
    }

    private static Person person(String first, String last, String personal) {
        Person p = new Person();
        p.firstName = first;
        p.lastName = last;
        p.personalEmail = personal;
        p.workEmail = first.toLowerCase() + "." + last.toLowerCase() + "@" + World.DOMAIN;
        return p;
    }
}
