package dev.unravel.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MergedFilesTest {

    /**
     * File "g-i" of group g yields events at times g*100_000 + k*(i+1) for k in 0..n: within a group
     * the files interleave; "1-2" fails midway.
     */
    static List<String> read(Path file, Consumer<Event> sink) {
        String[] gi = file.toString().split("-");
        int g = Integer.parseInt(gi[0]);
        int i = Integer.parseInt(gi[1]);
        for (int k = 0; k < 3000; k++) {
            if (g == 1 && i == 2 && k == 1500) {
                throw new IllegalStateException("disk gone");
            }
            sink.accept(EventOrderTest.at(g * 100_000L + (long) k * (i + 1), k + 1));
        }
        return List.of("file " + file);
    }

    @Test
    void eachGroupComesOutInTimeOrderAndGroupsInTheirOrder() throws InterruptedException {
        mergesThreeGroupsOfFiveInOrder(new MergedFiles<>());
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a turn never given back would hang the merge, not fail it
    void oneParsingReaderAtATimeStillMergesEveryFile_andAFailedReaderGivesItsTurnBack() throws InterruptedException {
        // readers wait for their turn to parse; none may hold it while waiting to hand a batch over
        mergesThreeGroupsOfFiveInOrder(new MergedFiles<>(null, 1));
    }

    /** Three groups of five files ("1-2" failing midway): every event in order, every file done in order. */
    private static void mergesThreeGroupsOfFiveInOrder(MergedFiles<String> merger) throws InterruptedException {
        List<List<Path>> groups = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            List<Path> group = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                group.add(Path.of(g + "-" + i));
            }
            groups.add(group);
        }
        List<Long> times = new ArrayList<>();
        List<String> done = new ArrayList<>();
        merger.run(groups, MergedFilesTest::read, new MergedFiles.Sink<>() {
            @Override
            public void event(Event e) {
                times.add(e.time().getEpochSecond());
            }

            @Override
            public void fileDone(int index, Path file, List<String> summaries, Throwable failure) {
                done.add(index + ":" + file + ":" + (failure == null ? summaries.get(0) : failure.getMessage()));
            }
        });
        assertThat(times).hasSize(15 * 3000 - 1500).isSorted();
        assertThat(done).hasSize(15);
        assertThat(done.get(0)).isEqualTo("0:0-0:file 0-0");
        assertThat(done.get(7)).isEqualTo("7:1-2:disk gone");
        assertThat(done.get(14)).isEqualTo("14:2-4:file 2-4");
    }

    @Test
    void whatIsPreparedOnTheReaderThreadsComesOutWithItsEvent() throws InterruptedException {
        List<List<Path>> groups = List.of(List.of(Path.of("0-0"), Path.of("0-1"), Path.of("0-2")));
        java.util.Set<String> preparingThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String> seen = new ArrayList<>();
        String merging = Thread.currentThread().getName();
        // every seventh event gets a note naming its own time and record; the others nothing
        new MergedFiles<String>(e -> {
            preparingThreads.add(Thread.currentThread().getName());
            return e.origin().record() % 7 == 0 ? e.time().getEpochSecond() + "/" + e.origin().record() : null;
        }).run(groups, MergedFilesTest::read, new MergedFiles.Sink<>() {
            @Override
            public void event(Event e) {
                seen.add(e.origin().record() % 7 == 0 ? "missing" : "bare");
            }

            @Override
            public void event(Event e, Object prepared) {
                seen.add(prepared.equals(e.time().getEpochSecond() + "/" + e.origin().record()) ? "noted" : "wrong");
            }

            @Override
            public void fileDone(int index, Path file, List<String> summaries, Throwable failure) {
            }
        });
        assertThat(seen).hasSize(3 * 3000).doesNotContain("missing", "wrong");
        assertThat(seen.stream().filter("noted"::equals).count()).isEqualTo(3 * (3000 / 7));
        assertThat(preparingThreads).isNotEmpty().doesNotContain(merging);
    }

    @Test
    void recordsFirstThenOneGroupPerDay() {
        List<List<Path>> groups = FileOrder.groups(List.of(Path.of("okta/system-log-2026-03-03.ndjson"),
                Path.of("entra/y=2026/m=03/d=02/h=05/m=00/PT1H.json"), Path.of("hr/employees.csv"),
                Path.of("okta/system-log-2026-03-02.ndjson"), Path.of("applicants/resumes/A1.txt"),
                Path.of("email/x.eml"), Path.of("entra/y=2026/m=03/d=02/h=06/m=00/PT1H.json"),
                Path.of("zeek/2026-03-03/conn.log")));
        assertThat(groups).extracting(g -> g.stream().map(Path::toString).toList()).containsExactly(
                List.of("applicants/resumes/A1.txt", "hr/employees.csv"),
                List.of("email/x.eml"),
                List.of("okta/system-log-2026-03-02.ndjson", "entra/y=2026/m=03/d=02/h=05/m=00/PT1H.json",
                        "entra/y=2026/m=03/d=02/h=06/m=00/PT1H.json"),
                List.of("okta/system-log-2026-03-03.ndjson", "zeek/2026-03-03/conn.log"));
    }

    /**
     * A day bigger than one merge: a daily file over the whole day, 24 hourly blobs and 80 messages
     * named by their time, 105 files. The hourly blobs are one lane and the messages another, so the
     * day is three lanes and comes out in time order; in slices of 64 files the afternoon's blobs and
     * messages came out after the daily file's evening.
     */
    @Test
    void anHourlySeriesIsOneLane_soADayOfMoreFilesThanOneMergeStillComesOutInTimeOrder()
            throws InterruptedException {
        long day = java.time.Instant.parse("2026-03-02T00:00:00Z").getEpochSecond();
        List<Path> group = new ArrayList<>();
        group.add(Path.of("okta/system-log-2026-03-02.ndjson"));
        for (int h = 0; h < 24; h++) {
            group.add(Path.of(String.format("entra/y=2026/m=03/d=02/h=%02d/m=00/PT1H.json", h)));
        }
        for (int k = 0; k < 80; k++) {
            int second = k * 1080;
            group.add(Path.of(String.format("email/ceo/20260302T%02d%02d%02dZ-%03d.eml", second / 3600,
                    second / 60 % 60, second % 60, k)));
        }
        assertThat(group.size()).isGreaterThan(MergedFiles.MAX_GROUP);
        group = FileOrder.sort(group);
        assertThat(MergedFiles.lanes(group)).hasSize(3);
        List<Long> times = new ArrayList<>();
        List<Integer> done = new ArrayList<>();
        new MergedFiles<String>().run(List.of(group), (file, sink) -> {
            String name = file.toString();
            java.util.regex.Matcher hour = java.util.regex.Pattern.compile("h=(\\d{2})").matcher(name);
            java.util.regex.Matcher sent = java.util.regex.Pattern.compile("T(\\d{2})(\\d{2})(\\d{2})Z").matcher(name);
            if (hour.find()) { // a sign-in every 10 s of its hour
                long from = day + Integer.parseInt(hour.group(1)) * 3600L;
                for (int s = 0; s < 3600; s += 10) {
                    sink.accept(EventOrderTest.at(from + s, s / 10 + 1));
                }
            } else if (sent.find()) { // one message
                sink.accept(EventOrderTest.at(day + Integer.parseInt(sent.group(1)) * 3600L
                        + Integer.parseInt(sent.group(2)) * 60L + Integer.parseInt(sent.group(3)), 1));
            } else { // the daily log: an event every 7 s all day
                for (int s = 0; s < 86_400; s += 7) {
                    sink.accept(EventOrderTest.at(day + s, s / 7 + 1));
                }
            }
            return List.of(name);
        }, timesInto(times, done));
        assertThat(times).hasSize(24 * 360 + 80 + (86_400 + 6) / 7).isSorted();
        assertThat(done).hasSize(105).isSorted();
    }

    /** A sink keeping the events' times and the positions of the files done, each file's summaries its own. */
    private static MergedFiles.Sink<String> timesInto(List<Long> times, List<Integer> done) {
        return new MergedFiles.Sink<>() {
            @Override
            public void event(Event e) {
                times.add(e.time().getEpochSecond());
            }

            @Override
            public void fileDone(int index, Path file, List<String> summaries, Throwable failure) {
                assertThat(summaries).isIn(List.of(), List.of(file.toString()));
                done.add(index);
            }
        };
    }

    @Test
    void theSeriesAFileBelongsTo() {
        assertThat(FileOrder.series(Path.of("entra/y=2026/m=03/d=02/h=05/m=00/PT1H.json")))
                .isEqualTo(FileOrder.series(Path.of("entra/y=2026/m=03/d=02/h=17/m=00/PT1H.json")))
                .isEqualTo("entra/*/m=00/PT1H.json");
        assertThat(FileOrder.series(Path.of("defender/insights-logs-advancedhunting-devicenetworkevents/"
                + "y=2026/m=03/d=02/h=05/m=00/PT1H.json"))).isNotEqualTo(FileOrder.series(Path.of(
                "defender/insights-logs-advancedhunting-deviceprocessevents/y=2026/m=03/d=02/h=05/m=00/PT1H.json")));
        assertThat(FileOrder.series(Path.of("email/ceo/20260302T051232Z-03dc3bd2.eml")))
                .isEqualTo(FileOrder.series(Path.of("email/ceo/20260302T181005Z-9a0b1c2d.eml")))
                .isEqualTo("email/ceo/*.eml")
                .isNotEqualTo(FileOrder.series(Path.of("email/hr/20260302T051232Z-03dc3bd2.eml")));
        assertThat(FileOrder.series(Path.of("okta/system-log-2026-03-02T05.ndjson")))
                .isEqualTo("okta/system-log-*.ndjson")
                .isNotEqualTo(FileOrder.series(Path.of("okta/audit-2026-03-02T05.ndjson")));
        // a day's file, a daily blob, and a file naming no date are each their own lane
        assertThat(FileOrder.series(Path.of("okta/system-log-2026-03-02.ndjson"))).isNull();
        assertThat(FileOrder.series(Path.of("zeek/2026-03-02/conn.log"))).isNull();
        assertThat(FileOrder.series(Path.of("x/y=2026/m=03/d=02/PT24H.json"))).isNull();
        assertThat(FileOrder.series(Path.of("crowdstrike/data/0a1b2c3d-1111-2222-3333-444455556666/part-00000.gz")))
                .isNull();
    }

    /**
     * A day of 30 logs beside 100 mail messages, each in its own mailbox's folder: 130 lanes, but
     * the messages' lanes are small, so they are merged beside the logs in one slice, in time order.
     */
    @Test
    void smallLanesDoNotCountTowardAMergesSize(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        long day = java.time.Instant.parse("2026-03-02T00:00:00Z").getEpochSecond();
        List<Path> group = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            group.add(Path.of("log" + k + "/2026-03-02.json")); // not on disk: counted as large
        }
        for (int k = 0; k < 100; k++) {
            int second = k * 860;
            Path message = dir.resolve(String.format("mailbox%03d/20260302T%02d%02d%02dZ-x.eml", k, second / 3600,
                    second / 60 % 60, second % 60));
            java.nio.file.Files.createDirectories(message.getParent());
            java.nio.file.Files.writeString(message, "From: a@example.com\r\n\r\nhello\r\n");
            group.add(message);
        }
        group = FileOrder.sort(group);
        List<int[]> lanes = MergedFiles.lanes(group);
        assertThat(lanes).hasSize(130);
        assertThat(MergedFiles.slices(group, lanes)).hasSize(1);
        List<Long> times = new ArrayList<>();
        new MergedFiles<String>().run(List.of(group), (file, sink) -> {
            java.util.regex.Matcher sent = java.util.regex.Pattern.compile("T(\\d{2})(\\d{2})(\\d{2})Z")
                    .matcher(file.toString());
            if (sent.find()) {
                sink.accept(EventOrderTest.at(day + Integer.parseInt(sent.group(1)) * 3600L
                        + Integer.parseInt(sent.group(2)) * 60L + Integer.parseInt(sent.group(3)), 1));
            } else {
                for (int s = 0; s < 86_400; s += 60) {
                    sink.accept(EventOrderTest.at(day + s, s / 60 + 1));
                }
            }
            return List.of();
        }, timesInto(times, new ArrayList<>()));
        assertThat(times).hasSize(30 * 1440 + 100).isSorted();
        // 70 large lanes are two slices: the 65th starts the second
        List<Path> many = new ArrayList<>();
        for (int k = 0; k < 70; k++) {
            many.add(Path.of("log" + k + "/2026-03-02.json"));
        }
        assertThat(MergedFiles.slices(many, MergedFiles.lanes(many))).extracting(List::size).containsExactly(64, 6);
    }
}
