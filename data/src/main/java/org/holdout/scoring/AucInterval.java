package org.holdout.scoring;

/**
 * A ROC-AUC with its DeLong variance and 95% confidence interval ({@link DeLong}). The variance, and with it the
 * interval, is null when a class has a single member: DeLong's sample variance of that class's structural
 * components divides by its size minus one, so it is undefined there (reported as no interval, never as NaN). The
 * interval is {@code auc ± 1.96·se} clipped to [0, 1]; a variance of 0 (every anomaly above every normal, say) gives
 * the interval [auc, auc].
 *
 * @param anomalous how many anomalous rows the AUC counts
 * @param normal how many normal rows it counts
 */
public record AucInterval(double auc, Double variance, Double lower, Double upper, int anomalous, int normal) {
    /** The two-sided 95% quantile of the standard normal distribution. */
    public static final double Z95 = 1.959963984540054;

    static AucInterval of(double auc, Double variance, int anomalous, int normal) {
        if (variance == null) {
            return new AucInterval(auc, null, null, null, anomalous, normal);
        }
        double half = Z95 * Math.sqrt(variance);
        return new AucInterval(auc, variance, Math.max(0, auc - half), Math.min(1, auc + half), anomalous, normal);
    }

    public boolean hasInterval() {
        return variance != null;
    }

    /** The standard error, or null without an interval. */
    public Double standardError() {
        return variance == null ? null : Math.sqrt(variance);
    }

    /**
     * Whether the AUC differs from the fixed value {@code t} at the 95% level: |z| &gt; 1.96 with
     * z = (auc − t) / se. With se = 0 any other value differs. For {@code t} in [0, 1] this is exactly "the interval
     * does not contain {@code t}".
     *
     * @throws IllegalStateException without an interval (a class with one member)
     */
    public boolean differsFrom(double t) {
        if (variance == null) {
            throw new IllegalStateException("no variance: a class has a single member");
        }
        if (variance == 0) {
            return auc != t;
        }
        return Math.abs((auc - t) / Math.sqrt(variance)) > Z95;
    }
}
