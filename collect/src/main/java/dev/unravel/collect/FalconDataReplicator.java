package dev.unravel.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * CrowdStrike's Falcon Data Replicator (FDR): CrowdStrike writes the sensors' events as gzipped
 * JSON lines to an S3 bucket of its own and announces each batch on an SQS queue; the customer
 * gets the queue's address and an AWS key pair for both. A run takes the queue's notices one after
 * another (SQS {@code ReceiveMessage}, AWS's JSON protocol), fetches each file a notice lists (S3
 * {@code GetObject}), checks its size and MD5 against the notice and that it reads to its end, and
 * moves it into {@code OUT/crowdstrike/<day of its first event>/<its S3 key, '/' as '_'>} — the bytes
 * as CrowdStrike wrote them, which the {@code crowdstrike-fdr} reader takes. Only when every file of
 * a notice is in place is the notice deleted; a run that stops leaves the rest in the queue, where
 * SQS gives it again after the visibility timeout, and a file already in place (same name and
 * size) is not fetched again: nothing is lost and nothing written twice. The queue is the state:
 * there is no cursor to keep.
 *
 * <p>Secondary data (the {@code aidmaster} inventory of sensors, which names each sensor's
 * computer) comes through the same queue and is kept the same way; its file name says what it is,
 * which is how the scan knows to read it before the logs.
 */
public final class FalconDataReplicator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SQS_HOST = Pattern.compile("sqs\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern LEGACY_SQS_HOST = Pattern.compile("([a-z0-9-]+)\\.queue\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    /** An S3 key as FDR writes them: letters, digits and {@code / . _ -}; anything else is refused. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._/=-]{1,1024}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** SQS gives at most this many messages a request. */
    private static final int SQS_MAX = 10;

    /**
     * How a run goes.
     *
     * @param maxBatches the most notices one run takes (a queue seven days deep is worked off over several runs)
     * @param visibilityTimeout how long SQS keeps a notice from others while this run works on it
     * @param longPoll how long an empty queue is waited on (SQS long polling) before the run ends
     */
    public record Options(int maxBatches, Duration visibilityTimeout, Duration longPoll) {
        public Options {
            if (maxBatches < 1) {
                throw new IllegalArgumentException("--max-batches is at least 1");
            }
            if (visibilityTimeout.toSeconds() < 30 || visibilityTimeout.toSeconds() > 12 * 3600) {
                throw new IllegalArgumentException("--visibility-timeout is between 30s and 12h (SQS's limits), not "
                        + visibilityTimeout.toSeconds() + " s");
            }
            if (longPoll.isNegative() || longPoll.toSeconds() > 20) {
                throw new IllegalArgumentException("--wait is between 0s and 20s (SQS's limit for long polling)");
            }
        }
    }

    /**
     * What a run did.
     *
     * @param batches notices taken and deleted from the queue
     * @param files files written
     * @param bytes their size
     * @param records their records (JSON lines)
     * @param already files of a notice given again that were already in place, not fetched again
     * @param skipped messages that are no FDR notice, left in the queue (their ids in {@code problems})
     * @param written the files written, oldest first event first
     * @param first the oldest first event among them, or null
     * @param last the newest first event among them, or null
     * @param more whether the run stopped at {@code maxBatches} with notices perhaps still waiting
     * @param problems what was wrong with the messages skipped
     */
    public record Result(long batches, long files, long bytes, long records, long already, long skipped,
            List<Path> written, Instant first, Instant last, boolean more, List<String> problems) {
    }

    private final URI queue;
    private final URI sqsEndpoint;
    private final AwsSigV4 signer;
    private final URI s3Base;

    /**
     * @param queue the SQS queue's address CrowdStrike gives ({@code https://sqs.us-west-1.amazonaws.com/292230061137/cs-prod-cannon-…})
     * @param signer the FDR key pair and the region of the queue and bucket
     * @param s3Base where S3 is reached, path-style ({@code http://127.0.0.1:9000} for a test, a VPC
     *     endpoint); null for AWS's own, {@code https://BUCKET.s3.REGION.amazonaws.com/KEY}
     */
    public FalconDataReplicator(URI queue, AwsSigV4 signer, URI s3Base) {
        this.queue = Apis.base(queue);
        if (this.queue.getRawPath() == null || this.queue.getRawPath().split("/").length < 3) {
            throw new IllegalArgumentException("'" + queue + "' is not an SQS queue's address, such as "
                    + "https://sqs.us-west-1.amazonaws.com/292230061137/cs-prod-cannon-…: it names no account and queue");
        }
        this.sqsEndpoint = URI.create(this.queue.getScheme() + "://" + this.queue.getRawAuthority() + "/");
        this.signer = signer;
        this.s3Base = s3Base == null ? null : Apis.base(s3Base);
    }

    /** The region a queue's address names ({@code sqs.us-west-1.amazonaws.com}), or null when it names none. */
    public static String regionOf(URI queue) {
        String host = queue == null || queue.getHost() == null ? "" : queue.getHost().toLowerCase(Locale.ROOT);
        Matcher m = SQS_HOST.matcher(host);
        if (m.matches()) {
            return m.group(1);
        }
        m = LEGACY_SQS_HOST.matcher(host);
        return m.matches() ? m.group(1) : null;
    }

    /** The folder the files go to, and what messages call the source. */
    public String id() {
        return "crowdstrike";
    }

    /** What the log is, for messages. */
    public String describe() {
        return "CrowdStrike Falcon Data Replicator queue " + queue;
    }

    /** One name per queue, for the store's record of runs. */
    public String stateName() {
        String[] parts = queue.getRawPath().split("/");
        return "crowdstrike-" + Apis.fileSafe(parts[parts.length - 1]);
    }

    /** What the key pair needs, said when AWS refuses it. */
    public String permissionHint() {
        return "the FDR key pair CrowdStrike gave with this queue (the Falcon console's Falcon Data Replicator "
                + "page): check the key id, the secret and the region ("
                + signer.region() + "), and this machine's clock — AWS refuses a request signed more than 5 minutes "
                + "off";
    }

    /**
     * Takes the queue's notices, up to {@code options.maxBatches()}, into {@code out};
     * {@code placed} hears of each file as it is moved into place, so that a caller keeps account of
     * the files of a run that stops half-way (they stay, and the next run does not fetch them again).
     */
    public Result run(Http http, Path out, Options options, Consumer<String> notes, Consumer<Path> placed)
            throws IOException {
        Path folder = out.resolve(id());
        Files.createDirectories(folder);
        long batches = 0;
        long files = 0;
        long bytes = 0;
        long records = 0;
        long already = 0;
        List<String> problems = new ArrayList<>();
        List<Placed> written = new ArrayList<>();
        List<String> leftInQueue = new ArrayList<>();
        boolean more = false;
        while (true) {
            if (batches >= options.maxBatches()) {
                more = true;
                break;
            }
            List<JsonNode> messages = receive(http, (int) Math.min(SQS_MAX, options.maxBatches() - batches), options);
            List<JsonNode> fresh = messages.stream()
                    .filter(m -> !leftInQueue.contains(m.path("MessageId").asText())).toList();
            if (fresh.isEmpty()) {
                break; // an empty queue, or only the messages this run already left in it
            }
            for (JsonNode message : fresh) {
                String id = message.path("MessageId").asText("?");
                Notice notice;
                try {
                    notice = Notice.of(message.path("Body").asText(""));
                } catch (IllegalArgumentException e) {
                    leftInQueue.add(id);
                    problems.add("message " + id + " is not an FDR notice (" + e.getMessage() + "); left in the queue");
                    continue;
                }
                for (Notice.File f : notice.files()) {
                    Placed p = fetch(http, folder, notice, f);
                    if (p == null) {
                        already++;
                    } else {
                        written.add(p);
                        placed.accept(p.file());
                        files++;
                        bytes += p.bytes();
                        records += p.records();
                    }
                }
                delete(http, message.path("ReceiptHandle").asText());
                batches++;
                if (batches % 20 == 0) {
                    notes.accept(id() + ": " + batches + " batches, " + files + " files, " + records + " records so far");
                }
            }
        }
        written.sort(java.util.Comparator.comparing(Placed::first, java.util.Comparator.nullsFirst(
                java.util.Comparator.naturalOrder())).thenComparing(Placed::file));
        Instant first = written.stream().map(Placed::first).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
        Instant last = written.stream().map(Placed::first).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        return new Result(batches, files, bytes, records, already, leftInQueue.size(),
                written.stream().map(Placed::file).toList(), first, last, more, problems);
    }

    /** One file in place: where, its size, its records, and its first event's time. */
    private record Placed(Path file, long bytes, long records, Instant first) {
    }

    /**
     * An FDR notice, the body of an SQS message: the bucket and the files of one batch,
     * {@code {"cid":…,"timestamp":…,"fileCount":…,"totalSize":…,"bucket":…,"pathPrefix":…,
     * "files":[{"path":…,"size":…,"checksum":…}]}}, the checksum an MD5.
     */
    record Notice(String bucket, Instant time, List<File> files) {
        record File(String key, long size, String md5) {
        }

        static Notice of(String body) {
            JsonNode n;
            try {
                n = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("its body is not JSON: " + e.getOriginalMessage());
            }
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("its body is not a JSON object");
            }
            String bucket = n.path("bucket").asText("");
            if (!BUCKET.matcher(bucket).matches()) {
                throw new IllegalArgumentException("'bucket' is " + (bucket.isEmpty() ? "missing" : "not a bucket's "
                        + "name: '" + clip(bucket) + "'"));
            }
            if (!n.path("files").isArray() || n.path("files").isEmpty()) {
                throw new IllegalArgumentException("'files' is missing or empty");
            }
            List<File> files = new ArrayList<>();
            for (JsonNode f : n.get("files")) {
                String key = f.path("path").asText("");
                if (!KEY.matcher(key).matches() || key.contains("..") || key.startsWith("/")) {
                    throw new IllegalArgumentException("a file's 'path' is " + (key.isEmpty() ? "missing"
                            : "not an FDR object key: '" + clip(key) + "'"));
                }
                String md5 = f.path("checksum").asText("");
                files.add(new File(key, f.path("size").asLong(-1), MD5.matcher(md5).matches()
                        ? md5.toLowerCase(Locale.ROOT) : null));
            }
            long ms = n.path("timestamp").asLong(0);
            return new Notice(bucket, ms > 0 ? Instant.ofEpochMilli(ms) : null, files);
        }

        private static String clip(String s) {
            return s.length() > 80 ? s.substring(0, 80) + "…" : s;
        }
    }

    private List<JsonNode> receive(Http http, int max, Options options) throws CollectException {
        ObjectNode body = JSON.createObjectNode();
        body.put("QueueUrl", queue.toString());
        body.put("MaxNumberOfMessages", max);
        body.put("VisibilityTimeout", options.visibilityTimeout().toSeconds());
        body.put("WaitTimeSeconds", options.longPoll().toSeconds());
        JsonNode answer = sqs(http, "ReceiveMessage", body);
        List<JsonNode> messages = new ArrayList<>();
        answer.path("Messages").forEach(messages::add);
        return messages;
    }

    private void delete(Http http, String receiptHandle) throws CollectException {
        ObjectNode body = JSON.createObjectNode();
        body.put("QueueUrl", queue.toString());
        body.put("ReceiptHandle", receiptHandle);
        sqs(http, "DeleteMessage", body);
    }

    /** One SQS call in AWS's JSON protocol: {@code POST /} with {@code X-Amz-Target: AmazonSQS.<action>}. */
    private JsonNode sqs(Http http, String action, ObjectNode request) throws CollectException {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Instant now = http.clock().instant();
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("host", hostHeader(sqsEndpoint));
        headers.put("content-type", "application/x-amz-json-1.0");
        headers.put("x-amz-date", AwsSigV4.amzDate(now));
        headers.put("x-amz-target", "AmazonSQS." + action);
        HttpRequest.Builder r = HttpRequest.newBuilder(sqsEndpoint).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", signer.authorization("POST", sqsEndpoint, headers, AwsSigV4.sha256(body),
                        "sqs", now));
        headers.forEach((k, v) -> {
            if (!k.equals("host")) {
                r.header(k, v);
            }
        });
        byte[] answer = http.send(r.build(), id(), permissionHint()).body();
        try {
            JsonNode n = answer.length == 0 ? JSON.createObjectNode() : JSON.readTree(answer);
            if (n == null || !n.isObject()) {
                throw new CollectException(id() + ": SQS " + action + " answered with " + Apis.shape(n == null
                        ? JSON.createObjectNode() : n) + ", not an object");
            }
            return n;
        } catch (IOException e) {
            throw new CollectException(id() + ": SQS " + action + " answered with something not JSON: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Fetches one file of a notice into place; null when a file of its name and size is already in
     * place (the notice was given again after a run stopped before deleting it).
     */
    private Placed fetch(Http http, Path folder, Notice notice, Notice.File f) throws IOException {
        String name = f.key().replace('/', '_');
        if (inPlace(folder, name, f.size())) {
            return null;
        }
        URI uri = s3Base == null
                ? URI.create("https://" + notice.bucket() + ".s3." + signer.region() + ".amazonaws.com/" + f.key())
                : URI.create(s3Base + "/" + notice.bucket() + "/" + f.key());
        Instant now = http.clock().instant();
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("host", hostHeader(uri));
        headers.put("x-amz-content-sha256", AwsSigV4.EMPTY_SHA256);
        headers.put("x-amz-date", AwsSigV4.amzDate(now));
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).GET()
                .header("Authorization", signer.authorization("GET", uri, headers, AwsSigV4.EMPTY_SHA256, "s3", now));
        headers.forEach((k, v) -> {
            if (!k.equals("host")) {
                r.header(k, v);
            }
        });
        Path partial = folder.resolve(".partial-" + name);
        boolean placed = false;
        try {
            http.download(r.build(), partial, id(), permissionHint());
            long size = Files.size(partial);
            if (f.size() >= 0 && size != f.size()) {
                throw new CollectException(id() + ": s3://" + notice.bucket() + "/" + f.key() + " came to " + size
                        + " bytes, not the " + f.size() + " its notice gives: the batch stays in the queue for the "
                        + "next run");
            }
            Reading read = read(partial, notice.bucket() + "/" + f.key(), f.md5());
            Instant day = read.first() != null ? read.first() : notice.time() != null ? notice.time()
                    : http.clock().instant();
            Path dayFolder = folder.resolve(day.atOffset(ZoneOffset.UTC).toLocalDate().toString());
            Files.createDirectories(dayFolder);
            Path file = dayFolder.resolve(name);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            placed = true;
            return new Placed(file, size, read.records(), read.first());
        } finally {
            if (!placed) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** Whether a file named {@code name} of {@code size} bytes is in one of the day folders already. */
    private static boolean inPlace(Path folder, String name, long size) throws IOException {
        try (Stream<Path> days = Files.list(folder)) {
            for (Path day : (Iterable<Path>) days::iterator) {
                Path p = day.resolve(name);
                if (Files.isDirectory(day) && Files.isRegularFile(p) && (size < 0 || Files.size(p) == size)) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Reading(long records, Instant first) {
    }

    /** The most of a first line kept to read its time: an FDR record is a few kilobytes. */
    private static final int FIRST_LINE_MAX = 1 << 20;

    /**
     * Reads a fetched file to its end: its MD5 against the notice's, its JSON lines counted, and
     * its first record's time ({@code timestamp} in milliseconds; an aidmaster row's {@code Time}
     * in seconds), which names its day folder. Bytes, not text: a line of any length costs no memory
     * beyond the first one's first megabyte.
     */
    private Reading read(Path file, String object, String md5) throws CollectException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is missing from this Java", e);
        }
        long records = 0;
        java.io.ByteArrayOutputStream firstLine = new java.io.ByteArrayOutputStream();
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file), digest)) {
            InputStream in = object.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            byte[] buffer = new byte[1 << 16];
            boolean content = false;
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        if (content) {
                            records++;
                        }
                        content = false;
                    } else if (b != ' ' && b != '\r' && b != '\t') {
                        content = true;
                    }
                    if (records == 0 && firstLine.size() < FIRST_LINE_MAX && (content || b != '\n')) {
                        firstLine.write(b);
                    }
                }
            }
            if (content) {
                records++;
            }
            raw.transferTo(java.io.OutputStream.nullOutputStream()); // the digest covers every byte
        } catch (IOException e) {
            throw new CollectException(id() + ": s3://" + object + " does not read to its end (" + e.getMessage()
                    + "): the batch stays in the queue for the next run", e);
        }
        String got = HexFormat.of().formatHex(digest.digest());
        if (md5 != null && !md5.equals(got)) {
            throw new CollectException(id() + ": s3://" + object + " has MD5 " + got + ", not the " + md5 + " its "
                    + "notice gives: the batch stays in the queue for the next run");
        }
        return new Reading(records, records == 0 ? null : firstTime(firstLine.toString(StandardCharsets.UTF_8)));
    }

    /** A record's time: FDR events' {@code timestamp} (milliseconds), aidmaster's {@code Time} (seconds). */
    private static Instant firstTime(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject()) {
                return null;
            }
            long ms = n.path("timestamp").asLong(0);
            if (ms > 0) {
                return Instant.ofEpochMilli(ms);
            }
            for (String field : new String[] {"Time", "FirstSeen"}) {
                double s = n.path(field).asDouble(0);
                if (s > 0) {
                    return Instant.ofEpochMilli((long) (s * 1000));
                }
            }
        } catch (JsonProcessingException | RuntimeException notJson) {
            // the notice's time names the day instead
        }
        return null;
    }

    /** The {@code Host} header as the HTTP client sends it: the port only when not the scheme's own. */
    private static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean own = port < 0 || "https".equalsIgnoreCase(uri.getScheme()) && port == 443
                || "http".equalsIgnoreCase(uri.getScheme()) && port == 80;
        return own ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
