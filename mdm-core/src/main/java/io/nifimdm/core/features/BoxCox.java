package io.nifimdm.core.features;

/** The Box-Cox transform {@code (x^l - 1) / l}, {@code ln x} at l = 0, written on ln x for numerical stability. */
final class BoxCox {

    private BoxCox() {
    }

    static double transform(double x, double lambda) {
        return x > 0 ? transformLog(Math.log(x), lambda) : Double.NaN;
    }

    static double transformLog(double logX, double lambda) {
        if (Math.abs(lambda) < 1e-12) {
            return logX;
        }
        return Math.expm1(lambda * logX) / lambda;
    }
}
