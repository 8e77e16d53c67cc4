package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HecAcksTest {

    static final String CHANNEL = "0aa1a6e8-5c4c-4b7e-9f3e-2d1f6a0b9c11";

    @Test
    void idsCountPerSenderAndChannel_andTheOldestPastTheBoundAreAnsweredFalse() {
        HecAcks acks = new HecAcks();
        assertThat(acks.kept(1, CHANNEL)).isZero();
        assertThat(acks.kept(2, CHANNEL)).as("another token's channel of the same name").isZero();
        assertThat(acks.acknowledge(2, CHANNEL, 0)).isTrue();
        assertThat(acks.acknowledge(1, CHANNEL.toUpperCase(), 0)).isTrue();
        for (int i = 0; i < HecAcks.PENDING + 1; i++) {
            acks.kept(1, CHANNEL);
        }
        assertThat(acks.acknowledge(1, CHANNEL, 1)).as("the oldest waiting, forgotten: sent again, kept once")
                .isFalse();
        assertThat(acks.acknowledge(1, CHANNEL, 2)).isTrue();
        assertThat(acks.acknowledge(1, CHANNEL, HecAcks.PENDING + 1)).isTrue();
        assertThat(acks.acknowledge(1, CHANNEL, HecAcks.PENDING + 2)).as("never given out").isFalse();
        assertThat(HecAcks.valid("0AA1A6E8-5C4C-4B7E-9F3E-2D1F6A0B9C11")).isTrue();
        assertThat(HecAcks.valid("c1")).isFalse();
        assertThat(HecAcks.valid(null)).isFalse();
    }
}
