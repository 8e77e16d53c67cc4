package dev.unravel.sigma.compile;

import dev.unravel.sigma.parse.Condition;
import dev.unravel.sigma.parse.Detection;
import dev.unravel.sigma.parse.Search;
import dev.unravel.sigma.parse.SigmaFilter;
import dev.unravel.sigma.parse.SigmaRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies global filters (filters specification) to rules, as pySigma does: a filter applies to a
 * rule it names (by id or name; every rule when it names none, i.e. {@code any}) if the filter's
 * logsource covers the rule's; each of the rule's conditions becomes
 * {@code (condition) and (filter condition)}, with the filter's search identifiers renamed
 * {@code __filter<n>_<name>} so they cannot collide with the rule's.
 */
public final class FilterApplier {
    private FilterApplier() {
    }

    public static SigmaRule apply(SigmaRule rule, List<SigmaFilter> filters) {
        SigmaRule out = rule;
        for (int n = 0; n < filters.size(); n++) {
            SigmaFilter f = filters.get(n);
            if (!f.logSource().covers(rule.logSource())) {
                continue;
            }
            if (!f.appliesToAll() && !f.rules().contains(rule.id()) && (rule.name() == null
                    || !f.rules().contains(rule.name()))) {
                continue;
            }
            String prefix = "__filter" + n + "_";
            Map<String, Search> searches = new LinkedHashMap<>(out.detection().searches());
            for (Map.Entry<String, Search> e : f.detection().searches().entrySet()) {
                searches.put(prefix + e.getKey(), e.getValue());
            }
            Condition filterCond = rename(f.detection().conditions().get(0), prefix);
            List<Condition> conds = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < out.detection().conditions().size(); i++) {
                conds.add(new Condition.And(List.of(out.detection().conditions().get(i), filterCond)));
                texts.add("(" + out.detection().conditionTexts().get(i) + ") and ("
                        + f.detection().conditionTexts().get(0) + ")");
            }
            out = out.withDetection(new Detection(searches, conds, texts));
        }
        return out;
    }

    private static Condition rename(Condition c, String prefix) {
        if (c instanceof Condition.Ref r) {
            return new Condition.Ref(prefix + r.name());
        }
        if (c instanceof Condition.Not n) {
            return new Condition.Not(rename(n.inner(), prefix));
        }
        if (c instanceof Condition.And a) {
            return new Condition.And(a.parts().stream().map(p -> rename(p, prefix)).toList());
        }
        if (c instanceof Condition.Or o) {
            return new Condition.Or(o.parts().stream().map(p -> rename(p, prefix)).toList());
        }
        Condition.Of of = (Condition.Of) c;
        return new Condition.Of(of.all(), of.pattern() == null ? null : prefix + of.pattern(),
                of.names().stream().map(x -> prefix + x).toList());
    }
}
