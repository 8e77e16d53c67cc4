package dev.unravel.flink;

import java.io.Serializable;
import java.util.Map;

/**
 * Where the job sends each scored person ({@link Assessments}).
 *
 * @param bootstrap  the brokers
 * @param topic      the topic
 * @param properties further producer properties (security settings, as for reading)
 */
public record KafkaOutput(String bootstrap, String topic, Map<String, String> properties) implements Serializable {

    private static final long serialVersionUID = 1L;

    public KafkaOutput {
        properties = Map.copyOf(properties);
    }
}
