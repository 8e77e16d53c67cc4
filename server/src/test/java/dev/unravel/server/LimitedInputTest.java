package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitedInputTest {

    /** A sender that trickles its body: one byte a read, {@code pauseMs} apart. */
    static InputStream trickle(int bytes, long pauseMs) {
        return new InputStream() {
            int left = bytes;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                left--;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
    }

    @Test
    void aBodyPastTheLimitStops_andOneSentTooSlowlyIsCutOffAtItsNextByteAfterTheDeadline() throws Exception {
        assertThat(new LimitedInput(new ByteArrayInputStream(new byte[10]), 10).readAllBytes()).hasSize(10);
        assertThatThrownBy(() -> new LimitedInput(new ByteArrayInputStream(new byte[11]), 10).readAllBytes())
                .isInstanceOf(LimitedInput.TooLarge.class).hasMessage("larger than 10 bytes");

        assertThatThrownBy(() -> new LimitedInput(trickle(1_000, 50), 1 << 20, Duration.ofMillis(300)).readAllBytes())
                .isInstanceOf(LimitedInput.TooSlow.class).hasMessage("not sent within 300 ms");
        assertThat(new LimitedInput(trickle(5, 1), 1 << 20, Duration.ofSeconds(10)).readAllBytes())
                .as("a body sent in time is read whole").hasSize(5);
        assertThat(GithubHookApi.READ_WITHIN).as("GitHub waits 10 s for an answer").isEqualTo(Duration.ofSeconds(10));
    }
}
