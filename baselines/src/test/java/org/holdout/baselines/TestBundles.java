package org.holdout.baselines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.BundleAssembly;
import org.holdout.bundle.BundleContents;
import org.holdout.bundle.BundleWriter;
import org.holdout.bundle.FashionMnist;
import org.holdout.bundle.Progress;
import org.holdout.npy.UInt8Array;

/** Real bundles for the tests, written by the data module's own builders. */
final class TestBundles {
    private TestBundles() {
    }

    /**
     * A tiny 12×12 RGB bundle: normal images are a bright square on a dark background, anomalies a bright
     * cross; 64 training images, 40 test images (half anomalous).
     */
    static Bundle tiny(Path dir) throws IOException {
        Random r = new Random(7);
        int side = 12;
        UInt8Array train = images(64, side, i -> false, r);
        UInt8Array test = images(40, side, i -> i % 2 == 1, r);
        int[] testClasses = new int[40];
        for (int i = 0; i < 40; i++) {
            testClasses[i] = i % 2;
        }
        BundleAssembly.Design design = new BundleAssembly.Design("tiny", "generated", 1, List.of("square", "cross"),
                List.of(0), 0.5, false, null);
        BundleContents contents = BundleAssembly.assemble(design, train, new int[64], test, testClasses, true);
        BundleWriter.write(contents, dir, true, Progress.NONE);
        return Bundle.open(dir);
    }

    private static UInt8Array images(int n, int side, java.util.function.IntPredicate cross, Random r) {
        byte[] d = new byte[n * side * side * 3];
        for (int i = 0; i < n; i++) {
            int a = 2 + r.nextInt(3);
            int b = side - 2 - r.nextInt(3);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean on = cross.test(i) ? (x == side / 2 || y == side / 2) : (x >= a && x < b && y >= a && y < b);
                    for (int c = 0; c < 3; c++) {
                        int v = (on ? 200 : 20) + r.nextInt(30) + c * 5;
                        d[((i * side + y) * side + x) * 3 + c] = (byte) v;
                    }
                }
            }
        }
        return new UInt8Array(new int[] {n, side, side, 3}, d);
    }

    /** The default competition's bundle built from the Debian Fashion-MNIST files (normal: the default classes). */
    static Bundle fashionMnist(Path dir) throws IOException {
        FashionMnist.Options o = new FashionMnist.Options(FashionMnist.DEBIAN_DIR, FashionMnist.DEFAULT_NORMAL_CLASSES,
                BundleAssembly.DEFAULT_SEED, BundleAssembly.DEFAULT_PUBLIC_FRACTION, false, 0, null);
        BundleWriter.write(FashionMnist.build(o, Progress.NONE), dir, true, Progress.NONE);
        return Bundle.open(dir);
    }
}
