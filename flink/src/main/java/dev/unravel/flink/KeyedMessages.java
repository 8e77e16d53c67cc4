package dev.unravel.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes each (key, JSON) pair as a Kafka message with that key, so that one person's messages share a partition. */
final class KeyedMessages implements KafkaRecordSerializationSchema<Tuple2<String, String>> {

    private static final long serialVersionUID = 1L;
    private final String topic;

    KeyedMessages(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Tuple2<String, String> message, KafkaSinkContext context,
            Long timestamp) {
        return new ProducerRecord<>(topic, message.f0 == null ? null : message.f0.getBytes(StandardCharsets.UTF_8),
                message.f1.getBytes(StandardCharsets.UTF_8));
    }
}
