package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchHostTest {

    private static final String TWO_EPYCS = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 25
            model\t\t: 17
            model name\t: AMD EPYC
            stepping\t: 1

            processor\t: 1
            vendor_id\t: AuthenticAMD
            cpu family\t: 26
            model\t\t: 2
            model name\t: AMD EPYC 9B45
            """;

    @Test
    void processor_isTheFirstBlocksNameWithFamilyAndModel() {
        // "AMD EPYC" alone spans five generations: the numbers say which one measured
        assertThat(BenchHost.processor(TWO_EPYCS, "amd64")).isEqualTo("AMD EPYC (family 25, model 17)");
    }

    @Test
    void processor_withoutFamily_isTheName_andWithoutCpuinfo_isTheArchitecture() {
        assertThat(BenchHost.processor("model name\t: Intel(R)   Xeon(R) Processor\n", "amd64"))
                .isEqualTo("Intel(R) Xeon(R) Processor");
        assertThat(BenchHost.processor("", "aarch64")).isEqualTo("aarch64");
        assertThat(BenchHost.processor("Processor\t: ARMv7\n", "arm")).isEqualTo("arm");
    }

    @Test
    void line_namesProcessorsJvmHeapAndCollector() {
        assertThat(BenchHost.line()).startsWith("host: ")
                .contains(Runtime.getRuntime().availableProcessors() + " processors",
                        System.getProperty("java.version"), "max heap", "collectors ");
    }
}
