package org.holdout.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.holdout.npy.UInt8Array;

/**
 * The steps every builder shares, all driven by the seed: picking images, shuffling the test set into Id
 * order, and the public/private split stratified by label and, within a label, by class.
 */
public final class BundleAssembly {

    /** The seed builds use unless told otherwise. */
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_PUBLIC_FRACTION = 0.5;

    private BundleAssembly() {
    }

    /** The bundle's shape and labels, without the images. */
    public record Design(String name, String source, long seed, List<String> classNames, List<Integer> normalClasses,
            double publicFraction, boolean supervised, Double anomalyFraction) {
    }

    /**
     * Assembles a bundle from images already chosen for train and test. {@code shuffleTest} shuffles the test
     * images with the seed (when false, the given order becomes the Id order).
     */
    public static BundleContents assemble(Design d, UInt8Array train, int[] trainClasses, UInt8Array test,
            int[] testClasses, boolean shuffleTest) {
        int[] order = IntStream.range(0, test.count()).toArray();
        if (shuffleTest) {
            SeededRandom.of(d.seed(), "test-order").shuffle(order);
        }
        UInt8Array orderedTest = select(test, order);
        int[] orderedClasses = Arrays.stream(order).map(i -> testClasses[i]).toArray();
        boolean[] isPublic = publicRows(orderedClasses, d.normalClasses(), d.publicFraction(), d.seed());
        return new BundleContents(d.name(), d.source(), d.seed(), d.classNames(), d.normalClasses(), d.publicFraction(),
                d.supervised(), d.anomalyFraction(), train, trainClasses, orderedTest, orderedClasses, isPublic);
    }

    /**
     * Which rows are Public: per label, round(n × fraction) rows, kept between 1 and n − 1 when n ≥ 2 so both
     * splits get both labels; within a label the rows are shared among classes by largest remainder, and the
     * rows of a class are drawn with the seed.
     */
    static boolean[] publicRows(int[] classes, List<Integer> normalClasses, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("public fraction must be between 0 and 1 (exclusive), got " + fraction);
        }
        boolean[] isPublic = new boolean[classes.length];
        int maxClass = Arrays.stream(classes).max().orElse(-1);
        SeededRandom random = SeededRandom.of(seed, "split");
        for (boolean anomaly : new boolean[] {false, true}) {
            List<int[]> rowsPerClass = new ArrayList<>();
            int n = 0;
            for (int c = 0; c <= maxClass; c++) {
                if (normalClasses.contains(c) == anomaly) continue;
                int cls = c;
                int[] rows = IntStream.range(0, classes.length).filter(i -> classes[i] == cls).toArray();
                if (rows.length == 0) continue;
                rowsPerClass.add(rows);
                n += rows.length;
            }
            long target = Math.round(n * fraction);
            if (n >= 2) target = Math.max(1, Math.min(n - 1, target));
            int[] quota = new int[rowsPerClass.size()];
            double[] remainder = new double[quota.length];
            long given = 0;
            for (int k = 0; k < quota.length; k++) {
                double exact = rowsPerClass.get(k).length * (double) target / Math.max(n, 1);
                quota[k] = (int) Math.floor(exact);
                remainder[k] = exact - quota[k];
                given += quota[k];
            }
            Integer[] byRemainder = IntStream.range(0, quota.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer k) -> -remainder[k]).thenComparingInt(k -> k))
                    .toArray(Integer[]::new);
            for (int k = 0; given < target; k++, given++) {
                quota[byRemainder[k]]++;
            }
            for (int k = 0; k < quota.length; k++) {
                int[] rows = rowsPerClass.get(k).clone();
                random.shuffle(rows);
                for (int r = 0; r < quota[k]; r++) {
                    isPublic[rows[r]] = true;
                }
            }
        }
        return isPublic;
    }

    /** The images at {@code indices}, in that order. */
    public static UInt8Array select(UInt8Array images, int[] indices) {
        int item = images.itemSize();
        int[] shape = images.shape();
        byte[] src = images.data();
        byte[] out = new byte[Math.multiplyExact(indices.length, item)];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(src, indices[k] * item, out, k * item, item);
        }
        shape[0] = indices.length;
        return new UInt8Array(shape, out);
    }

    /** {@code round(n × fraction)} of each class's indices (at least one when the fraction is positive), drawn with the seed. */
    static int[] sampleEachClass(int[] classes, List<Integer> wanted, double fraction, long seed, String purpose) {
        SeededRandom random = SeededRandom.of(seed, purpose);
        List<Integer> picked = new ArrayList<>();
        for (int c : wanted.stream().sorted().toList()) {
            int[] rows = IntStream.range(0, classes.length).filter(i -> classes[i] == c).toArray();
            int k = (int) Math.min(rows.length, Math.max(fraction > 0 ? 1 : 0, Math.round(rows.length * fraction)));
            random.shuffle(rows);
            for (int r = 0; r < k; r++) picked.add(rows[r]);
        }
        return picked.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Indices of images whose class is in {@code wanted}, in their order. */
    static int[] indicesOf(int[] classes, List<Integer> wanted) {
        return IntStream.range(0, classes.length).filter(i -> wanted.contains(classes[i])).toArray();
    }
}
