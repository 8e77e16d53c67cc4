package dev.unravel.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

/** The days of log files as the job's coordinator hands them out, and as checkpoints keep them. */
class DaysSourceTest {

    static final List<DaysSource.Day> DAYS = List.of(new DaysSource.Day(0, List.of("/logs/okta/2026-03-02.json")),
            new DaysSource.Day(1, List.of("/logs/okta/2026-03-03.json", "/logs/sysmon/Zoë-2026-03-03.evtx")),
            new DaysSource.Day(2, List.of("/logs/okta/2026-03-04.json")));

    @Test
    void eachReaderThatAsksGetsTheEarliestDayLeft_daysAFailedReaderHeldComeBackInOrder_andThenNoMore()
            throws Exception {
        try (MockSplitEnumeratorContext<DaysSource.Day> context = new MockSplitEnumeratorContext<>(2)) {
            DaysSource.Days days = new DaysSource.Days(context, DAYS);
            days.handleSplitRequest(1, "host-b");
            days.handleSplitRequest(0, "host-a");
            assertThat(context.getSplitsAssignmentSequence()).extracting(SplitsAssignment::assignment)
                    .containsExactly(java.util.Map.of(1, List.of(DAYS.get(0))), java.util.Map.of(0, List.of(DAYS.get(1))));
            assertThat(days.snapshotState(1)).containsExactly(DAYS.get(2));

            days.addSplitsBack(List.of(DAYS.get(0)), 1); // reader 1 failed before a checkpoint
            days.handleSplitRequest(0, "host-a");
            days.handleSplitRequest(0, "host-a");
            assertThat(context.getSplitsAssignmentSequence().subList(2, 4)).extracting(SplitsAssignment::assignment)
                    .containsExactly(java.util.Map.of(0, List.of(DAYS.get(0))), java.util.Map.of(0, List.of(DAYS.get(2))));
            assertThat(context.hasNoMoreSplits(0)).isFalse();
            days.handleSplitRequest(0, "host-a");
            assertThat(context.hasNoMoreSplits(0)).as("told when every day is out").isTrue();
        }
    }

    @Test
    void daysAndTheDaysLeft_readBackAsWritten_andALaterVersionIsRefused() throws Exception {
        DaysSource.DaySerializer day = new DaysSource.DaySerializer();
        assertThat(day.deserialize(day.getVersion(), day.serialize(DAYS.get(1)))).isEqualTo(DAYS.get(1));
        assertThat(DAYS.get(1).splitId()).isEqualTo("1");
        DaysSource.DaysSerializer left = new DaysSource.DaysSerializer();
        assertThat(left.deserialize(left.getVersion(), left.serialize(DAYS))).isEqualTo(DAYS);
        assertThat(left.deserialize(left.getVersion(), left.serialize(List.of()))).isEmpty();
        assertThatThrownBy(() -> day.deserialize(2, day.serialize(DAYS.get(0))))
                .hasMessageContaining("version 2 of this job");
    }
}
