package dev.unravel.core;

import java.util.Objects;

/**
 * The Sigma logsource of an event: product, category and service, any of which may be absent.
 * Rules are dispatched on it, so readers set it from what the record is, not from where it came.
 */
public record LogSource(String product, String category, String service) {

    public static final LogSource NONE = new LogSource(null, null, null);

    public static LogSource of(String product, String category, String service) {
        return new LogSource(product, category, service);
    }

    /** True when every part this logsource sets is equal in {@code other}: how a rule's logsource selects events. */
    public boolean covers(LogSource other) {
        return (product == null || Objects.equals(product, other.product))
                && (category == null || Objects.equals(category, other.category))
                && (service == null || Objects.equals(service, other.service));
    }

    @Override
    public String toString() {
        return (product == null ? "*" : product) + "/" + (category == null ? "*" : category) + "/"
                + (service == null ? "*" : service);
    }
}
