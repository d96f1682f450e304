// SPDX-License-Identifier: GPL-3.0-or-later
// The magnetisation sphere (see the header): layout, projection, playback and painting.
#include "magnetisation_sphere.hpp"
#include "frame_rate.hpp"

#include <QComboBox>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "physics/torques.hpp"

namespace mtj::ui {

namespace {

constexpr double kDegree = std::numbers::pi / 180.0;
constexpr double kAxisLength = 1.22;            // the axes reach past the sphere, in radii
constexpr double kLabelDistance = 1.34;         // where the axis labels sit, in radii
constexpr double kLargestTorque = 0.35;         // length of the largest torque arrow, in radii
constexpr double kTorqueDecades = 3.0;          // torque arrows span three orders of magnitude
constexpr double kEffectiveFieldLength = 1.15;  // the H_eff arrow reaches past the tip of m, in radii
constexpr double kMaximumElevation = 89.0;
constexpr double kDegreesPerPixel = 0.5;              // drag sensitivity
constexpr double kSpeeds[] = {0.01, 0.1, 1.0, 10.0};  // ns of simulated time per second
constexpr double kDefaultSpeed = 1.0;
constexpr double kMargin = 6.0;

const QColor kInk(0x33, 0x33, 0x33);
const QColor kGridColour(0x8a, 0x9b, 0xae);
const QColor kAxisColour(0x5d, 0x66, 0x70);

constexpr MagnetisationSphereView::Item kLegendItems[] = {
    MagnetisationSphereView::Item::Trajectory,     MagnetisationSphereView::Item::Magnetisation,
    MagnetisationSphereView::Item::ReferenceLayer, MagnetisationSphereView::Item::EffectiveField,
    MagnetisationSphereView::Item::Precession,     MagnetisationSphereView::Item::Damping,
    MagnetisationSphereView::Item::DampingLike,    MagnetisationSphereView::Item::FieldLike};

constexpr MagnetisationSphereView::Item kTorqueItems[] = {
    MagnetisationSphereView::Item::Precession, MagnetisationSphereView::Item::Damping,
    MagnetisationSphereView::Item::DampingLike, MagnetisationSphereView::Item::FieldLike};

QFont scaledFont(QFont font, double factor) {
    if (font.pointSizeF() > 0) {
        font.setPointSizeF(font.pointSizeF() * factor);
    } else {
        font.setPixelSize(std::max(1, static_cast<int>(std::lround(font.pixelSize() * factor))));
    }
    return font;
}

QColor withAlpha(QColor colour, int alpha) {
    colour.setAlpha(alpha);
    return colour;
}

Vec3 interpolate(const Vec3& a, const Vec3& b, double f) { return a + (b - a) * f; }

/// A straight arrow from `from` to `to` with a filled head; nothing when it is shorter than half a pixel (a vector
/// pointing at the viewer).
void drawArrow(QPainter& painter, const QPointF& from, const QPointF& to, const QColor& colour, double width,
               double head) {
    const QPointF delta = to - from;
    const double length = std::hypot(delta.x(), delta.y());
    if (length < 0.5) return;
    head = std::min(head, 0.6 * length);
    const QPointF unit = delta / length;
    const QPointF normal(-unit.y(), unit.x());
    const QPointF base = to - unit * head;
    painter.setPen(QPen(colour, width, Qt::SolidLine, Qt::FlatCap));
    painter.drawLine(from, base + unit * (0.3 * head));
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    const double halfWidth = 0.42 * head + 0.3 * width;
    painter.drawPolygon(QPolygonF{to, base + normal * halfWidth, base - normal * halfWidth});
    painter.setBrush(Qt::NoBrush);
}

/// The arrow-head size for a sphere of the given radius, in pixels.
double headSize(double radius) { return std::clamp(0.09 * radius, 7.0, 14.0); }

/// Distance from a point to a rectangle (0 inside it).
double distanceToRect(const QPointF& point, const QRectF& rect) {
    const double dx = std::max({rect.left() - point.x(), 0.0, point.x() - rect.right()});
    const double dy = std::max({rect.top() - point.y(), 0.0, point.y() - rect.bottom()});
    return std::hypot(dx, dy);
}

}  // namespace

double MagnetisationSphereView::torqueArrowLength(double fraction) {
    if (!(fraction >= std::pow(10.0, -kTorqueDecades))) return 0.0;
    return kLargestTorque * (1.0 + std::log10(std::min(fraction, 1.0)) / kTorqueDecades);
}

QColor MagnetisationSphereView::colour(Item item) {
    switch (item) {
        case Item::Trajectory: return {0x1f, 0x4e, 0x9c};      // deep blue, the activation colour of the charts
        case Item::Magnetisation: return {0x1b, 0x1b, 0x1b};   // black
        case Item::ReferenceLayer: return {0x8e, 0x44, 0xad};  // violet
        case Item::EffectiveField: return {0xb7, 0x95, 0x0b};  // dark gold
        case Item::Precession: return {0x27, 0xae, 0x60};      // green
        case Item::Damping: return {0xc0, 0x39, 0x2b};         // red
        case Item::DampingLike: return {0xe6, 0x7e, 0x22};     // orange
        case Item::FieldLike: return {0x17, 0xa2, 0xb8};       // cyan
    }
    return Qt::black;
}

QString MagnetisationSphereView::legendText(Item item, bool brief) const {
    switch (item) {
        case Item::Trajectory: return tr("path of m");
        case Item::Magnetisation: return tr("m, free layer");
        case Item::ReferenceLayer: return tr("p, reference layer");
        case Item::EffectiveField: return brief ? tr("H_eff") : tr("H_eff direction");
        case Item::Precession: return brief ? tr("precession") : tr("precession −γ m×H");
        case Item::Damping: return brief ? tr("damping") : tr("damping −αγ m×(m×H)");
        case Item::DampingLike: return tr("damping-like STT");
        case Item::FieldLike: return tr("field-like STT");
    }
    return {};
}

QString MagnetisationSphereView::explanation(Item item) const {
    switch (item) {
        case Item::Trajectory:
            return tr(
                "The path of m up to now: faded where it runs behind the sphere, the path still to come very faint.");
        case Item::Magnetisation:
            return tr(
                "The free-layer magnetisation m, a unit vector; the dot marks its tip (hollow when behind the sphere).");
        case Item::ReferenceLayer:
            return tr(
                "The fixed reference-layer magnetisation p: the current through the junction is spin-polarised along p.");
        case Item::EffectiveField:
            return tr(
                "The effective field H_eff = H_ext + H_off + anisotropy + demagnetisation: m precesses about it.");
        case Item::Precession:
            return tr("Precession −γ m×H_eff turns m about H_eff at the Larmor frequency and keeps its energy.");
        case Item::Damping:
            return tr(
                "Gilbert damping −αγ m×(m×H_eff) pulls m towards H_eff; α times the precession (the torque arrows are on a log scale).");
        case Item::DampingLike:
            return tr(
                "Damping-like (Slonczewski) spin-transfer torque: pulls m towards p for I > 0, pushes it away for I < 0.");
        case Item::FieldLike:
            return tr(
                "Field-like spin-transfer torque: acts like an extra field along p, ξ times the damping-like torque.");
    }
    return {};
}

MagnetisationSphereView::MagnetisationSphereView(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setCursor(Qt::OpenHandCursor);

    controls_ = new QWidget(this);
    controls_->setCursor(Qt::ArrowCursor);
    playButton_ = new QToolButton(controls_);
    playButton_->setAutoRaise(true);
    slider_ = new QSlider(Qt::Horizontal, controls_);
    slider_->setToolTip(tr("Scrub through the reading"));
    speedBox_ = new QComboBox(controls_);
    speedBox_->setToolTip(tr("Simulated time per second of playback"));
    for (double s : kSpeeds) speedBox_->addItem(tr("%1 ns/s").arg(s), s);
    speedBox_->setCurrentIndex(
        static_cast<int>(std::find(std::begin(kSpeeds), std::end(kSpeeds), kDefaultSpeed) - std::begin(kSpeeds)));
    auto* row = new QHBoxLayout(controls_);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(playButton_);
    row->addWidget(slider_, 1);
    row->addWidget(speedBox_);

    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(4, 0, 4, 4);
    column->addStretch(1);
    column->addWidget(controls_);

    timer_ = new QTimer(this);
    connect(timer_, &QTimer::timeout, this, &MagnetisationSphereView::advance);
    connect(playButton_, &QToolButton::clicked, this, [this] { playing_ ? pause() : play(); });
    connect(slider_, &QSlider::valueChanged, this, &MagnetisationSphereView::setCurrentIndex);
    connect(speedBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0) setSpeed(speedBox_->itemData(i).toDouble());
    });
    updateControls();
}

QSize MagnetisationSphereView::sizeHint() const { return {520, 460}; }

QSize MagnetisationSphereView::minimumSizeHint() const { return {360, 300}; }

void MagnetisationSphereView::setTrajectory(const Trajectory& trajectory, const JunctionCoefficients& model) {
    const std::size_t n = std::min(trajectory.timeNanoseconds.size(), trajectory.magnetization.size());
    if (n == 0) {
        clear();
        return;
    }
    time_.assign(trajectory.timeNanoseconds.begin(), trajectory.timeNanoseconds.begin() + static_cast<long>(n));
    magnetization_.assign(trajectory.magnetization.begin(), trajectory.magnetization.begin() + static_cast<long>(n));
    if (trajectory.drive.size() >= n) {
        drive_.assign(trajectory.drive.begin(), trajectory.drive.begin() + static_cast<long>(n));
    } else {
        drive_.clear();
    }
    model_ = model;
    {
        const QSignalBlocker blocker(slider_);
        slider_->setRange(0, static_cast<int>(n) - 1);
    }
    index_ = -1;  // so that the index below counts as a change
    showTime(playing_ ? time_.front() : time_.back());
    if (playing_) wallClock_.start();
    updateControls();
}

void MagnetisationSphereView::clear() {
    pause();
    time_.clear();
    magnetization_.clear();
    drive_.clear();
    index_ = 0;
    timeNanoseconds_ = 0.0;
    {
        const QSignalBlocker blocker(slider_);
        slider_->setRange(0, 0);
    }
    updateControls();
    update();
}

void MagnetisationSphereView::play() {
    if (!hasTrajectory() || playing_) return;
    if (index_ + 1 >= static_cast<int>(time_.size())) showTime(time_.front());
    playing_ = true;
    wallClock_.start();
    timer_->start(frameIntervalMilliseconds(this));  // one step per refresh of this screen; advance() reads the clock
    updateControls();
}

void MagnetisationSphereView::pause() {
    if (!playing_) return;
    playing_ = false;
    timer_->stop();
    updateControls();
}

void MagnetisationSphereView::setSpeed(double nanosecondsPerSecond) {
    if (!(nanosecondsPerSecond > 0.0) || !std::isfinite(nanosecondsPerSecond)) return;
    speed_ = nanosecondsPerSecond;
    int entry = -1;
    for (int i = 0; i < speedBox_->count(); ++i) {
        if (std::abs(speedBox_->itemData(i).toDouble() - speed_) <= 1e-12 * speed_) entry = i;
    }
    const QSignalBlocker blocker(speedBox_);
    if (entry < 0) {
        speedBox_->addItem(tr("%1 ns/s").arg(speed_, 0, 'g', 3), speed_);
        entry = speedBox_->count() - 1;
    }
    speedBox_->setCurrentIndex(entry);
}

void MagnetisationSphereView::setCurrentIndex(int index) {
    if (!hasTrajectory()) return;
    showTime(time_[static_cast<std::size_t>(std::clamp(index, 0, static_cast<int>(time_.size()) - 1))]);
}

void MagnetisationSphereView::advance() {
    const double seconds = static_cast<double>(wallClock_.nsecsElapsed()) * 1e-9;
    wallClock_.start();
    showTime(timeNanoseconds_ + speed_ * seconds);
    if (timeNanoseconds_ >= time_.back()) pause();
}

void MagnetisationSphereView::showTime(double nanoseconds) {
    timeNanoseconds_ = std::clamp(nanoseconds, time_.front(), time_.back());
    const auto after = std::upper_bound(time_.begin(), time_.end(), timeNanoseconds_);
    const int index = std::max(0, static_cast<int>(after - time_.begin()) - 1);
    {
        const QSignalBlocker blocker(slider_);
        slider_->setValue(index);
    }
    const bool changed = index != index_;
    index_ = index;
    update();
    if (changed) emit currentIndexChanged(index_);
}

void MagnetisationSphereView::updateControls() {
    playButton_->setIcon(style()->standardIcon(playing_ ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    playButton_->setToolTip(playing_ ? tr("Pause") : tr("Play the reading"));
    playButton_->setEnabled(hasTrajectory());
    slider_->setEnabled(hasTrajectory());
}

void MagnetisationSphereView::setView(double azimuthDegrees, double elevationDegrees) {
    azimuthDegrees_ = std::remainder(azimuthDegrees, 360.0);
    elevationDegrees_ = std::clamp(elevationDegrees, -kMaximumElevation, kMaximumElevation);
    update();
}

// ---------------------------------------------------------------------------------------------------------------
// Geometry and projection

MagnetisationSphereView::Geometry MagnetisationSphereView::geometry() const {
    Geometry g;
    const double az = azimuthDegrees_ * kDegree, el = elevationDegrees_ * kDegree;
    g.viewer = {std::cos(el) * std::cos(az), -std::cos(el) * std::sin(az), std::sin(el)};
    g.right = {std::sin(az), std::cos(az), 0.0};
    g.up = {-std::sin(el) * std::cos(az), std::sin(el) * std::sin(az), std::cos(el)};

    // The controls sit at the bottom at their size hint (the stretch above them takes the rest).
    const QMargins margins = layout()->contentsMargins();
    const double controlsTop = height() - margins.bottom() - controls_->sizeHint().height() - layout()->spacing();
    g.plot = QRectF(0, 0, width(), std::max(0.0, controlsTop));
    QRectF area = g.plot.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const QFontMetricsF metrics(font());

    // A column in the top right corner: the clock, and under it the legend, first without its formulas and then
    // with smaller type (down to 70 %) until it leaves the sphere room.
    QRectF column;
    if (hasTrajectory()) {
        double legendWidth = 0.0, legendHeight = 0.0, rowHeight = 0.0;
        for (auto [brief, scale] :
             {std::pair{false, 0.9}, std::pair{true, 0.9}, std::pair{true, 0.8}, std::pair{true, 0.7}}) {
            const QFontMetricsF legendMetrics(scaledFont(font(), scale));
            double textWidth = 0.0;
            for (Item item : kLegendItems) {
                textWidth = std::max(textWidth, legendMetrics.horizontalAdvance(legendText(item, brief)));
            }
            rowHeight = legendMetrics.height() * 1.3;
            const double padding = 0.5 * legendMetrics.height();
            legendWidth = 2 * padding + 2.2 * legendMetrics.height() + textWidth;
            legendHeight = 2 * padding + kLegendRows * rowHeight;
            g.legendScale = scale;
            g.briefLegend = brief;
            if (legendWidth <= 0.4 * area.width() && legendHeight + metrics.height() <= area.height()) break;
        }
        g.clock = QRectF(area.right() - legendWidth, area.top(), legendWidth, metrics.height());
        g.legend = QRectF(g.clock.left(), g.clock.bottom() + 4, legendWidth, legendHeight);
        const double padding = 0.5 * (legendHeight - kLegendRows * rowHeight);
        for (int i = 0; i < kLegendRows; ++i) {
            g.legendRows[static_cast<std::size_t>(i)] =
                QRectF(g.legend.left(), g.legend.top() + padding + i * rowHeight, legendWidth, rowHeight);
        }
        column = g.clock.united(g.legend).adjusted(-kMargin, -kMargin, kMargin, kMargin);
    }

    // The sphere: the largest radius whose disc and axis labels (out to `reach` from the centre) fit the area and
    // keep clear of the column; centred where they can be, moved towards the lower left where they cannot.
    auto reach = [&](double radius) { return kLabelDistance * radius + 0.6 * metrics.height(); };
    auto place = [&](double radius, QPointF& centre) {
        const double r = reach(radius);
        if (2 * r > area.width() || 2 * r > area.height()) return false;
        const QPointF preferred(std::clamp(area.center().x(), area.left() + r, area.right() - r),
                                std::clamp(area.center().y(), area.top() + r, area.bottom() - r));
        if (column.isEmpty() || distanceToRect(preferred, column) >= r) {
            centre = preferred;
            return true;
        }
        const QPointF corner(area.left() + r, area.bottom() - r);
        if (distanceToRect(corner, column) < r) return false;
        double blocked = 0.0, clear = 1.0;  // fractions of the way from `preferred` to `corner`
        for (int i = 0; i < 30; ++i) {
            const double f = 0.5 * (blocked + clear);
            (distanceToRect(preferred + (corner - preferred) * f, column) >= r ? clear : blocked) = f;
        }
        centre = preferred + (corner - preferred) * clear;
        return true;
    };
    double fits = 0.0,
           tooLarge = (0.5 * std::min(area.width(), area.height()) - 0.6 * metrics.height()) / kLabelDistance;
    g.centre = area.center();
    if (place(tooLarge, g.centre)) {
        fits = tooLarge;
    } else {
        for (int i = 0; i < 30; ++i) {
            const double radius = 0.5 * (fits + tooLarge);
            (place(radius, g.centre) ? fits : tooLarge) = radius;
        }
        if (!place(fits, g.centre)) g.centre = area.center();
    }
    g.radius = std::max(8.0, fits);
    return g;
}

QPointF MagnetisationSphereView::project(const Vec3& v) const { return geometry().at(v); }

bool MagnetisationSphereView::isFrontFacing(const Vec3& v) const { return geometry().inFront(v); }

QPointF MagnetisationSphereView::sphereCentre() const { return geometry().centre; }

double MagnetisationSphereView::sphereRadius() const { return geometry().radius; }

MagnetisationSphereView::Shown MagnetisationSphereView::shownState() const {
    Shown s;
    const auto k = static_cast<std::size_t>(index_);
    const std::size_t next = std::min(k + 1, time_.size() - 1);
    const double span = time_[next] - time_[k];
    const double f = span > 0.0 ? std::clamp((timeNanoseconds_ - time_[k]) / span, 0.0, 1.0) : 0.0;
    s.m = normalized(interpolate(magnetization_[k], magnetization_[next], f));
    if (drive_.empty()) return s;
    Drive drive;
    drive.appliedField = interpolate(drive_[k].appliedField, drive_[next].appliedField, f);
    drive.currentAmpere = drive_[k].currentAmpere + (drive_[next].currentAmpere - drive_[k].currentAmpere) * f;
    const LlgsTorques torques = llgsTorques(model_, s.m, drive);
    s.hasTorques = true;
    s.effectiveField = torques.effectiveField;
    s.torques = {torques.precession, torques.damping, torques.dampingLike, torques.fieldLike};
    double largest = 0.0;
    for (const Vec3& t : s.torques) largest = std::max(largest, norm(t));
    for (std::size_t i = 0; i < s.torques.size(); ++i) {
        s.arrowLength[i] = largest > 0.0 ? torqueArrowLength(norm(s.torques[i]) / largest) : 0.0;
    }
    return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Painting, back to front: what lies behind the sphere, the glass, what lies in front, the arrows, the text.

void MagnetisationSphereView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), Qt::white);
    painter.setRenderHint(QPainter::Antialiasing);
    const Geometry g = geometry();
    const Shown shown = hasTrajectory() ? shownState() : Shown{};

    paintAxes(painter, g, false);
    paintGrid(painter, g, false);
    if (hasTrajectory()) paintPath(painter, g, shown, false);
    paintGlass(painter, g);
    paintGrid(painter, g, true);
    paintAxes(painter, g, true);
    if (hasTrajectory()) {
        paintPath(painter, g, shown, true);
        paintArrows(painter, g, shown);
    }
    paintAxisLabels(painter, g);
    if (hasTrajectory()) paintLegend(painter, g, shown);
    paintCaption(painter, g);
}

void MagnetisationSphereView::paintGlass(QPainter& painter, const Geometry& g) const {
    // Lit from the upper left; translucent, so what lies behind the sphere shows through faded.
    QRadialGradient shading(g.centre + QPointF(-0.35, -0.4) * g.radius, 1.45 * g.radius);
    shading.setColorAt(0.0, QColor(255, 255, 255, 175));
    shading.setColorAt(0.7, QColor(236, 241, 247, 190));
    shading.setColorAt(1.0, QColor(205, 216, 230, 200));
    painter.setPen(QPen(QColor(0x7f, 0x8c, 0x9d), 1.3));
    painter.setBrush(shading);
    painter.drawEllipse(g.centre, g.radius, g.radius);
    painter.setBrush(Qt::NoBrush);
}

void MagnetisationSphereView::paintGrid(QPainter& painter, const Geometry& g, bool front) const {
    // The equator and the x-z and y-z meridians, each split into its halves in front of and behind the sphere.
    const Vec3 x{1, 0, 0}, y{0, 1, 0}, z{0, 0, 1};
    const std::pair<Vec3, Vec3> circles[] = {{x, y}, {x, z}, {y, z}};
    constexpr int segments = 144;
    QPainterPath path;
    for (const auto& [a, b] : circles) {
        bool drawing = false;
        for (int i = 0; i < segments; ++i) {
            const double t0 = 2.0 * std::numbers::pi * i / segments, t1 = 2.0 * std::numbers::pi * (i + 1) / segments;
            const Vec3 p0 = a * std::cos(t0) + b * std::sin(t0), p1 = a * std::cos(t1) + b * std::sin(t1);
            if (g.inFront(p0 + p1) != front) {
                drawing = false;
                continue;
            }
            if (!drawing) path.moveTo(g.at(p0));
            path.lineTo(g.at(p1));
            drawing = true;
        }
    }
    painter.setPen(QPen(kGridColour, front ? 1.0 : 0.9, front ? Qt::SolidLine : Qt::DashLine));
    painter.drawPath(path);
}

void MagnetisationSphereView::paintAxes(QPainter& painter, const Geometry& g, bool front) const {
    for (const Vec3& axis : {Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}}) {
        if (g.inFront(axis) != front) continue;
        drawArrow(painter, g.centre, g.at(axis * kAxisLength), kAxisColour, 1.1, 0.8 * headSize(g.radius));
    }
}

void MagnetisationSphereView::paintAxisLabels(QPainter& painter, const Geometry& g) const {
    QFont italic = font();
    italic.setItalic(true);
    painter.setFont(italic);
    painter.setPen(kAxisColour);
    const QFontMetricsF metrics(italic);
    const std::pair<Vec3, QString> labels[] = {
        {{1, 0, 0}, QStringLiteral("x")}, {{0, 1, 0}, QStringLiteral("y")}, {{0, 0, 1}, QStringLiteral("z")}};
    for (const auto& [axis, text] : labels) {
        const QPointF at = g.at(axis * kLabelDistance);
        const QSizeF size(metrics.horizontalAdvance(text), metrics.height());
        painter.drawText(QRectF(at - QPointF(size.width(), size.height()) / 2, size), Qt::AlignCenter, text);
    }
}

void MagnetisationSphereView::paintPath(QPainter& painter, const Geometry& g, const Shown& shown, bool front) const {
    // The played part runs to the interpolated m of the current time, the rest from there to the end.
    std::vector<Vec3> played(magnetization_.begin(), magnetization_.begin() + index_ + 1);
    played.push_back(shown.m);
    std::vector<Vec3> coming{shown.m};
    coming.insert(coming.end(), magnetization_.begin() + index_ + 1, magnetization_.end());
    auto facingPart = [&](const std::vector<Vec3>& points) {
        QPainterPath path;
        bool drawing = false;
        for (std::size_t i = 0; i + 1 < points.size(); ++i) {
            if (g.inFront(points[i] + points[i + 1]) != front) {
                drawing = false;
                continue;
            }
            if (!drawing) path.moveTo(g.at(points[i]));
            path.lineTo(g.at(points[i + 1]));
            drawing = true;
        }
        return path;
    };
    const QColor colour = MagnetisationSphereView::colour(Item::Trajectory);
    painter.setPen(QPen(withAlpha(colour, 75), 1.1));
    painter.drawPath(facingPart(coming));
    painter.setPen(QPen(colour, front ? 2.0 : 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPath(facingPart(played));
}

void MagnetisationSphereView::paintArrows(QPainter& painter, const Geometry& g, const Shown& shown) const {
    const double head = headSize(g.radius);
    if (shown.hasTorques && norm(shown.effectiveField) > 0.0) {
        drawArrow(painter, g.centre, g.at(normalized(shown.effectiveField) * kEffectiveFieldLength),
                  withAlpha(colour(Item::EffectiveField), 200), 3.5, 1.1 * head);
    }
    drawArrow(painter, g.centre, g.at(model_.referenceAxis), colour(Item::ReferenceLayer), 3.0, head);
    const QPointF tip = g.at(shown.m);
    const bool inFront = g.inFront(shown.m);
    // The arrow of m ends at the edge of the dot on its tip.
    const double dot = std::clamp(0.035 * g.radius, 3.5, 6.0);
    const QPointF toTip = tip - g.centre;
    const double shaft = std::hypot(toTip.x(), toTip.y());
    if (shaft > 2 * dot)
        drawArrow(painter, g.centre, tip - toTip * (dot / shaft), colour(Item::Magnetisation), 2.6, head);
    // The torques, longest first, so that a shorter one along the same direction stays visible on top.
    std::array<std::size_t, 4> order{0, 1, 2, 3};
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return shown.arrowLength[a] > shown.arrowLength[b]; });
    for (std::size_t i : order) {
        if (shown.arrowLength[i] <= 0.0) continue;
        const Vec3 end = shown.m + normalized(shown.torques[i]) * shown.arrowLength[i];
        drawArrow(painter, tip, g.at(end), withAlpha(colour(kTorqueItems[i]), inFront ? 255 : 120), 2.4, 0.9 * head);
    }
    painter.setPen(QPen(colour(Item::Magnetisation), 1.6));
    painter.setBrush(inFront ? colour(Item::Magnetisation) : QColor(Qt::white));
    painter.drawEllipse(tip, dot, dot);
    painter.setBrush(Qt::NoBrush);
}

void MagnetisationSphereView::paintLegend(QPainter& painter, const Geometry& g, const Shown& shown) const {
    const QFont legendFont = scaledFont(font(), g.legendScale);
    const QFontMetricsF metrics(legendFont);
    painter.setFont(legendFont);
    painter.setPen(QPen(QColor(0xc8, 0xd0, 0xd8), 1.0));
    painter.setBrush(QColor(255, 255, 255, 235));
    painter.drawRoundedRect(g.legend, 4, 4);
    painter.setBrush(Qt::NoBrush);
    const double padding = 0.5 * metrics.height();
    const double swatch = 1.7 * metrics.height();
    for (int i = 0; i < kLegendRows; ++i) {
        const Item item = kLegendItems[i];
        const QRectF row = g.legendRows[static_cast<std::size_t>(i)];
        bool drawn = true;  // greyed when the picture does not show it at this time
        if (item == Item::EffectiveField) drawn = shown.hasTorques;
        for (std::size_t t = 0; t < shown.torques.size(); ++t) {
            if (item == kTorqueItems[t]) drawn = shown.arrowLength[t] > 0.0;
        }
        const QColor colour = withAlpha(MagnetisationSphereView::colour(item), drawn ? 255 : 70);
        const double y = row.center().y();
        const QPointF from(row.left() + padding, y), to(row.left() + padding + swatch, y);
        if (item == Item::Trajectory) {
            painter.setPen(QPen(colour, 2.0, Qt::SolidLine, Qt::RoundCap));
            painter.drawLine(from, to);
        } else {
            drawArrow(painter, from, to, colour, item == Item::EffectiveField ? 3.5 : 2.4, 0.55 * metrics.height());
        }
        painter.setPen(drawn ? kInk : QColor(0xa8, 0xa8, 0xa8));
        const QRectF text(to.x() + 0.5 * metrics.height(), row.top(), row.right() - to.x() - padding, row.height());
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, legendText(item, g.briefLegend));
    }
}

void MagnetisationSphereView::paintCaption(QPainter& painter, const Geometry& g) const {
    painter.setFont(font());
    painter.setPen(kInk);
    if (hasTrajectory()) {
        painter.drawText(g.clock, Qt::AlignLeft | Qt::AlignVCenter, tr("t = %1 ns").arg(timeNanoseconds_, 0, 'f', 3));
        return;
    }
    // The empty state: the sphere with a note on it.
    QFont large = scaledFont(font(), 1.15);
    painter.setFont(large);
    const QString text = tr("No reading yet");
    const QFontMetricsF metrics(large);
    const QSizeF size(metrics.horizontalAdvance(text) + metrics.height(), 1.6 * metrics.height());
    const QRectF box(g.centre - QPointF(size.width(), size.height()) / 2, size);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 220));
    painter.drawRoundedRect(box, 6, 6);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QColor(0x55, 0x55, 0x55));
    painter.drawText(box, Qt::AlignCenter, text);
}

// ---------------------------------------------------------------------------------------------------------------
// Interaction

bool MagnetisationSphereView::event(QEvent* event) {
    if (event->type() != QEvent::ToolTip) return QWidget::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const Geometry g = geometry();
    if (hasTrajectory()) {
        for (int i = 0; i < kLegendRows; ++i) {
            const QRectF row = g.legendRows[static_cast<std::size_t>(i)];
            if (row.contains(help->pos())) {
                QToolTip::showText(help->globalPos(), explanation(kLegendItems[i]), this, row.toAlignedRect());
                return true;
            }
        }
    }
    const QRectF disc(g.centre - QPointF(g.radius, g.radius), QSizeF(2 * g.radius, 2 * g.radius));
    if (disc.contains(help->pos())) {
        QToolTip::showText(help->globalPos(),
                           tr("Drag to turn the sphere. From the tip of m, the torques that make up dm/dt (log scale): "
                              "precession about H_eff, damping towards H_eff, spin-transfer torque towards p (I > 0)."),
                           this, disc.toAlignedRect());
    } else {
        QToolTip::hideText();
    }
    return true;
}

void MagnetisationSphereView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !geometry().plot.contains(event->position())) {
        QWidget::mousePressEvent(event);
        return;
    }
    dragging_ = true;
    dragOrigin_ = event->position();
    setCursor(Qt::ClosedHandCursor);
}

void MagnetisationSphereView::mouseMoveEvent(QMouseEvent* event) {
    if (!dragging_) {
        QWidget::mouseMoveEvent(event);
        return;
    }
    // Dragging right turns the front of the sphere to the right, dragging down tips its top towards the viewer.
    const QPointF delta = event->position() - dragOrigin_;
    dragOrigin_ = event->position();
    setView(azimuthDegrees_ + kDegreesPerPixel * delta.x(), elevationDegrees_ + kDegreesPerPixel * delta.y());
}

void MagnetisationSphereView::mouseReleaseEvent(QMouseEvent* event) {
    if (!dragging_ || event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    dragging_ = false;
    setCursor(Qt::OpenHandCursor);
}

}  // namespace mtj::ui
