package dev.unravel.sigma.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A/B comparison of two builds of the engine in one JVM, for a machine whose load varies (shared
 * cores): each build gets its own class loader (its jar or class folders, plus this test-classes
 * folder for {@link AbRunner}), and their rounds alternate A B, B A, … so both see the same load.
 * Prints each round, then per figure the best and the median of each side (the first three rounds
 * are warm-up) and the speed ratio B/A.
 *
 * <pre>
 * java -Xmx4g -cp sigma/target/test-classes dev.unravel.sigma.bench.AbDuel 30 base.jar new.jar [shared]
 * </pre>
 * A side is a class path ({@code :}-separated); a fat {@code unravel.jar} holds everything needed.
 */
public final class AbDuel {
    private AbDuel() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String shared = args.length > 3 ? args[3] : "../shared";
        URL self = AbDuel.class.getProtectionDomain().getCodeSource().getLocation();
        Object[] runner = new Object[2];
        Method[] round = new Method[2];
        for (int k = 0; k < 2; k++) {
            List<URL> urls = new ArrayList<>();
            for (String p : args[k + 1].split(":")) {
                urls.add(Path.of(p).toUri().toURL());
            }
            urls.add(self);
            ClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> c = cl.loadClass(AbRunner.class.getName());
            runner[k] = c.getConstructor(String.class).newInstance(shared);
            round[k] = c.getMethod("round");
        }
        List<List<double[]>> seen = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < rounds; i++) {
            StringBuilder line = new StringBuilder("round " + i);
            for (int j = 0; j < 2; j++) {
                int k = i % 2 == 0 ? j : 1 - j;
                double[] o = (double[]) round[k].invoke(runner[k]);
                if (i >= 3) {
                    seen.get(k).add(o);
                }
                line.append(String.format("  %s parse %.2f match %.2f both %.2f", k == 0 ? "A" : "B", o[0], o[1], o[2]));
            }
            System.out.println(line);
        }
        String[] names = {"parse only", "match only", "parse+match"};
        double[][] best = new double[2][3];
        for (int f = 0; f < 3; f++) {
            double[][] v = new double[2][];
            for (int k = 0; k < 2; k++) {
                final int ff = f;
                v[k] = seen.get(k).stream().mapToDouble(o -> o[ff]).sorted().toArray();
                best[k][f] = v[k][0];
            }
            double ma = v[0][v[0].length / 2];
            double mb = v[1][v[1].length / 2];
            System.out.printf("%-12s best A %.2f us (%,.0f/s)  B %.2f us (%,.0f/s)  x%.2f | median A %.2f  B %.2f  x%.2f%n",
                    names[f], v[0][0], 1e6 / v[0][0], v[1][0], 1e6 / v[1][0], v[0][0] / v[1][0], ma, mb, ma / mb);
        }
        System.out.printf("parse+match / parse-only (best): A %.0f%%  B %.0f%%%n", 100 * best[0][0] / best[0][2],
                100 * best[1][0] / best[1][2]);
    }
}
