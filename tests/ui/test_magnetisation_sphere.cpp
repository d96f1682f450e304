// SPDX-License-Identifier: GPL-3.0-or-later
// The magnetisation sphere: the torque decomposition against the LLGS right-hand side, the per-sample drive of a
// trajectory, and what the widget draws (the projection formula of its header, the pixels of the path, of m, p and
// the largest torque, dragging, playback, the empty state, the margins at the smallest size).
// Set MTJ_SPHERE_PNG_DIR to a directory to keep the rendered pictures (sphere.png, sphere-small.png, ...).
#include <QComboBox>
#include <QHelpEvent>
#include <QImage>
#include <QToolTip>
#include <QtTest>
#include <cmath>
#include <numbers>

#include "magnetisation_sphere.hpp"
#include "neuron_presets.hpp"
#include "physics/torques.hpp"
#include "device/macrospin/macrospin_reading.hpp"

using mtj::Drive;
using mtj::JunctionCoefficients;
using mtj::LlgsTorques;
using mtj::Trajectory;
using mtj::Vec3;
using mtj::macrospin::computeTrajectory;
using mtj::ui::MagnetisationSphereView;
using Item = MagnetisationSphereView::Item;

namespace {

double colourDistance(const QColor& a, const QColor& b) {
    return std::hypot(a.red() - b.red(), a.green() - b.green(), a.blue() - b.blue());
}

/// True when a pixel within `radius` of `at` is within `tolerance` (RGB distance) of `colour`.
bool colourNear(const QImage& image, const QPointF& at, const QColor& colour, int radius, double tolerance) {
    const int cx = static_cast<int>(std::lround(at.x())), cy = static_cast<int>(std::lround(at.y()));
    for (int y = cy - radius; y <= cy + radius; ++y) {
        for (int x = cx - radius; x <= cx + radius; ++x) {
            if (image.valid(x, y) && colourDistance(image.pixelColor(x, y), colour) <= tolerance) return true;
        }
    }
    return false;
}

/// The orthographic projection of the header, computed here from the view angles alone.
QPointF expectedProjection(const MagnetisationSphereView& view, const Vec3& v) {
    const double az = view.azimuthDegrees() * std::numbers::pi / 180.0;
    const double el = view.elevationDegrees() * std::numbers::pi / 180.0;
    const double right = std::sin(az) * v.x + std::cos(az) * v.y;
    const double up = -std::sin(el) * std::cos(az) * v.x + std::sin(el) * std::sin(az) * v.y + std::cos(el) * v.z;
    return view.sphereCentre() + QPointF(right, -up) * view.sphereRadius();
}

double distance(const QPointF& a, const QPointF& b) { return std::hypot(a.x() - b.x(), a.y() - b.y()); }

/// Distance from point q to the segment ab.
double distanceToSegment(const QPointF& q, const QPointF& a, const QPointF& b) {
    const QPointF ab = b - a;
    const double lengthSquared = QPointF::dotProduct(ab, ab);
    const double t = lengthSquared > 0 ? std::clamp(QPointF::dotProduct(q - a, ab) / lengthSquared, 0.0, 1.0) : 0.0;
    return distance(q, a + ab * t);
}

void keepPicture(const QImage& image, const char* name) {
    const QString directory = qEnvironmentVariable("MTJ_SPHERE_PNG_DIR");
    if (!directory.isEmpty()) QVERIFY(image.save(directory + QLatin1Char('/') + QLatin1String(name)));
}

struct Reading {
    Trajectory trajectory;
    JunctionCoefficients model;
};

Reading reading(const mtj::NeuronSettings& settings, double x, int samples) {
    Reading r;
    const mtj::Status status = mtj::macrospin::computeTrajectory(settings, x, samples, r.trajectory);
    if (!status) qFatal("computeTrajectory failed");
    r.model = mtj::NeuronModel::fromSettings(settings).device;
    return r;
}

Vec3 viewer(const MagnetisationSphereView& view) {
    const double az = view.azimuthDegrees() * std::numbers::pi / 180.0;
    const double el = view.elevationDegrees() * std::numbers::pi / 180.0;
    return {std::cos(el) * std::cos(az), -std::cos(el) * std::sin(az), std::sin(el)};
}

/// The arrows drawn for the state m under `drive` (file comment of the widget), as screen segments.
std::vector<std::pair<QPointF, QPointF>> arrows(const MagnetisationSphereView& view, const JunctionCoefficients& model,
                                                const Vec3& m, const Drive& drive) {
    const QPointF centre = view.sphereCentre(), tip = view.project(m);
    const LlgsTorques t = mtj::llgsTorques(model, m, drive);
    std::vector<std::pair<QPointF, QPointF>> segments{{centre, tip},
                                                      {centre, view.project(model.referenceAxis)},
                                                      {centre, view.project(mtj::normalized(t.effectiveField) * 1.15)}};
    const Vec3 torques[] = {t.precession, t.damping, t.dampingLike, t.fieldLike};
    double largest = 0.0;
    for (const Vec3& torque : torques) largest = std::max(largest, mtj::norm(torque));
    for (const Vec3& torque : torques) {
        const double length = MagnetisationSphereView::torqueArrowLength(mtj::norm(torque) / largest);
        if (length > 0.0) segments.emplace_back(tip, view.project(m + mtj::normalized(torque) * length));
    }
    return segments;
}

/// Of the samples 0..last in front of the sphere (not at its rim) and clear of every arrow by 6 px: how many there
/// are, and how many show the trajectory colour within a pixel.
std::pair<int, int> pathPixels(const MagnetisationSphereView& view, const QImage& image, const Trajectory& trajectory,
                               const JunctionCoefficients& model, int last) {
    const auto segments = arrows(view, model, trajectory.magnetization[static_cast<std::size_t>(last)],
                                 trajectory.drive[static_cast<std::size_t>(last)]);
    int candidates = 0, onPath = 0;
    for (int k = 0; k <= last; ++k) {
        const Vec3& m = trajectory.magnetization[static_cast<std::size_t>(k)];
        const QPointF at = view.project(m);
        if (mtj::dot(viewer(view), m) < 0.1) continue;
        if (std::any_of(segments.begin(), segments.end(),
                        [&](const auto& s) { return distanceToSegment(at, s.first, s.second) < 6.0; }))
            continue;
        ++candidates;
        if (colourNear(image, at, MagnetisationSphereView::colour(Item::Trajectory), 1, 45.0)) ++onPath;
    }
    return {candidates, onPath};
}

}  // namespace

class TestMagnetisationSphere : public QObject {
    Q_OBJECT

private slots:
    void torquesSumToTheRightHandSide() {
        // The default device with an offset field, and one with tilted axes (no coordinate-axis shortcuts).
        mtj::DeviceParameters tilted;
        tilted.easyAxis = {1.0, 0.3, 0.1};
        tilted.referenceAxis = {0.2, 1.0, -0.4};
        tilted.offsetFieldMilliTesla = {0.7, -0.3, 0.2};
        tilted.damping = 0.05;
        tilted.fieldLikeRatio = 0.3;
        const JunctionCoefficients models[] = {mtj::NeuronModel::fromSettings(mtj::testing::defaultNeuron()).device,
                                               JunctionCoefficients::fromParameters(tilted)};
        const Vec3 directions[] = {{1, 0, 0}, {0.6, -0.7, 0.3}, {-0.2, 0.4, -0.9}, {0.01, 0.999, 0.02}, {-1, 0.1, 0}};
        const Drive drives[] = {{{0, 0, 0}, 0.0},
                                {{4000, -2000, 0}, 0.0},
                                {{0, 0, 0}, 3e-4},
                                {{-1500, 3000, 800}, -5e-4},
                                {{2500, 0, -1000}, 1e-4}};
        int checked = 0;
        for (const JunctionCoefficients& model : models) {
            for (const Vec3& direction : directions) {
                const Vec3 m = mtj::normalized(direction);
                for (const Drive& drive : drives) {
                    const LlgsTorques t = mtj::llgsTorques(model, m, drive);
                    const Vec3 rhs = mtj::llgsRightHandSide(model, m, drive);
                    const double scale = std::max({mtj::norm(t.precession), mtj::norm(t.damping),
                                                   mtj::norm(t.dampingLike), mtj::norm(t.fieldLike)});
                    // (Zero only at an equilibrium without current, m along H_eff: then dm/dt is zero too.)
                    QVERIFY2(mtj::norm(t.total() - rhs) <= 1e-9 * scale,
                             qPrintable(
                                 QStringLiteral("sum differs by %1 of %2").arg(mtj::norm(t.total() - rhs)).arg(scale)));
                    // The effective field is the engine's.
                    QVERIFY(mtj::norm(t.effectiveField - mtj::effectiveField(model, m, drive.appliedField)) == 0.0);
                    if (drive.currentAmpere == 0.0) {
                        QCOMPARE(mtj::norm(t.dampingLike), 0.0);
                        QCOMPARE(mtj::norm(t.fieldLike), 0.0);
                    } else {
                        QVERIFY(mtj::norm(t.dampingLike) > 0.0);
                    }
                    ++checked;
                }
            }
        }
        QCOMPARE(checked, 50);
    }

    void torquesPointThePhysicalWay() {
        const JunctionCoefficients model = mtj::NeuronModel::fromSettings(mtj::testing::defaultNeuron()).device;
        const Vec3& p = model.referenceAxis;
        const Vec3 m = mtj::normalized({0.8, 0.3, 0.2});
        const Drive drive{{3000, -1000, 0}, 2e-4};  // I > 0: towards p
        const LlgsTorques t = mtj::llgsTorques(model, m, drive);
        const Vec3 h = t.effectiveField;
        // Precession is perpendicular to m and to H_eff, and equals -g m x H_eff.
        QVERIFY(std::abs(mtj::dot(t.precession, m)) <= 1e-9 * mtj::norm(t.precession));
        QVERIFY(std::abs(mtj::dot(t.precession, h)) <= 1e-9 * mtj::norm(t.precession) * mtj::norm(h));
        QVERIFY(mtj::norm(t.precession + mtj::cross(m, h) * model.reducedGyromagneticRatio) <=
                1e-12 * mtj::norm(t.precession));
        // Damping pulls m towards H_eff, alpha times as strong as the precession.
        QVERIFY(mtj::dot(t.damping, h) > 0.0);
        QVERIFY(std::abs(mtj::norm(t.damping) / mtj::norm(t.precession) - model.damping) < 1e-9);
        // The damping-like torque pulls m towards p for I > 0 and away for I < 0.
        QVERIFY(mtj::dot(t.dampingLike, p) > 0.0);
        const LlgsTorques reversed = mtj::llgsTorques(model, m, Drive{drive.appliedField, -drive.currentAmpere});
        QVERIFY(mtj::dot(reversed.dampingLike, p) < 0.0);
        // The field-like torque turns m about p as a field along p would: along -(m x p), xi of the damping-like.
        QVERIFY(mtj::dot(t.fieldLike, mtj::cross(m, p)) < 0.0);
        QVERIFY(std::abs(mtj::norm(t.fieldLike) / mtj::norm(t.dampingLike) - model.fieldLikeRatio) < 1e-9);
    }

    void trajectoryCarriesItsDrive() {
        const mtj::NeuronSettings settings = mtj::testing::defaultNeuron();
        const Reading r = reading(settings, 0.3, 400);
        const mtj::NeuronModel neuron = mtj::NeuronModel::fromSettings(settings);
        QCOMPARE(r.trajectory.drive.size(), r.trajectory.magnetization.size());
        // A 10 ns ramp from x = 0: the drive of x = 0 at the start, of x = 0.3 from the end of the ramp on.
        const Drive start = neuron.dcDrive(0.0), end = neuron.dcDrive(0.3);
        QVERIFY(mtj::norm(r.trajectory.drive.front().appliedField - start.appliedField) <=
                1e-9 * mtj::norm(start.appliedField));
        QVERIFY(mtj::norm(r.trajectory.drive.back().appliedField - end.appliedField) <=
                1e-9 * mtj::norm(end.appliedField));
        QCOMPARE(r.trajectory.drive.back().currentAmpere, end.currentAmpere);
        // Half-way up the ramp (5 ns) the input field is half of x = 0.3's.
        const auto& times = r.trajectory.timeNanoseconds;
        const std::size_t k =
            static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), 5.0) - times.begin());
        const Drive middle = neuron.dcDrive(0.3 * times[k] / 10.0);
        QVERIFY(mtj::norm(r.trajectory.drive[k].appliedField - middle.appliedField) <=
                1e-9 * mtj::norm(middle.appliedField));
        // An rf reading carries its oscillating current sample by sample.
        const Reading diode = reading(mtj::testing::spinDiodeNeuron(), 1.0, 300);
        double lowest = 0.0, highest = 0.0;
        for (const Drive& d : diode.trajectory.drive) {
            lowest = std::min(lowest, d.currentAmpere);
            highest = std::max(highest, d.currentAmpere);
        }
        QVERIFY(lowest < -40e-6 && highest > 40e-6);
    }

    void projectionFollowsTheFormula() {
        const Reading r = reading(mtj::testing::defaultNeuron(), 0.3, 400);
        MagnetisationSphereView view;
        view.resize(500, 450);
        view.setTrajectory(r.trajectory, r.model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.azimuthDegrees(), -35.0);
        QCOMPARE(view.elevationDegrees(), 25.0);
        QVERIFY(view.sphereRadius() > 100.0);
        const int last = static_cast<int>(r.trajectory.magnetization.size()) - 1;
        QCOMPARE(view.currentIndex(), last);
        for (auto [az, el] : {std::pair{-35.0, 25.0}, std::pair{60.0, -40.0}, std::pair{170.0, 80.0}}) {
            view.setView(az, el);
            QCOMPARE(view.azimuthDegrees(), az);
            for (int k : {0, 57, 120, 250, last}) {
                const Vec3& m = r.trajectory.magnetization[static_cast<std::size_t>(k)];
                QVERIFY(distance(view.project(m), expectedProjection(view, m)) < 1e-9);
                QCOMPARE(view.isFrontFacing(m), mtj::dot(viewer(view), m) >= 0.0);
            }
            // The sphere and its axis labels fit the widget.
            QVERIFY(view.sphereCentre().x() - 1.3 * view.sphereRadius() > 0);
            QVERIFY(view.sphereCentre().y() - 1.3 * view.sphereRadius() > 0);
            QVERIFY(view.sphereCentre().y() + 1.3 * view.sphereRadius() < view.height());
        }
        // The textbook view: z up, y to the right, x towards the viewer and down to the left; the viewer's own
        // direction projects onto the centre.
        view.setView(-35, 25);
        QVERIFY(view.project({0, 0, 1}).y() < view.sphereCentre().y());
        QVERIFY(view.project({0, 1, 0}).x() > view.sphereCentre().x() + 0.7 * view.sphereRadius());
        QVERIFY(view.project({1, 0, 0}).x() < view.sphereCentre().x());
        QVERIFY(view.project({1, 0, 0}).y() > view.sphereCentre().y());
        QVERIFY(view.isFrontFacing({1, 0, 0}) && view.isFrontFacing({0, 1, 0}) && view.isFrontFacing({0, 0, 1}));
        QVERIFY(distance(view.project(viewer(view)), view.sphereCentre()) < 1e-9);
    }

    void drawsThePathAndTheArrows() {
        const Reading r = reading(mtj::testing::defaultNeuron(), 0.3, 400);
        const auto& path = r.trajectory.magnetization;
        const int last = static_cast<int>(path.size()) - 1;
        MagnetisationSphereView view;
        view.resize(500, 450);
        view.setTrajectory(r.trajectory, r.model);
        view.setCurrentIndex(last);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.grab().toImage();
        keepPicture(image, "sphere.png");
        const QPointF centre = view.sphereCentre();
        const QPointF tip = view.project(path.back());
        const QPointF pTip = view.project(r.model.referenceAxis);

        // The played path: samples in front of the sphere and clear of the arrows lie on a line of the trajectory
        // colour. The path of this reading turns by about 22 degrees in the plane.
        const auto [candidates, onPath] = pathPixels(view, image, r.trajectory, r.model, last);
        qInfo("default reading: %d of %d path samples on a path-coloured pixel", onPath, candidates);
        QVERIFY2(candidates >= 10, qPrintable(QString::number(candidates)));
        QVERIFY2(onPath >= 0.9 * candidates, qPrintable(QStringLiteral("%1 of %2").arg(onPath).arg(candidates)));
        // ... and the same places in the background colour when the path is not drawn (a fresh empty widget).
        MagnetisationSphereView empty;
        empty.resize(500, 450);
        empty.show();
        QVERIFY(QTest::qWaitForWindowExposed(&empty));
        const QImage blank = empty.grab().toImage();
        QVERIFY(!colourNear(blank, view.project(path[20]), MagnetisationSphereView::colour(Item::Trajectory), 1, 45.0));

        // The arrow of p, away from its head and from the centre.
        for (double f : {0.3, 0.4, 0.5, 0.6, 0.7}) {
            QVERIFY2(colourNear(image, centre + (pTip - centre) * f,
                                MagnetisationSphereView::colour(Item::ReferenceLayer), 1, 40.0),
                     qPrintable(QString::number(f)));
        }
        // The dot at the tip of m (in front of the sphere: filled, on top of the torques) and the arrow of m.
        QVERIFY(view.isFrontFacing(path.back()));
        QVERIFY(colourNear(image, tip, MagnetisationSphereView::colour(Item::Magnetisation), 0, 40.0));
        for (double f : {0.3, 0.5, 0.7}) {
            QVERIFY(colourNear(image, centre + (tip - centre) * f, MagnetisationSphereView::colour(Item::Magnetisation),
                               1, 40.0));
        }
        // The largest torque, 0.35 radii from the tip of m along its direction.
        const LlgsTorques t = mtj::llgsTorques(r.model, path.back(), r.trajectory.drive.back());
        const std::pair<Vec3, Item> torques[] = {{t.precession, Item::Precession},
                                                 {t.damping, Item::Damping},
                                                 {t.dampingLike, Item::DampingLike},
                                                 {t.fieldLike, Item::FieldLike}};
        const auto largest =
            *std::max_element(std::begin(torques), std::end(torques),
                              [](const auto& a, const auto& b) { return mtj::norm(a.first) < mtj::norm(b.first); });
        const QPointF end = view.project(path.back() + mtj::normalized(largest.first) * 0.35);
        QVERIFY(distance(end, tip) > 20.0);
        QVERIFY(colourNear(image, tip + (end - tip) * 0.6, MagnetisationSphereView::colour(largest.second), 1, 40.0));
    }

    void aSwitchingPathIsDrawnUpToNow() {
        // The current-input neuron switches under a step of x = -1.2 (-360 uA) within about 3 ns, from (0.6, 0.8, 0)
        // to (-0.69, 0.72, 0), in front of the sphere turned by -80 degrees: 0.6 ns after the step, the played path is strong and
        // the path still to come faint.
        mtj::NeuronSettings settings = mtj::testing::currentInputNeuron();
        settings.readout.inputRiseNanoseconds = 0.0;
        const Reading r = reading(settings, -1.2, 800);
        const auto& times = r.trajectory.timeNanoseconds;
        const int now = static_cast<int>(std::lower_bound(times.begin(), times.end(), 0.6) - times.begin());
        MagnetisationSphereView view;
        view.resize(520, 460);
        view.setTrajectory(r.trajectory, r.model);
        view.setCurrentIndex(now);
        view.setView(-80.0, 25.0);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.grab().toImage();
        keepPicture(image, "sphere-switching.png");
        QCOMPARE(view.currentTimeNanoseconds(), times[static_cast<std::size_t>(now)]);
        const auto [candidates, onPath] = pathPixels(view, image, r.trajectory, r.model, now);
        qInfo("switching reading: %d of %d path samples on a path-coloured pixel", onPath, candidates);
        QVERIFY2(candidates >= 15, qPrintable(QString::number(candidates)));
        QVERIFY2(onPath >= 0.9 * candidates, qPrintable(QStringLiteral("%1 of %2").arg(onPath).arg(candidates)));
        // The path to come until 3 ns, where it is clear of the played path and of the arrows: faint, never in the
        // strong colour.
        const auto segments = arrows(view, r.model, r.trajectory.magnetization[static_cast<std::size_t>(now)],
                                     r.trajectory.drive[static_cast<std::size_t>(now)]);
        int coming = 0, strong = 0;
        for (std::size_t k = static_cast<std::size_t>(now) + 1; times[k] < 3.0; ++k) {
            const Vec3& m = r.trajectory.magnetization[k];
            const QPointF at = view.project(m);
            bool clear = mtj::dot(viewer(view), m) >= 0.1;
            for (std::size_t j = 0; clear && j <= static_cast<std::size_t>(now); ++j) {
                clear = distance(at, view.project(r.trajectory.magnetization[j])) > 6.0;
            }
            for (const auto& segment : segments)
                clear = clear && distanceToSegment(at, segment.first, segment.second) >= 6.0;
            if (!clear) continue;
            ++coming;
            if (colourNear(image, at, MagnetisationSphereView::colour(Item::Trajectory), 1, 45.0)) ++strong;
        }
        QVERIFY2(coming >= 10, qPrintable(QString::number(coming)));
        QCOMPARE(strong, 0);
    }

    void aPrecessingReadingAndTheSmallestSize() {
        // The spin diode precesses: half-way through, its path winds around the sphere. Kept as pictures; checked
        // here for the margins: nothing is painted into the outermost pixels of the drawing at 360 x 300.
        const Reading r = reading(mtj::testing::spinDiodeNeuron(), 1.0, 1200);
        MagnetisationSphereView view;
        view.resize(520, 460);
        view.setTrajectory(r.trajectory, r.model);
        view.setCurrentIndex(500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        keepPicture(view.grab().toImage(), "sphere-diode.png");
        QFont large = view.font();
        large.setPointSizeF(large.pointSizeF() * 1.5);
        view.setFont(large);
        keepPicture(view.grab().toImage(), "sphere-presentation.png");
        view.resize(360, 300);
        const QFont normal = QFont();
        for (double factor : {1.0, 1.35}) {  // 1.35: presentation mode
            QFont font = normal;
            font.setPointSizeF(normal.pointSizeF() * factor);
            view.setFont(font);
            QTest::qWait(50);
            const QImage image = view.grab().toImage();
            keepPicture(image, factor == 1.0 ? "sphere-small.png" : "sphere-small-presentation.png");
            const int plotBottom = static_cast<int>(view.sphereCentre().y() + view.sphereRadius());
            for (int y = 0; y < plotBottom; ++y) {
                for (int x : {0, 1, image.width() - 2, image.width() - 1}) {
                    QVERIFY2(image.pixelColor(x, y) == QColor(Qt::white),
                             qPrintable(QStringLiteral("%1, %2").arg(x).arg(y)));
                }
            }
            for (int x = 0; x < image.width(); ++x) {
                QVERIFY2(image.pixelColor(x, 0) == QColor(Qt::white), qPrintable(QString::number(x)));
            }
        }
    }

    void explainsOnHover() {
        const Reading r = reading(mtj::testing::defaultNeuron(), 0.3, 100);
        MagnetisationSphereView view;
        view.resize(500, 450);
        view.setTrajectory(r.trajectory, r.model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QPoint at = view.sphereCentre().toPoint();
        QHelpEvent help(QEvent::ToolTip, at, view.mapToGlobal(at));
        QApplication::sendEvent(&view, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY(QToolTip::text().contains(QStringLiteral("torques")));
        QToolTip::hideText();
    }

    void draggingTurnsTheSphere() {
        const Reading r = reading(mtj::testing::defaultNeuron(), 0.3, 400);
        MagnetisationSphereView view;
        view.resize(500, 450);
        view.setTrajectory(r.trajectory, r.model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const Vec3 v = mtj::normalized({0.3, 0.5, 0.8});
        const QPointF before = view.project(v);
        const QPoint start = view.sphereCentre().toPoint();
        QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, start);
        QTest::mouseMove(&view, start + QPoint(40, 10));
        QTest::mouseMove(&view, start + QPoint(60, 30));
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, start + QPoint(60, 30));
        QVERIFY(view.azimuthDegrees() > -35.0 + 10.0);  // dragged right: turned counter-clockwise seen from above
        QVERIFY(view.elevationDegrees() > 25.0 + 5.0);  // dragged down: seen more from above
        QVERIFY(distance(view.project(v), before) > 5.0);
        QVERIFY(distance(view.project(v), expectedProjection(view, v)) < 1e-9);
        // A move without the button held changes nothing; a long drag stops at 89 degrees elevation.
        const double azimuth = view.azimuthDegrees();
        QTest::mouseMove(&view, start + QPoint(-50, -50));
        QCOMPARE(view.azimuthDegrees(), azimuth);
        QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(start.x(), 5));
        QTest::mouseMove(&view, QPoint(start.x(), 400));
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(start.x(), 400));
        QCOMPARE(view.elevationDegrees(), 89.0);
    }

    void playbackAdvancesAndPauses() {
        const Reading r = reading(mtj::testing::defaultNeuron(), 0.3, 400);
        MagnetisationSphereView view;
        view.resize(500, 450);
        view.setTrajectory(r.trajectory, r.model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // The speed box: 0.01 to 10 ns per second, 1 ns/s at first.
        auto* speedBox = view.findChild<QComboBox*>();
        QVERIFY(speedBox != nullptr);
        QCOMPARE(speedBox->count(), 4);
        QCOMPARE(speedBox->itemData(0).toDouble(), 0.01);
        QCOMPARE(speedBox->itemData(3).toDouble(), 10.0);
        QCOMPARE(speedBox->currentText(), QStringLiteral("1 ns/s"));
        QCOMPARE(view.speed(), 1.0);
        view.setSpeed(10.0);
        QCOMPARE(speedBox->currentText(), QStringLiteral("10 ns/s"));
        speedBox->setCurrentIndex(1);
        QCOMPARE(view.speed(), 0.1);
        view.setSpeed(10.0);

        view.setCurrentIndex(0);
        QCOMPARE(view.currentTimeNanoseconds(), 0.0);
        QElapsedTimer wall;
        wall.start();
        view.play();
        QVERIFY(view.playing());
        QTest::qWait(300);
        view.pause();
        const double seconds = static_cast<double>(wall.nsecsElapsed()) * 1e-9;
        QVERIFY(!view.playing());
        // Simulated time = speed x wall time: never more than the wall time allows, at least a quarter of 0.3 s.
        const double simulated = view.currentTimeNanoseconds();
        QVERIFY2(simulated <= 10.0 * seconds + 1e-9 && simulated >= 10.0 * 0.3 * 0.25,
                 qPrintable(QStringLiteral("%1 ns in %2 s").arg(simulated).arg(seconds)));
        const double perSample = r.trajectory.timeNanoseconds[1] - r.trajectory.timeNanoseconds[0];
        QVERIFY(std::abs(view.currentIndex() - simulated / perSample) <= 1.0);
        const int index = view.currentIndex();
        QVERIFY(index > 5);
        QTest::qWait(150);
        QCOMPARE(view.currentIndex(), index);
        QCOMPARE(view.currentTimeNanoseconds(), simulated);
    }

    void playbackStopsAtTheEnd() {
        const Reading r = reading(mtj::testing::defaultNeuron(), 0.3, 400);
        MagnetisationSphereView view;
        view.resize(500, 450);
        view.setTrajectory(r.trajectory, r.model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int last = static_cast<int>(r.trajectory.magnetization.size()) - 1;
        QSignalSpy changes(&view, &MagnetisationSphereView::currentIndexChanged);
        view.setSpeed(10.0);
        view.setCurrentIndex(last - 3);
        view.play();
        QTRY_VERIFY_WITH_TIMEOUT(!view.playing(), 3000);
        QCOMPARE(view.currentIndex(), last);
        QCOMPARE(view.currentTimeNanoseconds(), r.trajectory.timeNanoseconds.back());
        QVERIFY(changes.count() >= 2);
        QCOMPARE(changes.last().at(0).toInt(), last);
        // Play from the end starts again at t = 0.
        view.play();
        QVERIFY(view.currentIndex() < 5);
        view.pause();
    }

    void emptyStateShowsText() {
        MagnetisationSphereView view;
        view.resize(400, 320);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!view.hasTrajectory());
        view.play();
        QVERIFY(!view.playing());
        const QImage image = view.grab().toImage();
        keepPicture(image, "sphere-empty.png");
        // Dark text pixels in a band around the centre of the sphere, and a sphere shaded unlike the background.
        const QPoint c = view.sphereCentre().toPoint();
        int dark = 0;
        for (int y = c.y() - 12; y <= c.y() + 12; ++y) {
            for (int x = c.x() - 80; x <= c.x() + 80; ++x) {
                if (image.valid(x, y) && qGray(image.pixel(x, y)) < 120) ++dark;
            }
        }
        QVERIFY2(dark > 30, qPrintable(QString::number(dark)));
        const QPoint rim = (view.sphereCentre() + QPointF(0.0, 0.9 * view.sphereRadius())).toPoint();
        QVERIFY(image.pixelColor(rim) != QColor(Qt::white));
        // Setting a trajectory and clearing it returns to the empty picture.
        const Reading r = reading(mtj::testing::defaultNeuron(), 0.3, 100);
        view.setTrajectory(r.trajectory, r.model);
        QVERIFY(view.hasTrajectory());
        view.clear();
        QVERIFY(view.grab().toImage() == image);
    }
};

QTEST_MAIN(TestMagnetisationSphere)
#include "test_magnetisation_sphere.moc"
