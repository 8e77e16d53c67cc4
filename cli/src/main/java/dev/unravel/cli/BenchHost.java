package dev.unravel.cli;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The line every {@code bench} prints first: the processor, the cores, the JVM, its heap and
 * collector. The same build measures up to twice as fast on one shared host as on another, so a
 * figure without the host it came from cannot be compared with anything.
 */
final class BenchHost {
    private BenchHost() {
    }

    /** {@code host: AMD EPYC (family 25, model 17), 2 processors; OpenJDK 64-Bit Server VM 17.0.15; …}. */
    static String line() {
        String cpuinfo;
        try {
            cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            cpuinfo = ""; // not Linux, or not readable: the architecture stands in
        }
        List<String> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(gc.getName());
        }
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "host: %s, %d processors; %s %s; max heap %,d MB; collectors %s",
                processor(cpuinfo, System.getProperty("os.arch")), rt.availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), rt.maxMemory() >> 20,
                String.join(", ", collectors));
    }

    /**
     * The first processor's model name in {@code /proc/cpuinfo}'s text, with its family and model
     * numbers (a virtual machine often shows only "AMD EPYC", which spans five generations), or
     * {@code arch} when the text has no model name.
     */
    static String processor(String cpuinfo, String arch) {
        String name = null;
        String family = null;
        String model = null;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                if (name != null) {
                    break; // the first processor's block has ended
                }
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "model name" -> name = name == null ? value : name;
                case "cpu family" -> family = family == null ? value : family;
                case "model" -> model = model == null ? value : model;
                default -> {
                }
            }
        }
        if (name == null || name.isEmpty()) {
            return arch;
        }
        name = name.replaceAll("\\s+", " ");
        return family != null && model != null ? name + " (family " + family + ", model " + model + ")" : name;
    }
}
