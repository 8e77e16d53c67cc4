package dev.unravel.flink;

import dev.unravel.engine.Scan;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.format.records.Mappings;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads each Kafka message as a batch, inside the Kafka source: so that events carry their own
 * time when the source makes its watermarks, one per partition (a backlog is read partition by
 * partition in no set order, and a watermark over all of a reader's partitions would call most of
 * them late). Each message is read as the ingest API reads a batch (format recognised from the
 * content, gzip undone, bad records quarantined and named {@code kafka:TOPIC/PARTITION@OFFSET}),
 * its events prepared (Sigma) and sent on as bytes, then its summary, named by the topic, which the
 * detection task adds up with the topic's others.
 */
final class ReadMessages implements KafkaRecordDeserializationSchema<byte[]> {

    private static final long serialVersionUID = 1L;
    /** Errors kept per message summary; the detection task keeps the first of them per topic. */
    private static final int ERRORS_KEPT = 3;

    private final JobSettings settings;
    private transient Scan scan;
    private transient EventCodec codec;
    private transient Quarantine quarantine;
    private transient List<Reader> mappings;

    ReadMessages(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        scan = Scan.open(settings.scanOptions());
        codec = new EventCodec(scan.runner());
        Path file = null;
        if (settings.quarantine() != null) {
            // the schema is told no subtask number: a name of its own per reader
            file = Files.createDirectories(Path.of(settings.quarantine()))
                    .resolve("quarantine-kafka-" + UUID.randomUUID() + ".ndjson");
        }
        quarantine = new Quarantine(file);
        mappings = Mappings.load(JobSettings.paths(settings.mappings())).readers();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<byte[]> out) throws IOException {
        String name = topicName(message.topic()) + "/" + message.partition() + "@" + message.offset();
        byte[] value = message.value() == null ? new byte[0] : message.value();
        long rejectedBefore = quarantine.count();
        // A log event stamped far ahead would take its partition's watermark with it: the partition
        // would wait for the others to catch up (alignment), and once they idled every later event
        // would be late and no day would end (Scan.notAhead quarantines it).
        List<FileSummary> summaries = Scan.notAhead(new Ingest(null, Limits.DEFAULT, quarantine,
                e -> out.collect(codec.encode(e, scan.prepare(e))), ERRORS_KEPT), java.time.Instant.now(),
                "the clock of the task that read it").extraReaders(mappings)
                .read(name, new ByteArrayInputStream(value));
        String topic = topicName(message.topic());
        for (FileSummary s : summaries) {
            // named by its topic, so that the detection task adds a topic's messages up; each error
            // still names its message
            out.collect(codec.encode(new FileSummary(topic, s.format(), s.confidence(), s.encoding(), s.records(),
                    s.accepted(), s.quarantined(), s.events(), s.errors(), s.failure())));
        }
        if (quarantine.count() != rejectedBefore) {
            quarantine.flush(); // nothing tells a deserialiser that the input has ended
            out.collect(EventCodec.quarantined(quarantine.count() - rejectedBefore));
        }
    }

    /** How a topic is named in the report: {@code kafka:okta} (its messages {@code kafka:okta/3@1204}). */
    static String topicName(String topic) {
        return "kafka:" + topic;
    }

    @Override
    public TypeInformation<byte[]> getProducedType() {
        return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    }
}
