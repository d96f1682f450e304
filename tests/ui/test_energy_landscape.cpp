// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the energy landscape (engine/device/energy_landscape) and its view (ui/energy_landscape_view).
//
// Physics: the landscape's gradient is the project's effective field; at zero current the fixed points of the
// LLGS flow are the critical points of E (minima stable, saddles, maxima unstable); the hysteresis preset at zero
// field has two wells at +-u_k separated by the barrier mu0 Ms Hk V / 2 = 16.7 kB x 300 K (docs/physics.md); a field
// beyond the switching field Hk leaves one well. The grid agrees with the fixed points within its resolution.
// Widget: the fixed-point markers sit at mapPosition, the map is dark at a minimum and light at the barrier, the
// hover readout reports theta, phi and E, the empty state draws text, and no ink touches the widget's edges down
// to 380 x 320 pixels, with presentation-size fonts too.
//
// Set MTJ_LANDSCAPE_PNG=/path.png to write the hysteresis preset's landscapes at x = 0 and x = 0.5 for a look.
#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QtTest>
#include <algorithm>
#include <numeric>
#include <random>
#include <string_view>

#include "device/energy_landscape.hpp"
#include "device/fixed_point.hpp"
#include "energy_landscape_view.hpp"
#include "neuron_presets.hpp"

using namespace mtj;
using Kind = LandscapeFixedPoint::Kind;

namespace {

constexpr double pi = units::pi;

NeuronModel neuronOf(const NeuronSettings& settings) { return NeuronModel::fromSettings(settings); }

int countKind(const std::vector<LandscapeFixedPoint>& points, Kind kind) {
    return static_cast<int>(
        std::count_if(points.begin(), points.end(), [kind](const auto& p) { return p.kind == kind; }));
}

/// Angle between two unit vectors, radians.
double angleBetween(const Vec3& a, const Vec3& b) { return std::atan2(norm(cross(a, b)), dot(a, b)); }

/// The thermal stability of docs/physics.md: mu0 Ms Hk V / 2 in units of kB x 300 K.
double stabilityFactor(const JunctionCoefficients& model) {
    return units::mu0 * model.saturationMagnetization * model.anisotropyField * model.volumeCubicMeters / 2.0 /
           landscapeEnergyUnitJoules();
}

/// Grid nodes without the duplicate meridian phi = +pi: index (i, j), j in [0, phiSteps - 2], periodic in j.
struct GridNode {
    int i, j;
};

std::vector<GridNode> neighbours(const EnergyLandscape& l, GridNode n) {
    const int columns = l.phiSteps - 1;
    std::vector<GridNode> out;
    for (int di = -1; di <= 1; ++di) {
        for (int dj = -1; dj <= 1; ++dj) {
            if (di == 0 && dj == 0) continue;
            const int i = n.i + di;
            if (i < 0 || i >= l.thetaSteps) continue;
            out.push_back({i, ((n.j + dj) % columns + columns) % columns});
        }
    }
    return out;
}

Vec3 nodeDirection(const EnergyLandscape& l, GridNode n) { return unitFromAngles(l.thetaAt(n.i), l.phiAt(n.j)); }

/// Strict local minima of the grid (lower than all eight neighbours; the poles, where a whole row is one point,
/// are left out).
std::vector<GridNode> gridMinima(const EnergyLandscape& l) {
    std::vector<GridNode> minima;
    for (int i = 1; i + 1 < l.thetaSteps; ++i) {
        for (int j = 0; j + 1 < l.phiSteps; ++j) {
            const double e = l.at(i, j);
            const auto around = neighbours(l, {i, j});
            if (std::all_of(around.begin(), around.end(), [&](GridNode n) { return l.at(n.i, n.j) > e; })) {
                minima.push_back({i, j});
            }
        }
    }
    return minima;
}

/// The grid's mountain pass between nodes a and b: the lowest level at which they are connected through nodes at
/// or below it (union-find over the nodes in order of energy). Returns the level and the node that joined them.
std::pair<double, GridNode> gridPass(const EnergyLandscape& l, GridNode a, GridNode b) {
    const int columns = l.phiSteps - 1;
    const int count = l.thetaSteps * columns;
    auto index = [columns](GridNode n) { return n.i * columns + n.j; };
    std::vector<int> order(static_cast<std::size_t>(count));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](int p, int q) { return l.at(p / columns, p % columns) < l.at(q / columns, q % columns); });
    std::vector<int> parent(static_cast<std::size_t>(count), -1);  // -1: not yet below the level
    auto find = [&](int x) {
        while (parent[static_cast<std::size_t>(x)] != x)
            x = parent[static_cast<std::size_t>(x)] =
                parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
        return x;
    };
    for (int k : order) {
        parent[static_cast<std::size_t>(k)] = k;
        const GridNode node{k / columns, k % columns};
        for (GridNode n : neighbours(l, node)) {
            const int m = index(n);
            if (parent[static_cast<std::size_t>(m)] < 0) continue;
            parent[static_cast<std::size_t>(find(m))] = find(k);
        }
        if (parent[static_cast<std::size_t>(index(a))] >= 0 && parent[static_cast<std::size_t>(index(b))] >= 0 &&
            find(index(a)) == find(index(b))) {
            return {l.at(node.i, node.j), node};
        }
    }
    return {std::nan(""), {0, 0}};
}

/// One grid cell's diagonal as an angle on the sphere (the largest distance from a point to its nearest node is
/// half of it; "within one grid cell" allows the whole diagonal).
double cellDiagonal(const EnergyLandscape& l) {
    const double dTheta = pi / (l.thetaSteps - 1), dPhi = 2.0 * pi / (l.phiSteps - 1);
    return std::hypot(dTheta, dPhi);
}

/// The largest energy difference between m and the grid nodes within one cell diagonal of it: how far a value on
/// the grid can be from the value at m.
double gridError(const JunctionCoefficients& model, const Drive& drive, const EnergyLandscape& l, const Vec3& m) {
    const double e = landscapeEnergy(model, drive, m);
    double worst = 0.0;
    for (int i = 0; i < l.thetaSteps; ++i) {
        for (int j = 0; j < l.phiSteps; ++j) {
            if (angleBetween(nodeDirection(l, {i, j}), m) <= cellDiagonal(l))
                worst = std::max(worst, std::abs(l.at(i, j) - e));
        }
    }
    return worst;
}

/// E along the great circle from m in the tangent direction t, at angle s.
double energyAlong(const JunctionCoefficients& model, const Drive& drive, const Vec3& m, const Vec3& t, double s) {
    return landscapeEnergy(model, drive, m * std::cos(s) + t * std::sin(s));
}

/// Relative luminance (Rec. 709), 0..255: the perceived lightness that viridis increases monotonically.
double luminance(const QColor& c) { return 0.2126 * c.red() + 0.7152 * c.green() + 0.0722 * c.blue(); }

QImage grabImage(QWidget& w) { return w.grab().toImage().convertToFormat(QImage::Format_RGB32); }

/// The bounding box of every pixel that is not (nearly) white.
QRect inkBounds(const QImage& image) {
    int left = image.width(), right = -1, top = image.height(), bottom = -1;
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (qRed(line[x]) < 245 || qGreen(line[x]) < 245 || qBlue(line[x]) < 245) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
        }
    }
    return right < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

int darkPixels(const QImage& image, const QRect& area) {
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            if (QColor(image.pixel(x, y)).lightness() < 110) ++count;
        }
    }
    return count;
}

void moveMouse(QWidget& w, const QPointF& at) {
    QMouseEvent move(QEvent::MouseMove, at, w.mapToGlobal(at), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &move);
}

}  // namespace

class TestEnergyLandscape : public QObject {
    Q_OBJECT
private slots:
    void gradientIsTheEffectiveField();
    void zeroCurrentFixedPointsAreCriticalPointsOfEnergy();
    void hysteresisPresetAtZeroField();
    void fieldBeyondSwitchingLeavesOneWell();
    void spinTorqueMovesFixedPointsOffTheEnergy();
    void markersSitAtMapPositions();
    void mapIsDarkAtMinimumAndLightAtBarrier();
    void hoverReadoutReportsAnglesAndEnergy();
    void emptyStateDrawsAxesAndText();
    void nothingClippedAtSmallestSize();
    void writeFigure();
};

void TestEnergyLandscape::gradientIsTheEffectiveField() {
    // A general device: tilted easy axis, offset field, perpendicular component of the field, both signs of Meff.
    std::mt19937_64 rng(20240611);
    std::normal_distribution<double> gauss;
    for (double demagTesla : {0.8, -0.3}) {
        NeuronSettings settings = testing::hysteresisNeuron();
        settings.device.easyAxis = {1.0, 0.3, 0.2};
        settings.device.offsetFieldMilliTesla = {1.5, -0.7, 0.4};
        settings.device.effectiveDemagFieldTesla = demagTesla;
        settings.drive.fieldMilliTesla = 7.0;
        settings.drive.fieldThetaDegrees = 60.0;
        settings.drive.fieldPhiDegrees = 130.0;
        const NeuronModel neuron = neuronOf(settings);
        const Drive drive = neuron.dcDrive(0.37);
        const double perJoule = units::mu0 * neuron.device.saturationMagnetization * neuron.device.volumeCubicMeters;
        for (int trial = 0; trial < 50; ++trial) {
            const Vec3 m = normalized(Vec3{gauss(rng), gauss(rng), gauss(rng)});
            Vec3 e1, e2;
            tangentBasis(m, e1, e2);
            const Vec3 h = effectiveField(neuron.device, m, drive.appliedField);
            for (const Vec3& t : {e1, e2}) {
                constexpr double step = 1e-5;
                const double slope =
                    (energyAlong(neuron.device, drive, m, t, step) - energyAlong(neuron.device, drive, m, t, -step)) /
                    (2.0 * step);
                const double fieldFromEnergy = -slope * landscapeEnergyUnitJoules() / perJoule;  // A/m
                QVERIFY2(std::abs(fieldFromEnergy - dot(h, t)) < 1e-6 * norm(h),
                         qPrintable(QStringLiteral("trial %1: -dE/ds / (mu0 Ms V) = %2 A/m, H_eff.t = %3 A/m")
                                        .arg(trial)
                                        .arg(fieldFromEnergy)
                                        .arg(dot(h, t))));
            }
        }
    }
}

void TestEnergyLandscape::zeroCurrentFixedPointsAreCriticalPointsOfEnergy() {
    // Without current the LLGS flow is a gradient-like flow of E: its fixed points are where the tangential
    // gradient vanishes, and the kind follows the curvature (minimum stable, saddle, maximum unstable).
    for (double x : {0.0, 0.3, -0.45}) {
        NeuronSettings settings = testing::defaultNeuron();
        settings.drive.biasCurrentMicroampere = 0.0;
        const NeuronModel neuron = neuronOf(settings);
        const Drive drive = neuron.dcDrive(x);
        const auto points = findFixedPoints(neuron.device, drive);
        QVERIFY(points.size() >= 4);
        QVERIFY(std::is_sorted(points.begin(), points.end(),
                               [](const auto& a, const auto& b) { return a.energy < b.energy; }));
        for (const LandscapeFixedPoint& p : points) {
            QCOMPARE(p.energy, landscapeEnergy(neuron.device, drive, p.m));
            QVERIFY(std::abs(angleBetween(p.m, unitFromAngles(p.theta, p.phi))) < 1e-12);
            Vec3 e1, e2;
            tangentBasis(p.m, e1, e2);
            const Vec3 h = effectiveField(neuron.device, p.m, drive.appliedField);
            // (At a saddle of the default device the whole effective field vanishes: the scale is Hk + |H|.)
            const double fieldScale =
                neuron.device.anisotropyField + norm(drive.appliedField + neuron.device.offsetField);
            QVERIFY2(std::hypot(dot(h, e1), dot(h, e2)) < 1e-9 * fieldScale, "the tangential field vanishes");
            // The energy's Hessian in the tangent plane (central differences on the sphere): its signature is the kind.
            constexpr double d = 1e-4;
            auto energyAt = [&](double a, double b) {
                return landscapeEnergy(neuron.device, drive, normalized(p.m + e1 * a + e2 * b));
            };
            const double e0 = p.energy;
            const double h11 = (energyAt(d, 0) - 2.0 * e0 + energyAt(-d, 0)) / (d * d);
            const double h22 = (energyAt(0, d) - 2.0 * e0 + energyAt(0, -d)) / (d * d);
            const double h12 = (energyAt(d, d) - energyAt(d, -d) - energyAt(-d, d) + energyAt(-d, -d)) / (4.0 * d * d);
            const double det = h11 * h22 - h12 * h12;
            const Kind expected = det < 0.0 ? Kind::Saddle : h11 + h22 > 0.0 ? Kind::Stable : Kind::Unstable;
            QVERIFY2(p.kind == expected, qPrintable(QStringLiteral("x = %1, point (%2, %3, %4): %5, energy says %6")
                                                        .arg(x)
                                                        .arg(p.m.x)
                                                        .arg(p.m.y)
                                                        .arg(p.m.z)
                                                        .arg(QString::fromLatin1(toString(p.kind)),
                                                             QString::fromLatin1(toString(expected)))));
        }
        // Poincare-Hopf on the sphere: nodes and foci minus saddles = 2.
        QCOMPARE(countKind(points, Kind::Stable) + countKind(points, Kind::Unstable) - countKind(points, Kind::Saddle),
                 2);
    }
}

void TestEnergyLandscape::hysteresisPresetAtZeroField() {
    const NeuronModel neuron = neuronOf(testing::hysteresisNeuron());
    const Vec3 easy = neuron.device.easyAxis;
    const double delta = stabilityFactor(neuron.device);
    QVERIFY2(std::abs(delta - 16.7) < 0.05, qPrintable(QStringLiteral("Delta = %1").arg(delta)));

    // The preset as it is (100 uA through the junction, p = +x): the two wells stay at +-u_k (m x p = 0 there).
    {
        const Drive drive = neuron.dcDrive(0.0);
        const auto points = findFixedPoints(neuron.device, drive);
        QCOMPARE(countKind(points, Kind::Stable), 2);
        std::vector<Vec3> stable;
        for (const auto& p : points)
            if (p.kind == Kind::Stable) stable.push_back(p.m);
        QVERIFY(std::min(angleBetween(stable[0], easy), angleBetween(stable[1], easy)) < 1e-9);
        QVERIFY(std::min(angleBetween(stable[0], -easy), angleBetween(stable[1], -easy)) < 1e-9);
        // The spin torque moves the saddles of the flow off the hard axis, by less than a grid cell at 100 uA: they
        // still sit on the grid's pass between the wells.
        const EnergyLandscape landscape = computeEnergyLandscape(neuron.device, drive);
        const auto minima = gridMinima(landscape);
        QCOMPARE(minima.size(), std::size_t{2});
        const Vec3 pass = nodeDirection(landscape, gridPass(landscape, minima[0], minima[1]).second);
        double toSaddle = pi;
        for (const auto& p : points)
            if (p.kind == Kind::Saddle) toSaddle = std::min(toSaddle, angleBetween(pass, p.m));
        QVERIFY2(toSaddle <= cellDiagonal(landscape),
                 qPrintable(QStringLiteral("pass %1 rad from a saddle").arg(toSaddle)));
    }

    // Zero field and zero current: the landscape itself.
    Drive drive = neuron.dcDrive(0.0);
    drive.currentAmpere = 0.0;
    const auto points = findFixedPoints(neuron.device, drive);
    QCOMPARE(points.size(), std::size_t{6});
    QCOMPARE(countKind(points, Kind::Stable), 2);
    QCOMPARE(countKind(points, Kind::Saddle), 2);
    QCOMPARE(countKind(points, Kind::Unstable), 2);
    // Sorted by energy: the two wells at -Delta * 2 (in kB T), the saddles at 0 on the hard axis +-y, the maxima at
    // the poles, mu0 Ms Meff V / 2 high.
    const Vec3 hard{0.0, 1.0, 0.0}, pole{0.0, 0.0, 1.0};
    for (int k = 0; k < 2; ++k) {
        QCOMPARE(points[static_cast<std::size_t>(k)].kind, Kind::Stable);
        QVERIFY(std::abs(std::abs(dot(points[static_cast<std::size_t>(k)].m, easy)) - 1.0) < 1e-12);
        QCOMPARE(points[static_cast<std::size_t>(k) + 2].kind, Kind::Saddle);
        QVERIFY(std::abs(std::abs(dot(points[static_cast<std::size_t>(k) + 2].m, hard)) - 1.0) < 1e-12);
        QCOMPARE(points[static_cast<std::size_t>(k) + 4].kind, Kind::Unstable);
        QVERIFY(std::abs(std::abs(dot(points[static_cast<std::size_t>(k) + 4].m, pole)) - 1.0) < 1e-12);
    }
    const double fixedPointBarrier = points[2].energy - points[0].energy;
    QVERIFY2(std::abs(fixedPointBarrier - delta) < 1e-9 * delta,
             qPrintable(QStringLiteral("saddle - minimum = %1, Delta = %2").arg(fixedPointBarrier).arg(delta)));

    // The grid: its local minima are the stable fixed points, within one cell.
    const EnergyLandscape landscape = computeEnergyLandscape(neuron.device, drive);
    QCOMPARE(landscape.thetaSteps, 91);
    QCOMPARE(landscape.phiSteps, 181);
    QCOMPARE(landscape.energy.size(), std::size_t{91 * 181});
    QCOMPARE(landscape.unitJoules, units::boltzmann * 300.0);
    const auto minima = gridMinima(landscape);
    QCOMPARE(minima.size(), std::size_t{2});
    for (const GridNode& n : minima) {
        const Vec3 node = nodeDirection(landscape, n);
        const double nearest = std::min(angleBetween(node, points[0].m), angleBetween(node, points[1].m));
        QVERIFY2(nearest <= cellDiagonal(landscape),
                 qPrintable(QStringLiteral("grid minimum %1 rad from a stable point").arg(nearest)));
    }
    QCOMPARE(landscape.minimum, *std::min_element(landscape.energy.begin(), landscape.energy.end()));
    QVERIFY(std::abs(landscape.minimum - points[0].energy) <=
            gridError(neuron.device, drive, landscape, points[0].m) + 1e-9);
    QVERIFY(std::abs(landscape.maximum - points[5].energy) <=
            gridError(neuron.device, drive, landscape, points[5].m) + 1e-9);

    // The barrier: the grid's mountain pass between the two wells lies at a saddle fixed point (within one cell), and
    // its height above the minimum is Delta within the grid error.
    const auto [passEnergy, passNode] = gridPass(landscape, minima[0], minima[1]);
    const Vec3 pass = nodeDirection(landscape, passNode);
    const double toSaddle = std::min(angleBetween(pass, points[2].m), angleBetween(pass, points[3].m));
    QVERIFY2(toSaddle <= cellDiagonal(landscape),
             qPrintable(QStringLiteral("pass %1 rad from a saddle").arg(toSaddle)));
    const double gridBarrier = passEnergy - landscape.minimum;
    const double tolerance = gridError(neuron.device, drive, landscape, points[2].m) +
                             gridError(neuron.device, drive, landscape, points[0].m) + 1e-9;
    QVERIFY2(
        std::abs(gridBarrier - delta) <= tolerance,
        qPrintable(
            QStringLiteral("grid barrier %1, Delta %2, grid error %3").arg(gridBarrier).arg(delta).arg(tolerance)));
    // The in-plane profile shows the same barrier.
    const auto [profileLow, profileHigh] =
        std::minmax_element(landscape.inPlaneProfile.begin(), landscape.inPlaneProfile.end());
    QVERIFY(std::abs((*profileHigh - *profileLow) - delta) < 1e-9 * delta);
    QCOMPARE(landscape.interpolateProfile(0.5 * pi), points[2].energy);
}

void TestEnergyLandscape::fieldBeyondSwitchingLeavesOneWell() {
    const NeuronModel neuron = neuronOf(testing::hysteresisNeuron());
    const Vec3 easy = neuron.device.easyAxis;
    const double hk = neuron.device.anisotropyField;
    // Stoner-Wohlfarth along the easy axis, no current: the well against the field survives below Hk, not above.
    for (double sign : {1.0, -1.0}) {
        Drive below;
        below.appliedField = easy * (sign * 0.95 * hk);
        QCOMPARE(countKind(findFixedPoints(neuron.device, below), Kind::Stable), 2);
        Drive beyond;
        beyond.appliedField = easy * (sign * 1.05 * hk);
        const auto points = findFixedPoints(neuron.device, beyond);
        QCOMPARE(countKind(points, Kind::Stable), 1);
        QCOMPARE(points.front().kind, Kind::Stable);
        QVERIFY(angleBetween(points.front().m, easy * sign) < 1e-9);
        // The grid agrees: one local minimum left.
        QCOMPARE(gridMinima(computeEnergyLandscape(neuron.device, beyond)).size(), std::size_t{1});
    }
    // The preset's own input (20 mT per unit x, 5 degrees off the easy axis, 100 uA bias): at x = +-0.6 (12 mT) one
    // well is left, the one along the field.
    for (double x : {0.6, -0.6}) {
        const auto points = findFixedPoints(neuron.device, neuron.dcDrive(x));
        QCOMPARE(countKind(points, Kind::Stable), 1);
        const auto stable =
            std::find_if(points.begin(), points.end(), [](const auto& p) { return p.kind == Kind::Stable; });
        QVERIFY(dot(stable->m, easy) * x > 0.0);
    }
}

void TestEnergyLandscape::spinTorqueMovesFixedPointsOffTheEnergy() {
    // Spin torque is not conservative: with current the saddles of the flow leave the saddles of E (the energy's
    // gradient no longer vanishes there), while fixed points on the p axis stay where they were.
    const NeuronModel neuron = neuronOf(testing::hysteresisNeuron());
    Drive drive = neuron.dcDrive(0.0);
    drive.currentAmpere = 300e-6;
    const auto points = findFixedPoints(neuron.device, drive);
    QCOMPARE(countKind(points, Kind::Saddle), 2);
    for (const auto& p : points) {
        if (p.kind != Kind::Saddle) continue;
        Vec3 e1, e2;
        tangentBasis(p.m, e1, e2);
        const Vec3 h = effectiveField(neuron.device, p.m, drive.appliedField);
        QVERIFY(std::hypot(dot(h, e1), dot(h, e2)) > 1e-4 * neuron.device.anisotropyField);
        QVERIFY(norm(llgsRightHandSide(neuron.device, p.m, drive)) <
                1e-3 * neuron.device.reducedGyromagneticRatio * neuron.device.anisotropyField);
    }
}

namespace {

struct Scene {
    NeuronModel neuron;
    Drive drive;
    EnergyLandscape landscape;
    std::vector<LandscapeFixedPoint> points;
};

Scene hysteresisScene(double x, bool withCurrent = true) {
    Scene s{neuronOf(testing::hysteresisNeuron()), {}, {}, {}};
    s.drive = s.neuron.dcDrive(x);
    if (!withCurrent) s.drive.currentAmpere = 0.0;
    s.landscape = computeEnergyLandscape(s.neuron.device, s.drive);
    s.points = findFixedPoints(s.neuron.device, s.drive);
    return s;
}

}  // namespace

void TestEnergyLandscape::markersSitAtMapPositions() {
    const Scene s = hysteresisScene(0.0, false);
    ui::EnergyLandscapeView view;
    view.resize(640, 480);
    view.setLandscape(s.landscape, s.points);
    const QImage image = grabImage(view);
    QCOMPARE(image.size(), QSize(640, 480));
    // The map spans the full ranges.
    const QRectF map = view.mapRect();
    QVERIFY((view.mapPosition(0.0, -pi) - map.topLeft()).manhattanLength() < 1e-9);
    QVERIFY((view.mapPosition(pi, pi) - map.bottomRight()).manhattanLength() < 1e-9);
    // +x in the middle; -x on the meridian phi = +-180 deg, a half disc on each edge of the periodic map.
    QCOMPARE(image.pixelColor(view.mapPosition(0.5 * pi, 0.0).toPoint()), ui::EnergyLandscapeView::stableMarkerFill());
    QCOMPARE(image.pixelColor(view.mapPosition(0.5 * pi, -pi).toPoint() + QPoint(2, 0)),
             ui::EnergyLandscapeView::stableMarkerFill());
    QCOMPARE(image.pixelColor(view.mapPosition(0.5 * pi, pi).toPoint() - QPoint(3, 0)),
             ui::EnergyLandscapeView::stableMarkerFill());
    for (const auto& p : s.points) {
        if (std::abs(p.phi) > pi - 1e-6) continue;  // checked on both edges above
        const QPoint at = view.mapPosition(p.theta, p.phi).toPoint();
        if (p.kind == Kind::Stable) QCOMPARE(image.pixelColor(at), ui::EnergyLandscapeView::stableMarkerFill());
        if (p.kind == Kind::Saddle)
            QVERIFY2(luminance(image.pixelColor(at)) > 200.0, "the saddle's X crosses at the point");
    }
    // Without fixed points the same pixel is the map's colour of the minimum.
    view.setLandscape(s.landscape, {});
    const QColor bare = grabImage(view).pixelColor(view.mapPosition(0.5 * pi, 0.0).toPoint());
    QVERIFY(bare != ui::EnergyLandscapeView::stableMarkerFill());
}

void TestEnergyLandscape::mapIsDarkAtMinimumAndLightAtBarrier() {
    const Scene s = hysteresisScene(0.0, false);
    ui::EnergyLandscapeView view;
    view.resize(640, 480);
    view.setLandscape(s.landscape, {});
    const QImage image = grabImage(view);
    const QColor atMinimum = image.pixelColor(view.mapPosition(0.5 * pi, 0.0).toPoint());
    const QColor atBarrier = image.pixelColor(view.mapPosition(0.5 * pi, 0.5 * pi).toPoint());
    const QColor nearPole = image.pixelColor(view.mapPosition(0.1, 0.3).toPoint());
    QVERIFY2(luminance(atMinimum) + 40.0 < luminance(atBarrier),
             qPrintable(QStringLiteral("minimum %1, barrier %2").arg(atMinimum.name(), atBarrier.name())));
    QVERIFY2(luminance(atBarrier) + 40.0 < luminance(nearPole),
             qPrintable(QStringLiteral("barrier %1, near the pole %2").arg(atBarrier.name(), nearPole.name())));
    // The map's colour is the colour scale's: the minimum is the darkest end.
    const QColor expected = view.energyColour(s.landscape.minimum);
    QVERIFY2(std::abs(atMinimum.red() - expected.red()) <= 4 && std::abs(atMinimum.green() - expected.green()) <= 4 &&
                 std::abs(atMinimum.blue() - expected.blue()) <= 4,
             qPrintable(QStringLiteral("pixel %1, scale %2").arg(atMinimum.name(), expected.name())));
    QVERIFY(luminance(view.energyColour(s.landscape.minimum)) < luminance(view.energyColour(s.landscape.maximum)));
}

void TestEnergyLandscape::hoverReadoutReportsAnglesAndEnergy() {
    const Scene s = hysteresisScene(0.0, false);
    ui::EnergyLandscapeView view;
    view.resize(640, 480);
    view.setLandscape(s.landscape, s.points);
    moveMouse(view, view.mapPosition(0.5 * pi, 0.0));
    const QString text = view.readoutText();
    QVERIFY2(text.contains(QStringLiteral("\u03b8 = 90\u00b0")) && text.contains(QStringLiteral("\u03c6 = 0\u00b0")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\u2212%1").arg(-s.landscape.minimum, 0, 'f', 1)), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("300 K")));
    // On the profile: the energy at the hard axis is the saddle's.
    moveMouse(view, QPointF(view.profilePosition(0.5 * pi, 0.0).x(), view.profileRect().center().y()));
    QVERIFY2(view.readoutText().contains(QStringLiteral("\u03c6 = 90\u00b0")), qPrintable(view.readoutText()));
    QVERIFY2(view.readoutText().contains(QStringLiteral("E = 0.0")), qPrintable(view.readoutText()));
    moveMouse(view, QPointF(2, 2));
    QVERIFY(view.readoutText().isEmpty());
}

void TestEnergyLandscape::emptyStateDrawsAxesAndText() {
    ui::EnergyLandscapeView view;
    view.resize(480, 360);
    QVERIFY(!view.hasLandscape());
    const QImage image = grabImage(view);
    const QRect map = view.mapRect();
    QVERIFY(map.width() > 100 && map.height() > 80);
    QVERIFY2(
        darkPixels(image, map.adjusted(map.width() / 4, map.height() / 3, -map.width() / 4, -map.height() / 3)) > 30,
        "\"No landscape yet\" in the middle of the map");
    QVERIFY2(darkPixels(image, QRect(0, map.top(), map.left(), map.height())) > 30, "theta labels and title");
    const QRect profile = view.profileRect();
    QVERIFY2(darkPixels(image, QRect(profile.left(), profile.bottom() + 2, profile.width(),
                                     image.height() - profile.bottom() - 2)) > 30,
             "phi labels and title");
    // A landscape, then clear(): empty again.
    const Scene s = hysteresisScene(0.0);
    view.setLandscape(s.landscape, s.points);
    QVERIFY(view.hasLandscape());
    view.clear();
    QVERIFY(!view.hasLandscape());
    QVERIFY(darkPixels(grabImage(view),
                       map.adjusted(map.width() / 4, map.height() / 3, -map.width() / 4, -map.height() / 3)) > 30);
}

void TestEnergyLandscape::nothingClippedAtSmallestSize() {
    // No ink touches the widget's border: text that does not fit would run into it. The map, the bar and the profile
    // keep room for themselves. With the normal font and 1.35 times larger (presentation mode).
    const Scene s = hysteresisScene(0.5);
    for (double scale : {1.0, 1.35}) {
        for (bool empty : {false, true}) {
            ui::EnergyLandscapeView view;
            QFont f = view.font();
            f.setPointSizeF(f.pointSizeF() * scale);
            view.setFont(f);
            view.resize(380, 320);
            view.setTitle(QStringLiteral("Energy landscape at x = 0.50"));
            if (!empty) view.setLandscape(s.landscape, s.points);
            view.setMarks(s.points.front().m, s.neuron.device.referenceAxis);
            const QImage image = grabImage(view);
            const QRect ink = inkBounds(image);
            const QString where = QStringLiteral("scale %1, %2: ink %3,%4 .. %5,%6, map %7 x %8, profile height %9")
                                      .arg(scale)
                                      .arg(empty ? "empty" : "landscape")
                                      .arg(ink.left())
                                      .arg(ink.top())
                                      .arg(ink.right())
                                      .arg(ink.bottom())
                                      .arg(view.mapRect().width())
                                      .arg(view.mapRect().height())
                                      .arg(view.profileRect().height());
            if (!empty) qInfo("%s", qPrintable(where));
            QVERIFY2(ink.left() >= 2 && ink.top() >= 2 && ink.right() <= image.width() - 3 &&
                         ink.bottom() <= image.height() - 3,
                     qPrintable(where));
            QVERIFY2(view.mapRect().height() >= 90 && view.mapRect().width() >= 150, qPrintable(where));
            QVERIFY2(view.profileRect().height() >= 35, qPrintable(where));
            QVERIFY(view.profileRect().top() > view.mapRect().bottom());
            QVERIFY(view.colourBarRect().left() > view.mapRect().right());
        }
    }
}

void TestEnergyLandscape::writeFigure() {
    const QString path = qEnvironmentVariable("MTJ_LANDSCAPE_PNG");
    if (path.isEmpty()) QSKIP("set MTJ_LANDSCAPE_PNG to write the figure");
    // The hysteresis preset at x = 0 and 0.5 at a comfortable size, and both again at the smallest size.
    std::vector<QImage> panels;
    struct Panel {
        QSize size;
        double x;
        double fontScale;
        bool empty;
    };
    const Panel layout[] = {{{720, 540}, 0.0, 1.0, false},  {{720, 540}, 0.5, 1.0, false},
                            {{380, 320}, 0.0, 1.0, false},  {{380, 320}, 0.5, 1.0, false},
                            {{380, 320}, 0.5, 1.35, false}, {{380, 320}, 0.0, 1.35, true}};
    for (const Panel& panel : layout) {
        const Scene s = hysteresisScene(panel.x);
        ui::EnergyLandscapeView view;
        QFont f = view.font();
        f.setPointSizeF(f.pointSizeF() * panel.fontScale);
        view.setFont(f);
        view.resize(panel.size);
        view.setTitle(QStringLiteral("Energy landscape at x = %1").arg(panel.x, 0, 'f', 2));
        if (!panel.empty) {
            view.setLandscape(s.landscape, s.points);
            const Vec3 m = settleToStableFixedPoint(s.neuron.device, s.drive, s.neuron.resetState).magnetization;
            view.setMarks(m, s.neuron.device.referenceAxis);
        }
        if (panel.size.width() == 720 && panel.x > 0.0) moveMouse(view, view.mapPosition(1.2, -2.2));
        panels.push_back(grabImage(view));
    }
    QImage sheet(4 * 390, 540 + 10 + 320, QImage::Format_RGB32);
    sheet.fill(QColor(160, 160, 160));
    QPainter painter(&sheet);
    painter.drawImage(0, 0, panels[0]);
    painter.drawImage(730, 0, panels[1]);
    for (int k = 2; k < 6; ++k) painter.drawImage((k - 2) * 390, 550, panels[static_cast<std::size_t>(k)]);
    painter.end();
    QVERIFY(sheet.save(path));
    // Each panel also on its own, at 1:1, next to the sheet (name-1.png ...).
    for (std::size_t k = 0; k < panels.size(); ++k) {
        QString single = path;
        single.replace(QStringLiteral(".png"), QStringLiteral("-%1.png").arg(k + 1));
        QVERIFY(panels[k].save(single));
    }
    qInfo("wrote %s", qPrintable(path));
}

QTEST_MAIN(TestEnergyLandscape)
#include "test_energy_landscape.moc"
