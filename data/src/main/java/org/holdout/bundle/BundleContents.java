package org.holdout.bundle;

import java.util.List;
import org.holdout.npy.UInt8Array;

/**
 * Everything a bundle holds before it is written: images, the class of every image, and which test rows are
 * Public. A class is an index into {@code classNames}; it is normal when {@code normalClasses} contains it.
 * Built by {@link BundleAssembly}; written by {@link BundleWriter}.
 */
public record BundleContents(
        String name,
        String source,
        long seed,
        List<String> classNames,
        List<Integer> normalClasses,
        double publicFraction,
        boolean supervised,
        Double anomalyFraction,
        UInt8Array train,
        int[] trainClasses,
        UInt8Array test,
        int[] testClasses,
        boolean[] testPublic) {

    public BundleContents {
        classNames = List.copyOf(classNames);
        normalClasses = List.copyOf(normalClasses);
        if (trainClasses.length != train.count() || testClasses.length != test.count() || testPublic.length != test.count()) {
            throw new IllegalArgumentException("one class per image and one Usage per test image are needed");
        }
    }

    public boolean isAnomaly(int classIndex) {
        return !normalClasses.contains(classIndex);
    }
}
