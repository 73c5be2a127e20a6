package io.nifimdm.core.stats;

/**
 * A HyperLogLog distinct-count sketch over 64-bit hashes: 2^precision one-byte registers and
 * Otmar Ertl's improved estimator ("New cardinality estimation algorithms for HyperLogLog
 * sketches", 2017), which is unbiased from tiny to huge cardinalities without empirical bias
 * tables. Relative standard error 1.04 / sqrt(2^precision): 0.81% at precision 14 (16 KB).
 * Merging takes register-wise maxima, so a merged sketch equals the sketch of the union.
 *
 * <p>Written here rather than taken from DataSketches because datasketches-java 8.0.0 needs
 * datasketches-memory 6.0.0, which is compiled with Java 21 preview features and does not load on
 * any other Java version. Not thread-safe.
 */
final class HyperLogLog {

    private static final double ALPHA_INFINITY = 1.0 / (2.0 * Math.log(2.0));

    private final int precision;
    private final int q;
    private final byte[] registers;

    HyperLogLog(int precision) {
        if (precision < 4 || precision > 24) {
            throw new IllegalArgumentException("HLL precision must be within 4..24, was " + precision);
        }
        this.precision = precision;
        this.q = 64 - precision;
        this.registers = new byte[1 << precision];
    }

    /** Adds a well-mixed 64-bit hash (low bits pick the register, the rest give the rank). */
    void add(long hash) {
        int index = (int) hash & (registers.length - 1);
        int rank = Long.numberOfTrailingZeros((hash >>> precision) | (1L << q)) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    void merge(HyperLogLog other) {
        if (other.precision != precision) {
            throw new IllegalArgumentException("Cannot merge HLL sketches of precision " + precision + " and " + other.precision);
        }
        for (int i = 0; i < registers.length; i++) {
            if (other.registers[i] > registers[i]) {
                registers[i] = other.registers[i];
            }
        }
    }

    /** Relative standard error of {@link #estimate()}. */
    double relativeStandardError() {
        return 1.04 / Math.sqrt(registers.length);
    }

    double estimate() {
        int[] histogram = new int[q + 2];
        for (byte register : registers) {
            histogram[register]++;
        }
        double m = registers.length;
        double z = m * tau((m - histogram[q + 1]) / m);
        for (int k = q; k >= 1; k--) {
            z = 0.5 * (z + histogram[k]);
        }
        z += m * sigma(histogram[0] / m);
        return ALPHA_INFINITY * m * m / z;
    }

    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double y = 1.0;
        double z = x;
        double previous;
        do {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        } while (previous != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double y = 1.0;
        double z = 1.0 - x;
        double previous;
        do {
            x = Math.sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1.0 - x) * (1.0 - x) * y;
        } while (previous != z);
        return z / 3.0;
    }
}
