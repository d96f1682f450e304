// SPDX-License-Identifier: GPL-3.0-or-later
// The vectorised Brown-field generator (device/macrospin/lane_normals.hpp): its numbers are standard normal (moments, tails,
// the distribution function, no correlation between components or steps), its elementary functions are accurate, and
// a lane's stream depends only on its seed and key, not on the lanes beside it or its place in the block.
#include <QtTest>
#include <cmath>
#include <vector>

#include "device/macrospin/lane_normals.hpp"

using namespace mtj;

namespace {
constexpr std::size_t lanes = 32;
}

class TestLaneNormals : public QObject {
    Q_OBJECT
private slots:
    void logarithmIsAccurateOverTheUnitInterval() {
        double worst = 0.0;
        for (double u = 1e-9; u <= 1.0; u *= 1.0007) {
            const float f = static_cast<float>(u);
            const double exact = std::log(static_cast<double>(f));
            const double error = std::abs(lane_normals_detail::logarithm(f) - exact) / std::max(1e-30, std::abs(exact));
            if (exact != 0.0) worst = std::max(worst, error);
        }
        std::printf("  worst relative error of the float logarithm: %.2e\n", worst);
        QVERIFY2(worst < 5e-7, qPrintable(QString::number(worst)));
    }

    void pairsLieOnTheCircleOfTheirRadius() {
        // Box-Muller: (a, b) = r (cos t, sin t), r = sqrt(-2 ln u); check r from the word and the angle's quadrant.
        std::uint64_t x = 12345;
        double worst = 0.0;
        int quadrants[4] = {0, 0, 0, 0};
        for (int k = 0; k < 100000; ++k) {
            const std::uint64_t word = lane_normals_detail::splitmix64(x);
            float a, b;
            lane_normals_detail::boxMuller(word, a, b);
            const double u =
                static_cast<double>(static_cast<std::int32_t>(static_cast<std::uint32_t>(word >> 32) >> 1)) *
                    0x1.0p-31 +
                0x1.0p-32;
            const double r = std::sqrt(-2.0 * std::log(u));
            worst = std::max(worst, std::abs(std::hypot(a, b) - r));
            quadrants[(a >= 0 ? 0 : 1) + (b >= 0 ? 0 : 2)] += 1;
        }
        // The uniform is rounded to a float (24 bits), so radii near 0 are quantised by about sqrt(2 * 6e-8) = 3.5e-4
        // of sigma at most; everywhere else the error is the logarithm's.
        std::printf("  worst radius error %.2e; quadrants %d %d %d %d\n", worst, quadrants[0], quadrants[1],
                    quadrants[2], quadrants[3]);
        QVERIFY(worst < 4e-4);
        for (int q : quadrants) QVERIFY(std::abs(q - 25000) < 5 * std::sqrt(25000.0 * 0.75));
    }

    void numbersAreStandardNormal() {
        LaneNormals<lanes> noise;
        for (std::size_t i = 0; i < lanes; ++i) noise.seedLane(i, 7, 1000 + i);
        noise.restart();
        alignas(64) double x[lanes], y[lanes], z[lanes];
        double previousX[lanes] = {};
        double sum = 0, squares = 0, cubes = 0, fourth = 0, crossXY = 0, crossXZ = 0, lagged = 0;
        long n = 0, beyond3 = 0, beyond4 = 0;
        std::vector<long> histogram(80, 0);  // bins of 0.1 over [-4, 4)
        const long steps = 100000;
        for (long step = 0; step < steps; ++step) {
            noise.drawTriples(lanes, 1.0, x, y, z);
            for (std::size_t i = 0; i < lanes; ++i) {
                crossXY += x[i] * y[i];
                crossXZ += x[i] * z[i];
                if (step > 0) lagged += x[i] * previousX[i];
                previousX[i] = x[i];
                for (double v : {x[i], y[i], z[i]}) {
                    sum += v;
                    squares += v * v;
                    cubes += v * v * v;
                    fourth += v * v * v * v;
                    beyond3 += std::abs(v) > 3.0;
                    beyond4 += std::abs(v) > 4.0;
                    const int bin = static_cast<int>(std::floor((v + 4.0) * 10.0));
                    if (bin >= 0 && bin < 80) histogram[bin] += 1;
                    ++n;
                }
            }
        }
        const double count = static_cast<double>(n), pairs = static_cast<double>(lanes * steps);
        std::printf("  %ld numbers: mean %.2e, variance %.5f, skewness %.2e, kurtosis %.4f\n", n, sum / count,
                    squares / count, cubes / count, fourth / count);
        // Five standard errors of each moment: mean 1/sqrt(n), variance sqrt(2/n), third sqrt(15/n), fourth sqrt(96/n).
        QVERIFY(std::abs(sum / count) < 5.0 / std::sqrt(count));
        QVERIFY(std::abs(squares / count - 1.0) < 5.0 * std::sqrt(2.0 / count));
        QVERIFY(std::abs(cubes / count) < 5.0 * std::sqrt(15.0 / count));
        QVERIFY(std::abs(fourth / count - 3.0) < 5.0 * std::sqrt(96.0 / count));
        QVERIFY(std::abs(crossXY / pairs) < 5.0 / std::sqrt(pairs));
        QVERIFY(std::abs(crossXZ / pairs) < 5.0 / std::sqrt(pairs));
        QVERIFY(std::abs(lagged / pairs) < 5.0 / std::sqrt(pairs));
        const double p3 = std::erfc(3.0 / std::sqrt(2.0)), p4 = std::erfc(4.0 / std::sqrt(2.0));
        std::printf("  P(|z| > 3) = %.3e (exact %.3e), P(|z| > 4) = %.3e (exact %.3e)\n", beyond3 / count, p3,
                    beyond4 / count, p4);
        QVERIFY(std::abs(beyond3 - p3 * count) < 5.0 * std::sqrt(p3 * count));
        QVERIFY(std::abs(beyond4 - p4 * count) < 5.0 * std::sqrt(p4 * count));
        // Kolmogorov distance on the bin edges.
        double cumulative = 0.0, worst = 0.0;
        for (int b = 0; b < 80; ++b) {
            cumulative += static_cast<double>(histogram[b]);
            const double edge = -4.0 + 0.1 * (b + 1);
            const double phi = 0.5 * std::erfc(-edge / std::sqrt(2.0)) - 0.5 * std::erfc(4.0 / std::sqrt(2.0));
            worst = std::max(worst, std::abs(cumulative / count - phi));
        }
        std::printf("  largest distance from the normal distribution function: %.2e (1.63/sqrt(n) = %.2e)\n", worst,
                    1.63 / std::sqrt(count));
        QVERIFY(worst < 1.63 / std::sqrt(count));
    }

    void aLanesStreamDependsOnlyOnItsKey() {
        // Lane 5 of a full block and lane 0 of a block of one, seeded alike, draw the same numbers; so does a lane
        // whose neighbours were seeded differently.
        LaneNormals<lanes> full, single, other;
        for (std::size_t i = 0; i < lanes; ++i) {
            full.seedLane(i, 3, 100 + i);
            other.seedLane(i, 9, 900 + i);
        }
        single.seedLane(0, 3, 105);
        other.seedLane(17, 3, 105);
        full.restart();
        single.restart();
        other.restart();
        alignas(64) double fx[lanes], fy[lanes], fz[lanes], sx[lanes], sy[lanes], sz[lanes], ox[lanes], oy[lanes],
            oz[lanes];
        for (int step = 0; step < 101; ++step) {
            full.drawTriples(lanes, 2.0, fx, fy, fz);
            single.drawTriples(1, 2.0, sx, sy, sz);
            other.drawTriples(lanes, 2.0, ox, oy, oz);
            QCOMPARE(fx[5], sx[0]);
            QCOMPARE(fy[5], sy[0]);
            QCOMPARE(fz[5], sz[0]);
            QCOMPARE(ox[17], sx[0]);
            QCOMPARE(oz[17], sz[0]);
        }
        // And a different key draws different numbers.
        QVERIFY(fx[4] != fx[5]);
    }
};

QTEST_APPLESS_MAIN(TestLaneNormals)
#include "test_lane_normals.moc"
