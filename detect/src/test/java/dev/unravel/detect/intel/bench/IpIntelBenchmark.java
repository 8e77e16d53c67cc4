package dev.unravel.detect.intel.bench;

import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.intel.IpInfo;
import dev.unravel.detect.intel.IpIntel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * IP look-ups per second on one thread, text in, {@link IpInfo} out, over the shared country
 * database and the IPv4 ASN ranges merged into one table ({@code ../shared/data/ipdb}; override
 * with {@code -Dunravel.shared=/path/to/shared}). Addresses are random public IPv4 (and, in
 * {@code ipv6}, random addresses in 2000::/3), pre-formatted so the score is parse + search.
 * Never run by the build; see the command in the class below.
 *
 * <pre>
 * ./mvnw -B -o -q test-compile -pl detect
 * ./mvnw -B -o -q dependency:build-classpath -pl detect -Dmdep.outputFile=/tmp/detect.cp -Dmdep.includeScope=test
 * java -cp detect/target/test-classes:detect/target/classes:$(cat /tmp/detect.cp) org.openjdk.jmh.Main IpIntelBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Threads(1)
public class IpIntelBenchmark {

    private static final int ADDRESSES = 1 << 16;
    private IpIntel intel;
    private String[] v4;
    private String[] v6;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Path shared = Path.of(System.getProperty("unravel.shared", "../shared"));
        if (!Files.isDirectory(shared.resolve("data/ipdb"))) {
            shared = Path.of("../../shared");
        }
        Path ipdb = shared.resolve("data/ipdb");
        intel = IntelFeed.open(List.of(ipdb.resolve("geo-whois-asn-country.mmdb"), ipdb.resolve("asn-ipv4.csv")))
                .intel();
        SplittableRandom random = new SplittableRandom(7);
        v4 = new String[ADDRESSES];
        v6 = new String[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
            v4[i] = (1 + random.nextInt(222)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256);
            v6[i] = String.format("%x:%x:%x::%x", 0x2000 + random.nextInt(0x2000), random.nextInt(0x10000),
                    random.nextInt(0x10000), random.nextInt(0x10000));
        }
    }

    @Benchmark
    public IpInfo ipv4() {
        return intel.lookup(v4[next++ & (ADDRESSES - 1)]);
    }

    @Benchmark
    public IpInfo ipv6() {
        return intel.lookup(v6[next++ & (ADDRESSES - 1)]);
    }
}
