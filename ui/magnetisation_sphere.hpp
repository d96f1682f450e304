// SPDX-License-Identifier: GPL-3.0-or-later
// The magnetisation sphere: a 3-D picture of m(t) on the unit sphere for teaching, painted with QPainter.
//
// What is drawn: a glass sphere (equator and the x-z and y-z meridians, dashed and faded behind), the x, y, z axes,
// the path of m up to the current time (strong in front of the sphere, faded behind it), the rest of the path very
// faint, m as an arrow from the centre with a dot at its tip (hollow when behind), the reference-layer direction p,
// the direction of the effective field H_eff, and the four torques of the LLGS equation (engine/physics/torques.hpp)
// as arrows from the tip of m: precession, damping, damping-like and field-like spin-transfer torque. The torques
// span orders of magnitude (the Gilbert damping is alpha = 1 % of the precession), so their arrows are on a
// logarithmic scale: the largest is 0.35 sphere radii long and every factor of ten smaller takes a third off,
// so torques below 1/1000 of the largest are not drawn (torqueArrowLength). A legend names every arrow (greyed
// while it is not drawn); hovering over an entry explains it.
//
// Projection: orthographic. The azimuth az is the angle by which the sphere is turned about z (counter-clockwise
// seen from above), the elevation el how far the viewer stands above the x-y plane; at az = el = 0 the viewer looks
// along -x with y to the right and z up. The viewer is in the direction
//   c = (cos el cos az, -cos el sin az, sin el),
// the screen axes are
//   right = (sin az, cos az, 0),   up = (-sin el cos az, sin el sin az, cos el),
// and project(v) = sphereCentre() + sphereRadius() * (right.v, -up.v) in widget pixels (y down); v is in front of
// the sphere when c.v >= 0. The default view, az = -35 deg and el = 25 deg, is the textbook one: x towards the
// viewer and down to the left, y to the right, z up. Dragging with the left button turns the sphere with the mouse
// (the elevation stays within +-89 deg).
//
// Playback: a QTimer at about 30 frames per second advances the simulated time by speed * elapsed wall time
// (0.01 to 10 ns of simulated time per second); m and the torques between two samples are interpolated linearly
// (m renormalised). Playback stops at the last sample; play() from there starts again at t = 0. A new trajectory
// shows its whole path (the current index at the last sample); if playback was running it restarts from t = 0.
//
// The text follows the widget font (presentation mode scales the application font). GUI thread only.
#pragma once

#include <QColor>
#include <QElapsedTimer>
#include <QPointF>
#include <QRectF>
#include <QWidget>
#include <array>

#include "device/trajectory.hpp"
#include "physics/device_parameters.hpp"

class QComboBox;
class QSlider;
class QTimer;
class QToolButton;

namespace mtj::ui {

class MagnetisationSphereView : public QWidget {
    Q_OBJECT

public:
    /// The things the legend names, each with its own colour.
    enum class Item {
        Trajectory,
        Magnetisation,
        ReferenceLayer,
        EffectiveField,
        Precession,
        Damping,
        DampingLike,
        FieldLike
    };
    static QColor colour(Item item);
    /// The drawn length, in sphere radii, of a torque that is `fraction` of the largest one:
    /// 0.35 (1 + log10(fraction) / 3) down to fraction = 1e-3, 0 below.
    static double torqueArrowLength(double fraction);

    explicit MagnetisationSphereView(QWidget* parent = nullptr);

    /// Shows a trajectory of the junction `model` (p, and with trajectory.drive the effective field and the torques
    /// at every sample; without drives neither is drawn).
    void setTrajectory(const Trajectory& trajectory, const JunctionCoefficients& model);
    /// Back to the empty state ("No reading yet").
    void clear();
    [[nodiscard]] bool hasTrajectory() const { return !time_.empty(); }

    void play();
    void pause();
    [[nodiscard]] bool playing() const { return playing_; }
    /// Simulated nanoseconds per second of wall time (positive; the speed box offers 0.01, 0.1, 1 and 10).
    void setSpeed(double nanosecondsPerSecond);
    [[nodiscard]] double speed() const { return speed_; }

    /// Jumps to a sample (clamped to the trajectory).
    void setCurrentIndex(int index);
    /// The last sample at or before the current time.
    [[nodiscard]] int currentIndex() const { return index_; }
    /// The current (playback) time, between samples while playing.
    [[nodiscard]] double currentTimeNanoseconds() const { return timeNanoseconds_; }

    void setView(double azimuthDegrees, double elevationDegrees);
    [[nodiscard]] double azimuthDegrees() const { return azimuthDegrees_; }
    [[nodiscard]] double elevationDegrees() const { return elevationDegrees_; }

    /// Widget pixel coordinates of a point on or in the unit sphere (the formula in the file comment).
    [[nodiscard]] QPointF project(const Vec3& v) const;
    /// True when v lies on the viewer's side of the plane through the centre facing the viewer.
    [[nodiscard]] bool isFrontFacing(const Vec3& v) const;
    [[nodiscard]] QPointF sphereCentre() const;
    [[nodiscard]] double sphereRadius() const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

signals:
    void currentIndexChanged(int index);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    static constexpr int kLegendRows = 8;

    /// Where everything goes for the current size, font and view.
    struct Geometry {
        QRectF plot;  // the painted area above the playback controls
        QPointF centre;
        double radius = 1.0;
        Vec3 right, up, viewer;    // the projection (file comment)
        QRectF clock;              // the time text
        QRectF legend;             // empty without a trajectory
        double legendScale = 1.0;  // legend font relative to the widget font
        bool briefLegend = false;  // the legend without the formulas (small widgets, large fonts)
        std::array<QRectF, kLegendRows> legendRows{};

        [[nodiscard]] QPointF at(const Vec3& v) const { return centre + QPointF(dot(right, v), -dot(up, v)) * radius; }
        [[nodiscard]] bool inFront(const Vec3& v) const { return dot(viewer, v) >= 0.0; }
    };
    /// The state shown at the current time: m, the drive and the torques interpolated between samples.
    struct Shown {
        Vec3 m;
        bool hasTorques = false;
        Vec3 effectiveField;
        std::array<Vec3, 4> torques{};        // precession, damping, damping-like, field-like (1/s)
        std::array<double, 4> arrowLength{};  // drawn length in sphere radii, 0 when not drawn
    };

    [[nodiscard]] Geometry geometry() const;
    [[nodiscard]] Shown shownState() const;
    [[nodiscard]] QString legendText(Item item, bool brief) const;
    [[nodiscard]] QString explanation(Item item) const;
    void advance();
    void showTime(double nanoseconds);
    void updateControls();

    void paintGrid(QPainter& painter, const Geometry& g, bool front) const;
    void paintGlass(QPainter& painter, const Geometry& g) const;
    void paintAxes(QPainter& painter, const Geometry& g, bool front) const;
    void paintAxisLabels(QPainter& painter, const Geometry& g) const;
    void paintPath(QPainter& painter, const Geometry& g, const Shown& shown, bool front) const;
    void paintArrows(QPainter& painter, const Geometry& g, const Shown& shown) const;
    void paintLegend(QPainter& painter, const Geometry& g, const Shown& shown) const;
    void paintCaption(QPainter& painter, const Geometry& g) const;

    // The trajectory.
    std::vector<double> time_;
    std::vector<Vec3> magnetization_;
    std::vector<Drive> drive_;  // empty, or one per sample
    JunctionCoefficients model_;

    // Playback.
    int index_ = 0;
    double timeNanoseconds_ = 0.0;
    double speed_ = 1.0;
    bool playing_ = false;
    QTimer* timer_ = nullptr;
    QElapsedTimer wallClock_;

    // View.
    double azimuthDegrees_ = -35.0;
    double elevationDegrees_ = 25.0;
    bool dragging_ = false;
    QPointF dragOrigin_;

    QWidget* controls_ = nullptr;
    QToolButton* playButton_ = nullptr;
    QSlider* slider_ = nullptr;
    QComboBox* speedBox_ = nullptr;
};

}  // namespace mtj::ui
