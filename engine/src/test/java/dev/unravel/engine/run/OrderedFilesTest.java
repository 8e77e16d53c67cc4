package dev.unravel.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedFilesTest {

    /** File i yields i * 700 events numbered in order; file 3 fails midway. */
    static List<String> read(Path file, java.util.function.Consumer<Event> sink) {
        int i = Integer.parseInt(file.toString());
        for (int n = 1; n <= i * 700; n++) {
            if (i == 3 && n == 1000) {
                throw new IllegalStateException("disk gone");
            }
            sink.accept(EventOrderTest.at(n, n));
        }
        return List.of("file " + i);
    }

    static List<String> run(int threads) throws InterruptedException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            files.add(Path.of(Integer.toString(i)));
        }
        List<String> seen = new ArrayList<>();
        int[] current = {0};
        new OrderedFiles<String>(threads).run(files, OrderedFilesTest::read, new OrderedFiles.Sink<>() {
            long count;

            @Override
            public void event(Event e) {
                count++;
            }

            @Override
            public void fileDone(int index, Path file, List<String> summaries, Throwable failure) {
                assertThat(index).isEqualTo(current[0]++);
                seen.add(file + ":" + count + ":" + (failure == null ? summaries : failure.getMessage()));
                count = 0;
            }
        });
        return seen;
    }

    @Test
    void manyThreadsGiveExactlyWhatOneThreadGives() throws InterruptedException {
        List<String> one = run(1);
        assertThat(one).hasSize(12);
        assertThat(one.get(3)).isEqualTo("3:999:disk gone");
        assertThat(one.get(11)).isEqualTo("11:7700:[file 11]");
        assertThat(run(2)).isEqualTo(one);
        assertThat(run(4)).isEqualTo(one);
    }
}
