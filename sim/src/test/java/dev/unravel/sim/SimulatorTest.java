package dev.unravel.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.sim.out.CsvFile;
import dev.unravel.sim.world.Noise;
import dev.unravel.sim.world.Persona;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end properties of a whole simulation: determinism, ground truth against events, coverage. */
class SimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate START = LocalDate.of(2026, 3, 2);

    @TempDir
    static Path tmp;
    static Path out;
    static JsonNode truth;

    @BeforeAll
    static void simulate() throws IOException {
        out = tmp.resolve("a");
        new Simulator(new SimConfig(200, 24, 11, 5, START, out, false), Simulator.Progress.NONE).run();
        truth = JSON.readTree(out.resolve("truth.json").toFile());
    }

    private static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                digests.put(root.relativize(f).toString(), HexFormat.of().formatHex(md.digest(Files.readAllBytes(f))));
            }
        }
        return digests;
    }

    @Test
    void sameSeed_givesByteIdenticalOutput() throws Exception {
        Path again = tmp.resolve("b");
        new Simulator(new SimConfig(200, 24, 11, 5, START, again, false), Simulator.Progress.NONE).run();
        assertThat(digests(again)).isEqualTo(digests(out)).hasSizeGreaterThan(50);
    }

    @Test
    void differentSeed_givesDifferentOutput() throws Exception {
        Path other = tmp.resolve("c");
        new Simulator(new SimConfig(30, 2, 12, 2, START, other, false), Simulator.Progress.NONE).run();
        Path same = tmp.resolve("d");
        new Simulator(new SimConfig(30, 2, 11, 2, START, same, false), Simulator.Progress.NONE).run();
        assertThat(digests(other).get("hr/employees.csv")).isNotEqualTo(digests(same).get("hr/employees.csv"));
    }

    @Test
    void everyPersona_andEveryNoiseBehaviour_appears() {
        List<String> personas = new ArrayList<>();
        truth.path("fraudulent_workers").forEach(w -> personas.add(w.path("persona").asText()));
        assertThat(personas).containsExactlyInAnyOrder(
                Stream.of(Persona.values()).map(Persona::id).toArray(String[]::new));
        for (JsonNode n : truth.path("noise")) {
            assertThat(n.path("workers").size()).as(n.path("behaviour").asText()).isPositive();
        }
        assertThat(truth.path("noise").size()).isEqualTo(Noise.values().length);
        assertThat(truth.path("facilitators").size()).isEqualTo(2);
        List<String> sharedKinds = new ArrayList<>();
        truth.path("shared_identifiers").forEach(s -> sharedKinds.add(s.path("kind").asText()));
        assertThat(sharedKinds).contains("bank_account", "phone", "ship_to", "resume");
    }

    @Test
    void everyPersona_showsItsSteps() {
        Map<String, List<String>> steps = new TreeMap<>();
        for (JsonNode w : truth.path("fraudulent_workers")) {
            List<String> s = new ArrayList<>();
            w.path("steps").forEach(step -> s.add(step.path("step").asText()));
            steps.put(w.path("persona").asText(), s);
        }
        assertThat(steps.values()).allSatisfy(s -> assertThat(s).contains("applied", "hired", "laptop_shipped"));
        assertThat(steps.get("stolen_identity_farm")).contains("first_remote_control");
        assertThat(steps.get("synthetic_shared")).contains("first_remote_control");
        assertThat(steps.get("ipkvm_facilitator")).contains("first_remote_control");
        assertThat(steps.get("fast_exfiltrator")).contains("first_exfiltration");
        assertThat(steps.get("fired_extortionist"))
                .contains("first_remote_control", "first_exfiltration", "terminated", "extortion_email");
    }

    @Test
    void theExtortionistForwardsTheirMailToTheirOwnAddress_genuineWorkersOnlyInsideTheCompany() throws Exception {
        Map<String, String> personaOfEmail = new java.util.HashMap<>();
        for (JsonNode w : truth.path("fraudulent_workers")) {
            personaOfEmail.put(w.path("identifiers").path("work_email").asText(), w.path("persona").asText());
        }
        Map<String, String> personal = new java.util.HashMap<>();
        for (Map<String, String> row : CsvFile.read(out.resolve("hr/employees.csv")).rows()) {
            personal.put(row.get("work_email"), row.get("personal_email"));
        }
        int extortionists = 0;
        int genuine = 0;
        try (Stream<Path> files = Files.list(out.resolve("m365"))) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode r = JSON.readTree(line);
                    if (!r.path("Workload").asText().equals("Exchange")) {
                        continue;
                    }
                    String user = r.path("UserId").asText();
                    java.util.List<String> values = r.path("Parameters").findValuesAsText("Value");
                    if ("fired_extortionist".equals(personaOfEmail.get(user))) {
                        extortionists++;
                        assertThat(r.path("Operation").asText()).isEqualTo("Set-Mailbox");
                        assertThat(values).contains("smtp:" + personal.get(user), "False");
                    } else {
                        genuine++;
                        assertThat(personaOfEmail).as("no other persona forwards").doesNotContainKey(user);
                        assertThat(r.path("Operation").asText()).isEqualTo("New-InboxRule");
                        assertThat(values).anySatisfy(v -> assertThat(v).matches("team-[a-z]+@northwindlabs\\.com"));
                    }
                }
            }
        }
        assertThat(extortionists).isEqualTo(1);
        assertThat(genuine).as("the near misses").isPositive();
    }

    @Test
    void commitsCarryTheClockOfTheComputerTheyWereWrittenOn() throws Exception {
        Map<String, String> personaOfLogin = new java.util.HashMap<>();
        for (JsonNode w : truth.path("fraudulent_workers")) {
            personaOfLogin.put(w.path("identifiers").path("github_login").asText(), w.path("persona").asText());
        }
        java.util.Set<String> travellers = new java.util.HashSet<>();
        java.util.Set<String> onBuildHost = new java.util.HashSet<>();
        truth.path("noise").forEach(n -> {
            if (n.path("behaviour").asText().equals("business_traveller")) {
                n.path("workers").forEach(w -> travellers.add(w.asText()));
            } else if (n.path("behaviour").asText().equals("shared_build_host")) {
                n.path("workers").forEach(w -> onBuildHost.add(w.asText()));
            }
        });
        CsvFile employees = CsvFile.read(out.resolve("hr/employees.csv"));
        Map<String, java.time.ZoneId> declared = new java.util.HashMap<>();
        Map<String, String> idOf = new java.util.HashMap<>();
        for (Map<String, String> row : employees.rows()) {
            declared.put(row.get("work_email"), java.time.ZoneId.of(row.get("time_zone")));
            idOf.put(row.get("work_email"), row.get("employee_id"));
        }
        Map<String, java.util.Set<Integer>> operatorOffsets = new TreeMap<>();
        int genuine = 0;
        int abroad = 0;
        int buildHost = 0;
        for (JsonNode push : records(out.resolve("github"), r -> r.has("pusher"))) {
            String persona = personaOfLogin.get(push.path("pusher").path("name").asText());
            for (JsonNode c : push.path("commits")) {
                java.time.OffsetDateTime t = java.time.OffsetDateTime.parse(c.path("timestamp").asText());
                // the worker's own account, or none: a farm's machine set up for another hire, by a personal email;
                // or a teammate's, on the team's build host and its UTC clock
                if (c.path("author").has("username") && !c.path("author").path("username").asText()
                        .equals(push.path("pusher").path("name").asText())) {
                    assertThat(onBuildHost).as(c.toString()).contains(idOf.get(push.path("pusher").path("email")
                            .asText()), idOf.get(c.path("author").path("email").asText()));
                    assertThat(t.getOffset()).isEqualTo(java.time.ZoneOffset.UTC);
                    buildHost++;
                    continue;
                } else if (!c.path("author").has("username")) {
                    assertThat(persona).isIn("synthetic_shared", "fast_exfiltrator", "fired_extortionist",
                            "stolen_identity_farm");
                    assertThat(c.path("author").path("email").asText()).doesNotEndWith("@northwindlabs.com");
                }
                assertThat(t.toInstant().getEpochSecond()).isLessThanOrEqualTo(push.path("repository").path("pushed_at").asLong());
                if (persona == null || persona.equals("ipkvm_facilitator")) {
                    // the company laptop's clock: the declared zone, or a trip's on automatic time
                    String email = c.path("author").path("email").asText();
                    java.time.ZoneOffset home = declared.get(email).getRules().getOffset(t.toInstant());
                    if (!t.getOffset().equals(home)) {
                        assertThat(travellers).as(c.toString()).contains(idOf.get(email));
                        abroad++;
                    }
                    genuine++;
                } else {
                    operatorOffsets.computeIfAbsent(persona, k -> new java.util.TreeSet<>())
                            .add(t.getOffset().getTotalSeconds() / 3600);
                }
            }
        }
        assertThat(genuine).isGreaterThan(abroad);
        assertThat(buildHost).as("a team's build host writes some of its pushes").isPositive();
        assertThat(abroad).as("travellers commit on the trip's clock").isPositive();
        assertThat(operatorOffsets).isNotEmpty().allSatisfy((persona, hours) -> assertThat(hours).as(persona)
                .isSubsetOf(8, 9));
    }

    @Test
    void truthSteps_agreeWithTheRecords() throws Exception {
        CsvFile employees = CsvFile.read(out.resolve("hr/employees.csv"));
        CsvFile applicants = CsvFile.read(out.resolve("applicants/applicants.csv"));
        CsvFile shipments = CsvFile.read(out.resolve("assets/shipments.csv"));
        int checked = 0;
        for (JsonNode w : truth.path("fraudulent_workers")) {
            String id = w.path("employee_id").asText();
            JsonNode ids = w.path("identifiers");
            for (JsonNode s : w.path("steps")) {
                Instant t = Instant.parse(s.path("time").asText());
                String step = s.path("step").asText();
                switch (step) {
                    case "applied" -> assertThat(applicants.row("applicant_id", w.path("applicant_id").asText())
                            .get("applied_at")).isEqualTo(t.toString());
                    case "hired" -> assertThat(employees.row("employee_id", id).get("hire_date"))
                            .isEqualTo(t.atOffset(ZoneOffset.UTC).toLocalDate().toString());
                    case "terminated" -> assertThat(employees.row("employee_id", id).get("termination_date"))
                            .isEqualTo(t.atOffset(ZoneOffset.UTC).toLocalDate().toString());
                    case "laptop_shipped" -> assertThat(shipments.row("employee_id", id).get("shipped_at"))
                            .isEqualTo(t.toString());
                    case "first_exfiltration" -> {
                        if (s.path("source").asText().equals("m365")) {
                            // a SharePoint library synced or documents shared out, by the work account
                            String user = ids.path("work_email").asText();
                            List<JsonNode> taken = records(out.resolve("m365"), r -> r.path("UserId").asText()
                                    .equals(user) && r.path("Operation").asText()
                                            .matches("FileSyncDownloadedFull|AddedToSecureLink"));
                            assertThat(taken).isNotEmpty();
                            Instant first = taken.stream().map(r -> Instant.parse(r.path("CreationTime").asText() + "Z"))
                                    .min(Instant::compareTo).orElseThrow();
                            assertThat(first).as(id + " " + step).isEqualTo(t);
                        } else {
                            String login = ids.path("github_login").asText();
                            List<JsonNode> clones = records(out.resolve("github"), r -> r.path("actor").asText()
                                    .equals(login) && r.path("action").asText()
                                            .matches("git\\.clone|repo\\.download_zip"));
                            assertThat(clones).isNotEmpty();
                            long first = clones.stream().mapToLong(r -> r.path("@timestamp").asLong()).min()
                                    .orElseThrow();
                            assertThat(first).as(id + " " + step).isEqualTo(t.toEpochMilli());
                        }
                    }
                    case "first_remote_control" -> {
                        String host = ids.path("hostname").asText();
                        String detail = s.path("detail").asText();
                        if (detail.startsWith("RdpCoreTS 104 ")) {
                            String bias = detail.substring(detail.lastIndexOf("UTC") + 3).replace("+", "");
                            List<JsonNode> rdp = records(out.resolve("windows"), r -> r.at("/Event/System/Computer")
                                    .asText().startsWith(host + ".") && r.at("/Event/System/EventID").asInt() == 104);
                            assertThat(rdp).as(id + " " + step).isNotEmpty().allSatisfy(r -> assertThat(
                                    r.at("/Event/EventData/TimezoneBiasHour").asText()).isEqualTo(bias));
                            assertThat(rdp.stream().map(r -> Instant.parse(
                                    r.at("/Event/System/TimeCreated/#attributes/SystemTime").asText()))
                                    .min(Instant::compareTo).orElseThrow()).isEqualTo(t);
                        } else if (detail.startsWith("WmiMonitorID display ")) {
                            List<JsonNode> kvm = records(out.resolve("wmi"), r -> r.path("hostname").asText()
                                    .equals(host) && decode(r.path("UserFriendlyName")).equals("PiKVM"));
                            assertThat(kvm).as(id + " " + step).isNotEmpty().allSatisfy(r -> assertThat(
                                    decode(r.path("ManufacturerName"))).isEqualTo("LNX"));
                            assertThat(kvm.stream().map(r -> Instant.parse(r.path("@timestamp").asText()))
                                    .min(Instant::compareTo).orElseThrow()).isEqualTo(t);
                        } else if (s.path("source").asText().equals("windows")) {
                            List<JsonNode> starts = records(out.resolve("windows"), r -> r.at("/Event/System/Computer")
                                    .asText().startsWith(host) && r.at("/Event/System/EventID").asInt() == 1
                                    && s.path("detail").asText().equals("process " + r.at("/Event/EventData/Image").asText()));
                            assertThat(starts).as(id + " " + step).isNotEmpty();
                            Instant first = starts.stream().map(r -> Instant.parse(
                                    r.at("/Event/System/TimeCreated/#attributes/SystemTime").asText()))
                                    .min(Instant::compareTo).orElseThrow();
                            assertThat(first).isEqualTo(t);
                        } else {
                            boolean process = detail.startsWith("process ");
                            String needle = process ? detail.substring("process ".length()) : "\"model_id\":\"0104\"";
                            String query = process ? "pack_unravel_processes" : "pack_unravel_usb_devices";
                            List<JsonNode> seen = records(out.resolve("osquery"), r -> r.path("hostIdentifier")
                                    .asText().startsWith(host) && r.path("name").asText().equals(query)
                                    && r.toString().contains(needle));
                            assertThat(seen).as(id + " " + step).isNotEmpty();
                            long first = seen.stream().mapToLong(r -> r.path("unixTime").asLong()).min().orElseThrow();
                            assertThat(first).isEqualTo(t.getEpochSecond());
                        }
                    }
                    case "extortion_email" -> {
                        String detail = s.path("detail").asText();
                        String messageId = detail.substring(detail.indexOf('<') + 1, detail.indexOf('>'));
                        List<Path> mails;
                        try (Stream<Path> files = Files.walk(out.resolve("email"))) {
                            mails = files.filter(f -> f.toString().endsWith(".eml")).filter(f -> {
                                try {
                                    return Files.readString(f, StandardCharsets.UTF_8).contains(messageId);
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            }).toList();
                        }
                        assertThat(mails).as(id + " " + step).hasSize(1);
                        String eml = Files.readString(mails.get(0), StandardCharsets.ISO_8859_1);
                        // The sender's client address is the VPN exit the worker signed in from.
                        String okta = ids.path("okta_user_id").asText();
                        List<JsonNode> signIns = records(out.resolve("okta"), r -> r.at("/actor/id").asText().equals(okta));
                        assertThat(signIns).extracting(r -> r.at("/client/ipAddress").asText())
                                .anyMatch(ip -> eml.contains("from [" + ip + "]"));
                        String date = eml.lines().filter(l -> l.startsWith("Date: ")).findFirst().orElseThrow();
                        assertThat(Instant.from(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                                .parse(date.substring(6).strip()))).isEqualTo(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                    }
                    default -> throw new AssertionError("unexpected step " + step);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void everyJsonLogFile_holdsOneObjectPerLine() throws Exception {
        long lines = 0;
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().matches(
                    ".*/(okta|entra|windows|osquery|github|zeek|wmi)/.*")).toList()) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.isEmpty()) {
                            continue;
                        }
                        assertThat(JSON.readTree(line).isObject()).as(f + ": " + line).isTrue();
                        lines++;
                    }
                }
            }
        }
        JsonNode manifest = JSON.readTree(out.resolve("simulation.json").toFile());
        long declared = 0;
        for (String source : List.of("okta", "entra", "windows", "osquery", "github", "zeek", "wmi")) {
            assertThat(manifest.at("/records_by_source/" + source).asLong()).as(source).isPositive();
        }
        var it = manifest.path("files").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().matches("(okta|entra|windows|osquery|github|zeek|wmi)/.*")) {
                declared += e.getValue().asLong();
            }
        }
        assertThat(lines).isEqualTo(declared);
    }

    @Test
    void eventsStayInsideTheSimulatedDays() throws Exception {
        long from = START.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1000;
        long until = START.plusDays(24).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1000;
        List<JsonNode> github = records(out.resolve("github"), r -> true);
        List<JsonNode> audit = github.stream().filter(r -> r.has("@timestamp")).toList();
        List<JsonNode> pushes = github.stream().filter(r -> r.has("pusher")).toList();
        assertThat(audit.size() + pushes.size()).isEqualTo(github.size());
        assertThat(audit).isNotEmpty().allSatisfy(r -> assertThat(r.path("@timestamp").asLong())
                .isBetween(from, until - 1));
        assertThat(pushes).isNotEmpty().allSatisfy(r -> assertThat(r.path("repository").path("pushed_at").asLong() * 1000)
                .isBetween(from, until - 1));
        // one push delivery for each push the audit log records
        assertThat(pushes).hasSize((int) audit.stream().filter(r -> r.path("action").asText().equals("git.push")).count());
    }

    /** Meetings are on weekdays, each with more than one person in it, however early an operator's Monday starts. */
    @Test
    void meetingsAreHeldOnWeekdaysWithColleaguesInThem() throws Exception {
        List<JsonNode> joins = records(out.resolve("zoom"), r -> true);
        assertThat(joins).isNotEmpty().allSatisfy(r -> assertThat(java.time.Instant.parse(r.path("join_time").asText())
                .atOffset(ZoneOffset.UTC).getDayOfWeek().getValue()).as(r.path("join_time").asText()).isLessThan(6));
        Map<String, Long> people = joins.stream().collect(java.util.stream.Collectors.groupingBy(
                r -> r.path("meeting_id").asText(), java.util.stream.Collectors.counting()));
        assertThat(people.values().stream().filter(n -> n > 1).count()).as("meetings of several people")
                .isGreaterThan(people.size() * 9L / 10);
    }

    /** WMI's UInt16 character codes (zero-padded) back to text; null stays empty. */
    static String decode(JsonNode codes) {
        StringBuilder b = new StringBuilder();
        for (JsonNode c : codes) {
            if (c.asInt() == 0) {
                break;
            }
            b.append((char) c.asInt());
        }
        return b.toString();
    }

    private static List<JsonNode> records(Path folder, Predicate<JsonNode> keep) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isEmpty()) {
                        JsonNode n = JSON.readTree(line);
                        if (keep.test(n)) {
                            found.add(n);
                        }
                    }
                }
            }
        }
        return found;
    }
}
