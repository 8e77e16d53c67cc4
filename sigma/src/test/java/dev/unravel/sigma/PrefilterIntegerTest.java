package dev.unravel.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.sigma.match.EventContext;
import dev.unravel.sigma.match.FieldPath;
import dev.unravel.sigma.match.Prefilter;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Integer values are skipped by the prefilter scan only when no literal could occur in their
 * text: a literal of digits and '-' still activates its rule on an integer value, as a field
 * literal and as a keyword literal, at the top level and inside lists and nested maps.
 */
class PrefilterIntegerTest {

    @Test
    void integerLiterals_stillFoundInIntegerValues() {
        FieldPath[] paths = {new FieldPath("EventID", List.of("EventID")), new FieldPath("Pids", List.of("Pids"))};
        Prefilter byField = new Prefilter.Builder().add(0, "4688", 0).add(1, "-9000", 1).add(0, "cmd.exe", 2)
                .build(paths);
        Prefilter byKeyword = new Prefilter.Builder().add(Prefilter.ANY_FIELD, "12345", 0)
                .add(0, "powershell", 1).build(paths);
        Prefilter noIntegerLiteral = new Prefilter.Builder().add(0, "46x8", 0).build(paths);
        // Integer literals of one slot only: integers of the other slots are not scanned for it.
        Prefilter otherSlot = new Prefilter.Builder().add(1, "-9000", 0).add(0, "46x8", 1)
                .add(Prefilter.ANY_FIELD, "powershell", 2).build(paths);
        for (Object id : List.of(4688, 4688L, (short) 4688, new BigInteger("4688"))) {
            Map<String, Object> doc = new HashMap<>();
            doc.put("EventID", id);
            doc.put("Pids", List.of(1, -90001L));
            doc.put("Nested", Map.of("n", List.of(Map.of("deep", 912345L))));
            Event e = Rules.event(Rules.PROC, doc);
            EventContext ctx = new EventContext(paths);
            ctx.reset(e);
            long[] active = new long[1];
            byField.scan(ctx, active);
            assertThat(active[0]).as("%s", id).isEqualTo(0b011L);
            active[0] = 0;
            ctx.reset(e); // the context remembers the literals found: one scan per event
            byKeyword.scan(ctx, active);
            assertThat(active[0]).as("%s", id).isEqualTo(0b001L);
            active[0] = 0;
            ctx.reset(e);
            noIntegerLiteral.scan(ctx, active);
            assertThat(active[0]).as("%s", id).isZero();
            active[0] = 0;
            ctx.reset(e);
            otherSlot.scan(ctx, active);
            assertThat(active[0]).as("%s", id).isEqualTo(0b001L);
        }
    }
}
