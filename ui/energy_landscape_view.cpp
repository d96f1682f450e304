// SPDX-License-Identifier: GPL-3.0-or-later
#include "energy_landscape_view.hpp"

#include "common/colour_map.hpp"
#include "common/ticks.hpp"

#include <QEvent>
#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <array>
#include <cmath>

namespace mtj::ui {

namespace {

constexpr double pi = 3.14159265358979323846;
constexpr double degree = pi / 180.0;

const QColor textColour(25, 25, 25);
const QColor frameColour(90, 90, 90);
const QColor gridColour(225, 225, 225);
const QColor emptyFill(238, 238, 238);
const QColor outlineColour(20, 20, 20);
const QColor profileColour(0x1f, 0x77, 0xb4);        // the first series colour of the program's charts
const QColor magnetizationColour(0xff, 0x7f, 0x0e);  // m: orange ring
const QColor referenceColour(0xff, 0x4f, 0xa8);      // p: pink diamond

/// 1024 colours of viridis, looked up per pixel.
const std::array<QRgb, 1024>& viridisTable() {
    static const std::array<QRgb, 1024> table = [] {
        std::array<QRgb, 1024> t{};
        for (std::size_t k = 0; k < t.size(); ++k) t[k] = viridis(static_cast<double>(k) / (t.size() - 1));
        return t;
    }();
    return table;
}

QRgb lookup(double t) {
    const auto& table = viridisTable();
    const int k = static_cast<int>(std::clamp(t, 0.0, 1.0) * (table.size() - 1) + 0.5);
    return table[static_cast<std::size_t>(k)];
}

/// An energy label: round values with a typographic minus sign.
QString energyLabel(double value, int decimals = -1) {
    QString text = decimals < 0 ? QString::number(value, 'g', 6) : QString::number(value, 'f', decimals);
    if (text.startsWith(QLatin1Char('-'))) {
        const bool zero = text.count(QLatin1Char('0')) + text.count(QLatin1Char('.')) == text.size() - 1;
        text = zero ? text.mid(1) : QChar(0x2212) + text.mid(1);
    }
    return text;
}

QString angleLabel(double degrees) { return energyLabel(std::round(degrees)); }

/// The unit of every energy on the view.
QString unitText() { return QStringLiteral("kB \u00d7 300 K"); }

/// Marching squares: the level curve E = level on the grid as polylines in grid coordinates (x = phi index,
/// y = theta index). Each crossing lies on one grid edge; the segments of neighbouring cells share it, which chains
/// them into polylines (drawn as lines, and dashed without a restart of the pattern every cell).
std::vector<QPolygonF> contourLines(const EnergyLandscape& l, double level) {
    const int columns = l.phiSteps;
    auto horizontalEdge = [columns](int i, int j) { return 2 * (i * columns + j); };    // (i, j)-(i, j + 1)
    auto verticalEdge = [columns](int i, int j) { return 2 * (i * columns + j) + 1; };  // (i, j)-(i + 1, j)
    struct Segment {
        int edge[2];
        QPointF point[2];
    };
    std::vector<Segment> segments;
    for (int i = 0; i + 1 < l.thetaSteps; ++i) {
        for (int j = 0; j + 1 < columns; ++j) {
            const double v0 = l.at(i, j), v1 = l.at(i, j + 1), v2 = l.at(i + 1, j + 1), v3 = l.at(i + 1, j);
            const int code = (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) | (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0);
            if (code == 0 || code == 15) continue;
            auto cut = [level](double a, double b) { return (level - a) / (b - a); };
            // The four crossings a cell can have: (edge id, point); only those of a sign change are used.
            enum { Top, Right, Bottom, Left };
            auto crossing = [&](int side) -> std::pair<int, QPointF> {
                switch (side) {
                    case Top: return {horizontalEdge(i, j), QPointF(j + cut(v0, v1), i)};
                    case Right: return {verticalEdge(i, j + 1), QPointF(j + 1, i + cut(v1, v2))};
                    case Bottom: return {horizontalEdge(i + 1, j), QPointF(j + cut(v3, v2), i + 1)};
                    default: return {verticalEdge(i, j), QPointF(j, i + cut(v0, v3))};
                }
            };
            auto segment = [&](int a, int b) {
                const auto [edgeA, pointA] = crossing(a);
                const auto [edgeB, pointB] = crossing(b);
                segments.push_back({{edgeA, edgeB}, {pointA, pointB}});
            };
            const bool centreAbove = 0.25 * (v0 + v1 + v2 + v3) > level;
            switch (code) {
                case 1:
                case 14: segment(Left, Top); break;
                case 2:
                case 13: segment(Top, Right); break;
                case 3:
                case 12: segment(Left, Right); break;
                case 4:
                case 11: segment(Right, Bottom); break;
                case 6:
                case 9: segment(Top, Bottom); break;
                case 7:
                case 8: segment(Bottom, Left); break;
                case 5:  // corners 0 and 2 above: a saddle cell, resolved by the centre value
                    if (centreAbove) {
                        segment(Top, Right);
                        segment(Bottom, Left);
                    } else {
                        segment(Left, Top);
                        segment(Right, Bottom);
                    }
                    break;
                case 10:  // corners 1 and 3 above
                    if (centreAbove) {
                        segment(Left, Top);
                        segment(Right, Bottom);
                    } else {
                        segment(Top, Right);
                        segment(Bottom, Left);
                    }
                    break;
                default: break;
            }
        }
    }
    // Chain: every edge is shared by at most two segments.
    std::vector<std::array<int, 2>> onEdge(static_cast<std::size_t>(2 * l.thetaSteps * columns), {-1, -1});
    for (int k = 0; k < static_cast<int>(segments.size()); ++k) {
        for (int end : {0, 1}) {
            auto& slot = onEdge[static_cast<std::size_t>(segments[static_cast<std::size_t>(k)].edge[end])];
            (slot[0] < 0 ? slot[0] : slot[1]) = k;
        }
    }
    std::vector<bool> used(segments.size(), false);
    std::vector<QPolygonF> lines;
    // Follows the chain from segment k leaving through `edge`, appending points to `out`.
    auto follow = [&](int edge, std::vector<QPointF>& out) {
        for (;;) {
            const auto& slot = onEdge[static_cast<std::size_t>(edge)];
            int next = -1;
            for (int candidate : slot) {
                if (candidate >= 0 && !used[static_cast<std::size_t>(candidate)]) next = candidate;
            }
            if (next < 0) return;
            used[static_cast<std::size_t>(next)] = true;
            const Segment& seg = segments[static_cast<std::size_t>(next)];
            const int exit = seg.edge[0] == edge ? 1 : 0;
            out.push_back(seg.point[exit]);
            edge = seg.edge[exit];
        }
    };
    for (std::size_t k = 0; k < segments.size(); ++k) {
        if (used[k]) continue;
        used[k] = true;
        std::vector<QPointF> forward{segments[k].point[1]}, backward{segments[k].point[0]};
        follow(segments[k].edge[1], forward);
        follow(segments[k].edge[0], backward);
        QPolygonF line;
        line.reserve(static_cast<qsizetype>(forward.size() + backward.size()));
        for (auto it = backward.rbegin(); it != backward.rend(); ++it) line << *it;
        for (const QPointF& p : forward) line << p;
        lines.push_back(std::move(line));
    }
    return lines;
}

/// The map's grid coordinates -> widget pixels.
QTransform gridToPixels(const EnergyLandscape& l, const QRectF& map) {
    QTransform t;
    t.translate(map.left(), map.top());
    t.scale(map.width() / (l.phiSteps - 1), map.height() / (l.thetaSteps - 1));
    return t;
}

bool nearPlane(double theta) { return std::abs(theta - 0.5 * pi) < 2.0 * degree; }

}  // namespace

EnergyLandscapeView::EnergyLandscapeView(QWidget* parent) : QWidget(parent), title_(tr("Energy landscape")) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QSize EnergyLandscapeView::sizeHint() const { return {640, 480}; }
QSize EnergyLandscapeView::minimumSizeHint() const { return {380, 320}; }

QColor EnergyLandscapeView::stableMarkerFill() { return QColor(255, 255, 255); }

void EnergyLandscapeView::setLandscape(const EnergyLandscape& landscape,
                                       const std::vector<LandscapeFixedPoint>& fixedPoints) {
    landscape_ = landscape;
    fixedPoints_ = fixedPoints;
    nodeColour_.clear();
    if (!landscape_.empty()) {
        nodeColour_.resize(landscape_.energy.size());
        for (std::size_t k = 0; k < landscape_.energy.size(); ++k) {
            nodeColour_[k] = static_cast<float>(colourCoordinate(landscape_.energy[k]));
        }
    }
    rebuildContours();
    imageValid_ = false;
    updateReadout(mouse_);
    update();
}

void EnergyLandscapeView::clear() { setLandscape(EnergyLandscape{}, {}); }

void EnergyLandscapeView::setMarks(std::optional<Vec3> magnetization, std::optional<Vec3> reference) {
    magnetization_ = magnetization;
    reference_ = reference;
    update();
}

void EnergyLandscapeView::setTitle(const QString& title) {
    title_ = title;
    update();
}

double EnergyLandscapeView::colourCoordinate(double energy) const {
    // asinh of the height above the minimum in units of kB T: linear within kB T, logarithmic above.
    const double span = landscape_.maximum - landscape_.minimum;
    if (!(span > 0.0)) return 0.0;
    return std::clamp(std::asinh(std::max(0.0, energy - landscape_.minimum)) / std::asinh(span), 0.0, 1.0);
}

QColor EnergyLandscapeView::energyColour(double energy) const {
    return QColor::fromRgb(lookup(colourCoordinate(energy)));
}

void EnergyLandscapeView::rebuildContours() {
    levels_.clear();
    saddleLevels_.clear();
    contours_.clear();
    separatrix_.clear();
    if (landscape_.empty()) return;
    for (const LandscapeFixedPoint& p : fixedPoints_) {
        if (p.kind != LandscapeFixedPoint::Kind::Saddle) continue;
        const bool known = std::any_of(saddleLevels_.begin(), saddleLevels_.end(),
                                       [&](double e) { return std::abs(e - p.energy) < 1e-6 * (1.0 + std::abs(e)); });
        if (!known) saddleLevels_.push_back(p.energy);
    }
    // Round energies: 0, then powers of ten, then 5 and 2 times them, then the other single-digit multiples, kept
    // where they are at least 7 % of the colour scale apart from each other.
    std::vector<std::pair<int, double>> candidates;  // (priority, value)
    const double largest = std::max(std::abs(landscape_.minimum), std::abs(landscape_.maximum));
    candidates.emplace_back(0, 0.0);
    for (double power = 1e-3; power <= 10.0 * largest; power *= 10.0) {
        for (int digit = 1; digit <= 9; ++digit) {
            const int priority = digit == 1 ? 1 : digit == 5 ? 2 : digit == 2 ? 3 : 4;
            candidates.emplace_back(priority, digit * power);
            candidates.emplace_back(priority, -digit * power);
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        return a.first < b.first || (a.first == b.first && std::abs(a.second) > std::abs(b.second));
    });
    std::vector<double> accepted;
    for (const auto& candidate : candidates) {
        const double v = candidate.second;
        const double c = colourCoordinate(v);
        if (v <= landscape_.minimum || v >= landscape_.maximum || c < 0.02 || c > 0.985) continue;
        const auto tooClose = [&](double other) { return std::abs(colourCoordinate(other) - c) < 0.07; };
        if (std::any_of(accepted.begin(), accepted.end(), tooClose)) continue;
        accepted.push_back(v);
    }
    std::sort(accepted.begin(), accepted.end());
    levels_ = accepted;
    for (double level : levels_) {
        const bool isSaddle = std::any_of(saddleLevels_.begin(), saddleLevels_.end(), [&](double e) {
            return std::abs(colourCoordinate(e) - colourCoordinate(level)) < 0.01;
        });
        if (!isSaddle) {
            for (QPolygonF& line : contourLines(landscape_, level)) contours_.push_back(std::move(line));
        }
    }
    for (double level : saddleLevels_) {
        for (QPolygonF& line : contourLines(landscape_, level)) separatrix_.push_back(std::move(line));
    }
}

QFont EnergyLandscapeView::tickFont() const {
    QFont f = font();
    if (f.pointSizeF() > 0) {
        f.setPointSizeF(f.pointSizeF() * 0.9);
    } else if (f.pixelSize() > 0) {
        f.setPixelSize(std::max(6, static_cast<int>(std::lround(f.pixelSize() * 0.9))));
    }
    return f;
}

double EnergyLandscapeView::markerRadius() const { return std::max(3.5, 0.3 * QFontMetricsF(font()).height()); }

std::vector<EnergyLandscapeView::LegendEntry> EnergyLandscapeView::legendEntries() const {
    std::vector<LegendEntry> entries{{0, tr("stable")}, {1, tr("saddle")}, {2, tr("unstable")}};
    if (magnetization_) entries.push_back({3, tr("m")});
    if (reference_) entries.push_back({4, tr("p")});
    return entries;
}

double EnergyLandscapeView::legendEntryWidth(const LegendEntry& entry) const {
    const QFontMetricsF fm(tickFont());
    return 3.0 * markerRadius() + 0.3 * fm.height() + fm.horizontalAdvance(entry.text) + 1.0 * fm.height();
}

EnergyLandscapeView::Layout EnergyLandscapeView::layout() const {
    Layout l;
    const QFontMetricsF fm(font());
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF fmBold(bold);
    const QFontMetricsF fmTick(tickFont());
    const double w = width(), h = height();
    const double margin = std::max(4.0, 0.35 * fm.height());
    const double line = fm.height();
    const double tickLength = 4.0;

    // Horizontal: [theta title | theta / E labels | ticks] map [gap | bar | ticks | labels | gap | bar title].
    double leftLabels = 0.0;
    for (const char* label : {"0", "45", "90", "135", "180"}) {
        leftLabels = std::max(leftLabels, fmTick.horizontalAdvance(QString::fromLatin1(label)));
    }
    if (!landscape_.inPlaneProfile.empty()) {
        const auto [lo, hi] = std::minmax_element(landscape_.inPlaneProfile.begin(), landscape_.inPlaneProfile.end());
        for (double v : roundTicks(*lo, *hi, 5))
            leftLabels = std::max(leftLabels, fmTick.horizontalAdvance(energyLabel(v)));
        leftLabels = std::max(leftLabels, fmTick.horizontalAdvance(energyLabel(-888.0)));
    }
    double barLabels = fmTick.horizontalAdvance(QStringLiteral("0"));
    for (double v : levels_) barLabels = std::max(barLabels, fmTick.horizontalAdvance(energyLabel(v)));
    if (hasLandscape()) {
        for (double v : {landscape_.minimum, landscape_.maximum}) {
            barLabels = std::max(barLabels, fmTick.horizontalAdvance(energyLabel(v, std::abs(v) < 100.0 ? 1 : 0)));
        }
    }
    const double left = margin + line + 0.4 * line + leftLabels + tickLength + 2.0;
    const double barGap = std::max(10.0, 0.8 * line);
    const double barWidth = std::max(8.0, 0.7 * line);
    const double right = barGap + barWidth + tickLength + 2.0 + barLabels + 0.4 * line + line + margin;

    // Vertical: title (and legend when both fit on one line), legend rows, map, caption, profile, phi axis.
    double y = margin;
    const double titleHeight = fmBold.height();
    const double available = w - 2.0 * margin;
    double legendWidth = 0.0;
    for (const LegendEntry& e : legendEntries()) legendWidth += legendEntryWidth(e);
    const double titleWidth = fmBold.horizontalAdvance(title_);
    const double legendRowHeight = std::max(fmTick.height(), 2.4 * markerRadius());
    if (titleWidth + line + legendWidth <= available) {
        l.title = QRectF(margin, y, available, titleHeight);
        l.legend =
            QRectF(w - margin - legendWidth, y + 0.5 * (titleHeight - legendRowHeight), legendWidth, legendRowHeight);
        l.legendRows = 1;
        y += std::max(titleHeight, legendRowHeight);
    } else {
        l.title = QRectF(margin, y, available, titleHeight);
        y += titleHeight + 0.15 * line;
        int rows = 1;
        double x = 0.0;
        for (const LegendEntry& e : legendEntries()) {
            const double ew = legendEntryWidth(e);
            if (x > 0.0 && x + ew > available) {
                ++rows;
                x = 0.0;
            }
            x += ew;
        }
        l.legendRows = rows;
        l.legend = QRectF(margin, y, available, rows * legendRowHeight);
        y += rows * legendRowHeight;
    }
    y += 0.5 * fmTick.height() + 0.2 * line;  // room for the top theta label, centred on the map's edge
    const double mapTop = y;
    const double bottomBlock = tickLength + 2.0 + fmTick.height() + 0.15 * line + line + margin;
    const double captionBlock = tickLength + 0.3 * line + fmTick.height() + 0.2 * line;
    const double plots = std::max(40.0, h - mapTop - bottomBlock - captionBlock);
    const double profileHeight = std::clamp(0.3 * plots, 3.0 * fmTick.height(), 0.45 * plots);
    const double mapHeight = std::round(plots - profileHeight);
    const double mapLeft = std::round(left);
    const double mapRight = std::round(w - right);
    l.map = QRectF(mapLeft, std::round(mapTop), std::max(20.0, mapRight - mapLeft), mapHeight);
    l.bar = QRectF(l.map.right() + barGap, l.map.top(), barWidth, l.map.height());
    l.barLabelLeft = l.bar.right() + tickLength + 2.0;
    l.barTitleCentreX = l.barLabelLeft + barLabels + 0.4 * line + 0.5 * line;
    l.thetaTitleCentreX = margin + 0.5 * line;
    const double captionTop = l.map.bottom() + tickLength + 0.3 * line;
    l.profileCaption = QRectF(margin, captionTop, l.bar.left() - margin, fmTick.height());
    l.profile = QRectF(l.map.left(), std::round(captionTop + fmTick.height() + 0.2 * line), l.map.width(),
                       std::round(profileHeight));
    l.phiLabelTop = l.profile.bottom() + tickLength + 2.0;
    l.phiTitleTop = l.phiLabelTop + fmTick.height() + 0.15 * line;
    return l;
}

QRect EnergyLandscapeView::mapRect() const { return layout().map.toRect(); }
QRect EnergyLandscapeView::profileRect() const { return layout().profile.toRect(); }
QRect EnergyLandscapeView::colourBarRect() const { return layout().bar.toRect(); }

QPointF EnergyLandscapeView::mapPosition(double thetaRadians, double phiRadians) const {
    const QRectF map = layout().map;
    return {map.left() + (phiRadians + pi) / (2.0 * pi) * map.width(), map.top() + thetaRadians / pi * map.height()};
}

namespace {

/// The profile's vertical scale: the curve's range mapped onto the plot, inset by `inset` pixels at the top and
/// bottom so the markers at the extremes stay whole.
struct ProfileScale {
    double lo = 0.0, hi = 1.0;       // curve minimum and maximum
    double top = 0.0, bottom = 1.0;  // their pixel rows
    [[nodiscard]] double y(double e) const { return bottom - (e - lo) / (hi - lo) * (bottom - top); }
    [[nodiscard]] double energy(double row) const { return lo + (bottom - row) / (bottom - top) * (hi - lo); }
};

ProfileScale profileScale(const EnergyLandscape& l, const QRectF& box, double inset) {
    ProfileScale s;
    if (!l.inPlaneProfile.empty()) {
        const auto [lo, hi] = std::minmax_element(l.inPlaneProfile.begin(), l.inPlaneProfile.end());
        s.lo = *lo;
        s.hi = std::max(*hi, *lo + 1e-9);
    }
    inset = std::min(inset, 0.3 * box.height());
    s.top = box.top() + inset;
    s.bottom = box.bottom() - inset;
    return s;
}

/// The first text that fits in `room` pixels, else the last.
QString firstFitting(const QFontMetricsF& fm, const QStringList& texts, double room) {
    for (const QString& t : texts) {
        if (fm.horizontalAdvance(t) <= room) return t;
    }
    return texts.back();
}

}  // namespace

QPointF EnergyLandscapeView::profilePosition(double phiRadians, double energy) const {
    const QRectF p = layout().profile;
    const ProfileScale scale = profileScale(landscape_, p, markerRadius() + 3.0);
    return {p.left() + (phiRadians + pi) / (2.0 * pi) * p.width(), scale.y(energy)};
}

void EnergyLandscapeView::ensureImage(const QSize& size, qreal devicePixelRatio) {
    const QSize pixels(std::max(1, static_cast<int>(std::lround(size.width() * devicePixelRatio))),
                       std::max(1, static_cast<int>(std::lround(size.height() * devicePixelRatio))));
    if (imageValid_ && image_.size() == pixels) return;
    if (image_.size() != pixels) image_ = QImage(pixels, QImage::Format_RGB32);  // else repainted in place
    image_.setDevicePixelRatio(devicePixelRatio);
    // Bicubic (Catmull-Rom) interpolation of the energy, separably: first down theta for each pixel row at every
    // grid column, then along phi (periodic) for each pixel; the colour scale is applied per pixel. The valleys of
    // an in-plane film are a few grid cells wide in theta, where linear interpolation would show facets.
    const int columns = landscape_.phiSteps, rows = landscape_.thetaSteps;
    const int period = columns - 1;
    std::vector<int> column(static_cast<std::size_t>(pixels.width()));
    std::vector<double> columnWeight(column.size());
    for (int px = 0; px < pixels.width(); ++px) {
        const double gx = (px + 0.5) / pixels.width() * period;
        const int j = std::min(static_cast<int>(gx), period - 1);
        column[static_cast<std::size_t>(px)] = j;
        columnWeight[static_cast<std::size_t>(px)] = gx - j;
    }
    std::vector<double> rowValues(static_cast<std::size_t>(period) + 3);  // columns -1 .. period + 1
    const double span = landscape_.maximum - landscape_.minimum;
    const double scale = span > 0.0 ? 1.0 / std::asinh(span) : 0.0;
    for (int py = 0; py < pixels.height(); ++py) {
        const double gy = (py + 0.5) / pixels.height() * (rows - 1);
        const int i = std::min(static_cast<int>(gy), rows - 2);
        const double s = gy - i;
        int r[4];
        for (int k = 0; k < 4; ++k) r[k] = std::clamp(i - 1 + k, 0, rows - 1);
        for (int j = -1; j <= period + 1; ++j) {
            const int jj = (j % period + period) % period;
            rowValues[static_cast<std::size_t>(j + 1)] = catmullRom(
                landscape_.at(r[0], jj), landscape_.at(r[1], jj), landscape_.at(r[2], jj), landscape_.at(r[3], jj), s);
        }
        auto* line = reinterpret_cast<QRgb*>(image_.scanLine(py));
        for (int px = 0; px < pixels.width(); ++px) {
            const double* v = rowValues.data() + column[static_cast<std::size_t>(px)];  // v[0] is column j - 1
            const double e = catmullRom(v[0], v[1], v[2], v[3], columnWeight[static_cast<std::size_t>(px)]);
            line[px] = lookup(std::asinh(std::max(0.0, e - landscape_.minimum)) * scale);
        }
    }
    imageValid_ = true;
}

void EnergyLandscapeView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), Qt::white);
    painter.setRenderHint(QPainter::Antialiasing);
    const Layout l = layout();

    // Title, elided rather than clipped when the widget is very narrow.
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(textColour);
    const QFontMetricsF fmBold(bold);
    const double titleRoom = l.legendRows == 1 && l.legend.top() < l.title.bottom()
                                 ? l.legend.left() - l.title.left() - 4.0
                                 : l.title.width();
    painter.drawText(l.title, Qt::AlignLeft | Qt::AlignVCenter, fmBold.elidedText(title_, Qt::ElideRight, titleRoom));
    drawLegend(painter, l);

    // The map.
    if (hasLandscape()) {
        ensureImage(l.map.size().toSize(), devicePixelRatioF());
        painter.drawImage(l.map.topLeft(), image_);
        painter.save();
        painter.setClipRect(l.map);
        const QTransform toPixels = gridToPixels(landscape_, l.map);
        // Cosmetic pens: the raster engine's fast path for thin lines.
        QPen thin(QColor(255, 255, 255, 85), 1.0);
        thin.setCosmetic(true);
        painter.setPen(thin);
        for (const QPolygonF& line : contours_) painter.drawPolyline(toPixels.map(line));
        QPen dashed(QColor(255, 255, 255, 200), 1.3, Qt::DashLine);
        dashed.setCosmetic(true);
        painter.setPen(dashed);
        for (const QPolygonF& line : separatrix_) painter.drawPolyline(toPixels.map(line));
        painter.restore();
    } else {
        painter.fillRect(l.map, emptyFill);
        painter.setPen(textColour);
        painter.setFont(font());
        painter.drawText(l.map, Qt::AlignCenter, tr("No landscape yet"));
    }
    drawMapAxes(painter, l);
    drawColourBar(painter, l);
    drawMarkers(painter, l);
    drawProfile(painter, l);
    drawReadout(painter);
}

void EnergyLandscapeView::drawMapAxes(QPainter& painter, const Layout& l) const {
    const QFontMetricsF fmTick(tickFont());
    const QFontMetricsF fm(font());
    painter.setPen(QPen(frameColour, 1.0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(l.map);

    // theta: 0 (+z) at the top, 180 (-z) at the bottom; steps of 45 deg where the labels have room.
    painter.setFont(tickFont());
    const double thetaStep = l.map.height() / 4.0 > 1.5 * fmTick.height() ? 45.0 : 90.0;
    for (double t = 0.0; t <= 180.0 + 1e-9; t += thetaStep) {
        const double y = l.map.top() + t / 180.0 * l.map.height();
        painter.setPen(QPen(frameColour, 1.0));
        painter.drawLine(QPointF(l.map.left() - 4.0, y), QPointF(l.map.left(), y));
        painter.setPen(textColour);
        const QRectF box(l.map.left() - 6.0 - 200.0, y - 0.5 * fmTick.height(), 200.0, fmTick.height());
        painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter, angleLabel(t));
    }
    // The film plane, where the profile below is taken: small inward triangles on both edges.
    const double y90 = l.map.top() + 0.5 * l.map.height();
    const double a = 0.3 * fmTick.height();
    painter.setPen(QPen(outlineColour, 0.8));
    painter.setBrush(Qt::white);
    painter.drawPolygon(QPolygonF(
        {QPointF(l.map.left(), y90 - a), QPointF(l.map.left() + 1.6 * a, y90), QPointF(l.map.left(), y90 + a)}));
    painter.drawPolygon(QPolygonF(
        {QPointF(l.map.right(), y90 - a), QPointF(l.map.right() - 1.6 * a, y90), QPointF(l.map.right(), y90 + a)}));
    painter.setBrush(Qt::NoBrush);
    // phi ticks on the map's lower edge (the labels are under the profile, which shares the axis).
    const double phiStep =
        l.map.width() / 8.0 > 1.6 * fmTick.horizontalAdvance(QStringLiteral("\u2212135")) ? 45.0 : 90.0;
    painter.setPen(QPen(frameColour, 1.0));
    for (double p = -180.0; p <= 180.0 + 1e-9; p += phiStep) {
        const double x = l.map.left() + (p + 180.0) / 360.0 * l.map.width();
        painter.drawLine(QPointF(x, l.map.bottom()), QPointF(x, l.map.bottom() + 4.0));
    }
    // theta axis title, rotated, centred on the map.
    painter.save();
    painter.setFont(font());
    painter.setPen(textColour);
    painter.translate(l.thetaTitleCentreX, l.map.center().y());
    painter.rotate(-90.0);
    const QString thetaTitle = firstFitting(
        fm, {tr("polar angle \u03b8 (deg)"), tr("polar \u03b8 (deg)"), tr("\u03b8 (deg)")}, l.map.height());
    const double titleWidth = fm.horizontalAdvance(thetaTitle);
    painter.drawText(QRectF(-0.5 * titleWidth - 2.0, -0.5 * fm.height(), titleWidth + 4.0, fm.height()),
                     Qt::AlignCenter, thetaTitle);
    painter.restore();
}

void EnergyLandscapeView::drawColourBar(QPainter& painter, const Layout& l) const {
    const QFontMetricsF fmTick(tickFont());
    const QFontMetricsF fm(font());
    if (hasLandscape()) {
        QImage strip(1, std::max(2, static_cast<int>(l.bar.height())), QImage::Format_RGB32);
        for (int row = 0; row < strip.height(); ++row) {
            const double t = 1.0 - (row + 0.5) / strip.height();
            strip.setPixel(0, row, lookup(t));
        }
        painter.drawImage(l.bar, strip);
        // The ends carry the landscape's minimum and maximum; ticks at the contour levels between them, skipping
        // labels that would overlap.
        painter.setFont(tickFont());
        auto tick = [&](double y, const QString& label) {
            painter.setPen(QPen(frameColour, 1.0));
            painter.drawLine(QPointF(l.bar.right(), y), QPointF(l.bar.right() + 4.0, y));
            painter.setPen(textColour);
            painter.drawText(QRectF(l.barLabelLeft, y - 0.5 * fmTick.height(), 200.0, fmTick.height()),
                             Qt::AlignLeft | Qt::AlignVCenter, label);
        };
        const double lowest = landscape_.minimum, highest = landscape_.maximum;
        tick(l.bar.bottom(), energyLabel(lowest, std::abs(lowest) < 100.0 ? 1 : 0));
        tick(l.bar.top(), energyLabel(highest, std::abs(highest) < 100.0 ? 1 : 0));
        double lastY = l.bar.bottom();
        for (double level : levels_) {
            const double y = l.bar.bottom() - colourCoordinate(level) * l.bar.height();
            if (lastY - y < 1.05 * fmTick.height() || y - l.bar.top() < 1.05 * fmTick.height()) continue;
            lastY = y;
            tick(y, energyLabel(level));
        }
        // The saddle energies, dashed as on the map.
        painter.setPen(QPen(QColor(255, 255, 255, 220), 1.3, Qt::DashLine));
        for (double e : saddleLevels_) {
            const double y = l.bar.bottom() - colourCoordinate(e) * l.bar.height();
            painter.drawLine(QPointF(l.bar.left(), y), QPointF(l.bar.right(), y));
        }
    } else {
        painter.fillRect(l.bar, emptyFill);
    }
    painter.setPen(QPen(frameColour, 1.0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(l.bar);
    painter.save();
    painter.setFont(font());
    painter.setPen(textColour);
    // Centred on the map where it fits; else from the map's top down the free column beside the profile.
    const double column = l.profile.bottom() - l.map.top();
    const QString barTitle = firstFitting(fm, {tr("E (%1)").arg(unitText()), tr("E (kB\u00b7300 K)")}, column);
    const double titleWidth = fm.horizontalAdvance(barTitle);
    const double centreY =
        titleWidth <= l.map.height() ? l.map.center().y() : l.map.top() + 0.5 * std::min(titleWidth, column);
    painter.translate(l.barTitleCentreX, centreY);
    painter.rotate(-90.0);
    painter.drawText(QRectF(-0.5 * titleWidth - 2.0, -0.5 * fm.height(), titleWidth + 4.0, fm.height()),
                     Qt::AlignCenter, barTitle);
    painter.restore();
}

void EnergyLandscapeView::drawSymbol(QPainter& painter, int symbol, const QPointF& c, double r) const {
    painter.save();
    painter.setBrush(Qt::NoBrush);
    switch (symbol) {
        case 0:  // stable: filled white disc, dark outline
            painter.setPen(QPen(outlineColour, 1.5));
            painter.setBrush(stableMarkerFill());
            painter.drawEllipse(c, r, r);
            break;
        case 1: {  // saddle: a white X with a dark outline
            const double a = 0.9 * r;
            for (const auto& [pen, width] : {std::pair{outlineColour, 4.2}, std::pair{QColor(Qt::white), 2.0}}) {
                painter.setPen(QPen(pen, width, Qt::SolidLine, Qt::FlatCap));
                painter.drawLine(c + QPointF(-a, -a), c + QPointF(a, a));
                painter.drawLine(c + QPointF(-a, a), c + QPointF(a, -a));
            }
            break;
        }
        case 2:  // unstable: open circle
            painter.setPen(QPen(outlineColour, 4.0));
            painter.drawEllipse(c, r, r);
            painter.setPen(QPen(Qt::white, 2.0));
            painter.drawEllipse(c, r, r);
            break;
        case 3:  // m: orange ring around the state
            painter.setPen(QPen(outlineColour, 4.5));
            painter.drawEllipse(c, 2.0 * r, 2.0 * r);
            painter.setPen(QPen(magnetizationColour, 2.5));
            painter.drawEllipse(c, 2.0 * r, 2.0 * r);
            break;
        case 4: {  // p: pink diamond
            const double a = 2.7 * r;
            const QPolygonF diamond({c + QPointF(0, -a), c + QPointF(a, 0), c + QPointF(0, a), c + QPointF(-a, 0)});
            painter.setPen(QPen(outlineColour, 4.0, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
            painter.drawPolygon(diamond);
            painter.setPen(QPen(referenceColour, 2.0, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
            painter.drawPolygon(diamond);
            break;
        }
        default: break;
    }
    painter.restore();
}

namespace {

int symbolOf(LandscapeFixedPoint::Kind kind) {
    switch (kind) {
        case LandscapeFixedPoint::Kind::Stable: return 0;
        case LandscapeFixedPoint::Kind::Saddle: return 1;
        case LandscapeFixedPoint::Kind::Unstable: return 2;
    }
    return 2;
}

double thetaOf(const Vec3& m) { return std::atan2(std::hypot(m.x, m.y), m.z); }
double phiOf(const Vec3& m) { return std::atan2(m.y, m.x); }

}  // namespace

void EnergyLandscapeView::drawMarkers(QPainter& painter, const Layout& l) const {
    if (!hasLandscape()) return;
    painter.save();
    painter.setClipRect(l.map.adjusted(-0.5, -0.5, 0.5, 0.5));
    const double r = markerRadius();
    // A point on the meridian phi = +-180 deg is drawn on both edges (the map is periodic in phi).
    auto place = [&](double theta, double phi, auto&& draw) {
        const QPointF at = mapPosition(theta, phi);
        draw(at);
        if (phi > pi - 0.05) draw(mapPosition(theta, phi - 2.0 * pi));
        if (phi < -pi + 0.05) draw(mapPosition(theta, phi + 2.0 * pi));
    };
    // Unstable and saddle points first, stable ones on top, then the marks.
    for (int symbol : {2, 1, 0}) {
        for (const LandscapeFixedPoint& p : fixedPoints_) {
            if (symbolOf(p.kind) != symbol) continue;
            place(p.theta, p.phi, [&](const QPointF& at) { drawSymbol(painter, symbol, at, r); });
        }
    }
    if (reference_) {
        place(thetaOf(*reference_), phiOf(*reference_), [&](const QPointF& at) { drawSymbol(painter, 4, at, r); });
    }
    if (magnetization_) {
        place(thetaOf(*magnetization_), phiOf(*magnetization_),
              [&](const QPointF& at) { drawSymbol(painter, 3, at, r); });
    }
    painter.restore();
}

void EnergyLandscapeView::drawProfile(QPainter& painter, const Layout& l) const {
    const QFontMetricsF fmTick(tickFont());
    const QFontMetricsF fm(font());
    const QRectF& box = l.profile;

    painter.setFont(tickFont());
    painter.setPen(textColour);
    // The unit is never elided: shorter wordings first.
    painter.drawText(l.profileCaption, Qt::AlignLeft | Qt::AlignVCenter,
                     firstFitting(fmTick,
                                  {tr("In-plane profile at \u03b8 = 90\u00b0:  E (%1)").arg(unitText()),
                                   tr("In plane, \u03b8 = 90\u00b0:  E (%1)").arg(unitText()),
                                   tr("\u03b8 = 90\u00b0:  E (%1)").arg(unitText()), tr("E (%1)").arg(unitText())},
                                  l.profileCaption.width()));

    // phi grid, ticks and labels (shared with the map).
    const double phiStep =
        l.map.width() / 8.0 > 1.6 * fmTick.horizontalAdvance(QStringLiteral("\u2212135")) ? 45.0 : 90.0;
    for (double p = -180.0; p <= 180.0 + 1e-9; p += phiStep) {
        const double x = box.left() + (p + 180.0) / 360.0 * box.width();
        painter.setPen(QPen(gridColour, 1.0));
        painter.drawLine(QPointF(x, box.top()), QPointF(x, box.bottom()));
        painter.setPen(QPen(frameColour, 1.0));
        painter.drawLine(QPointF(x, box.bottom()), QPointF(x, box.bottom() + 4.0));
        painter.setPen(textColour);
        painter.drawText(QRectF(x - 100.0, l.phiLabelTop, 200.0, fmTick.height()), Qt::AlignHCenter | Qt::AlignTop,
                         angleLabel(p));
    }
    painter.setFont(font());
    painter.drawText(QRectF(box.left(), l.phiTitleTop, box.width(), fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                     tr("azimuth \u03c6 (deg)"));

    if (hasLandscape() && !landscape_.inPlaneProfile.empty()) {
        const ProfileScale scale = profileScale(landscape_, box, markerRadius() + 3.0);
        auto yOf = [&scale](double e) { return scale.y(e); };
        // Energy ticks where the labels have room.
        const int count = std::max(1, static_cast<int>(box.height() / (1.6 * fmTick.height())));
        painter.setFont(tickFont());
        for (double v : roundTicks(scale.energy(box.bottom()), scale.energy(box.top()), count)) {
            const double y = yOf(v);
            painter.setPen(QPen(gridColour, 1.0));
            painter.drawLine(QPointF(box.left(), y), QPointF(box.right(), y));
            painter.setPen(QPen(frameColour, 1.0));
            painter.drawLine(QPointF(box.left() - 4.0, y), QPointF(box.left(), y));
            painter.setPen(textColour);
            painter.drawText(QRectF(box.left() - 6.0 - 200.0, y - 0.5 * fmTick.height(), 200.0, fmTick.height()),
                             Qt::AlignRight | Qt::AlignVCenter, energyLabel(v));
        }
        painter.save();
        painter.setClipRect(box);
        // Barriers: from each stable point in the plane up to the lowest saddle in the plane.
        double saddleEnergy = std::numeric_limits<double>::infinity();
        for (const LandscapeFixedPoint& p : fixedPoints_) {
            if (p.kind == LandscapeFixedPoint::Kind::Saddle && nearPlane(p.theta))
                saddleEnergy = std::min(saddleEnergy, p.energy);
        }
        const double r = markerRadius();
        if (std::isfinite(saddleEnergy)) {
            painter.setPen(QPen(QColor(120, 120, 120), 1.0, Qt::DashLine));
            painter.drawLine(QPointF(box.left(), yOf(saddleEnergy)), QPointF(box.right(), yOf(saddleEnergy)));
        }
        // The curve.
        QPolygonF curve;
        curve.reserve(landscape_.profileSteps);
        for (int k = 0; k < landscape_.profileSteps; ++k) {
            curve << QPointF(box.left() + static_cast<double>(k) / (landscape_.profileSteps - 1) * box.width(),
                             yOf(landscape_.inPlaneProfile[static_cast<std::size_t>(k)]));
        }
        painter.setPen(QPen(profileColour, 2.0));
        painter.drawPolyline(curve);
        if (std::isfinite(saddleEnergy)) {
            painter.setFont(tickFont());
            std::vector<QRectF> placed;
            for (const LandscapeFixedPoint& p : fixedPoints_) {
                if (p.kind != LandscapeFixedPoint::Kind::Stable || !nearPlane(p.theta)) continue;
                const double barrier = saddleEnergy - p.energy;
                if (!(barrier > 0.0)) continue;
                // A stable point on the +-180 deg meridian sits on both edges: annotate it just inside the left one.
                double x = box.left() + (p.phi + pi) / (2.0 * pi) * box.width();
                if (x < box.left() + 1.5 * r || x > box.right() - 1.5 * r) x = box.left() + 1.5 * r;
                const double top = yOf(saddleEnergy), bottom = yOf(p.energy) - r - 1.0;
                if (bottom - top > 6.0) {
                    painter.setPen(QPen(textColour, 1.2));
                    painter.drawLine(QPointF(x, bottom), QPointF(x, top));
                    painter.drawLine(QPointF(x, top), QPointF(x - 3.0, top + 5.0));
                    painter.drawLine(QPointF(x, top), QPointF(x + 3.0, top + 5.0));
                }
                // The label beside the arrow, right of it if there is room, else left, never over another label.
                const QString label = QStringLiteral("\u0394E = %1").arg(energyLabel(barrier, barrier < 10.0 ? 2 : 1));
                const QSizeF size(fmTick.horizontalAdvance(label) + 2.0, fmTick.height());
                const double labelY = std::clamp(0.5 * (top + yOf(p.energy)) - 0.5 * size.height(), box.top(),
                                                 box.bottom() - size.height());
                for (const double labelX : {x + 4.0, x - 4.0 - size.width()}) {
                    const QRectF where(QPointF(labelX, labelY), size);
                    const bool inside = where.left() >= box.left() + 1.0 && where.right() <= box.right() - 1.0;
                    const bool free = std::none_of(placed.begin(), placed.end(),
                                                   [&](const QRectF& q) { return q.intersects(where); });
                    if (!inside || !free) continue;
                    painter.setPen(Qt::NoPen);
                    painter.setBrush(QColor(255, 255, 255, 210));
                    painter.drawRoundedRect(where.adjusted(-1.0, 0.0, 1.0, 0.0), 2.0, 2.0);
                    painter.setPen(textColour);
                    painter.drawText(where, Qt::AlignLeft | Qt::AlignVCenter, label);
                    placed.push_back(where.adjusted(-3.0, 0.0, 3.0, 0.0));
                    break;
                }
            }
        }
        // Fixed points in the plane, at their energies.
        for (int symbol : {2, 1, 0}) {
            for (const LandscapeFixedPoint& p : fixedPoints_) {
                if (symbolOf(p.kind) != symbol || !nearPlane(p.theta)) continue;
                const double x = box.left() + (p.phi + pi) / (2.0 * pi) * box.width();
                drawSymbol(painter, symbol, QPointF(x, yOf(p.energy)), r);
                if (p.phi > pi - 0.05)
                    drawSymbol(painter, symbol,
                               QPointF(box.left() + (p.phi - pi) / (2.0 * pi) * box.width(), yOf(p.energy)), r);
                if (p.phi < -pi + 0.05)
                    drawSymbol(painter, symbol,
                               QPointF(box.right() + (p.phi + pi) / (2.0 * pi) * box.width(), yOf(p.energy)), r);
            }
        }
        painter.restore();
    }
    painter.setPen(QPen(frameColour, 1.0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(box);
}

void EnergyLandscapeView::drawLegend(QPainter& painter, const Layout& l) const {
    const QFontMetricsF fmTick(tickFont());
    const double r = markerRadius();
    const double rowHeight = l.legend.height() / std::max(1, l.legendRows);
    double x = l.legend.left();
    double y = l.legend.top();
    painter.setFont(tickFont());
    for (const LegendEntry& e : legendEntries()) {
        const double ew = legendEntryWidth(e);
        if (x > l.legend.left() && x + ew > l.legend.right() + 0.5) {
            x = l.legend.left();
            y += rowHeight;
        }
        // The m ring and p diamond are drawn smaller in the legend than on the map.
        const QPointF centre(x + 1.5 * r, y + 0.5 * rowHeight);
        // A swatch of a low map colour behind the symbol: the markers are drawn for the map, white on dark.
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(lookup(0.22)));
        painter.drawRoundedRect(QRectF(x, y + 1.0, 3.0 * r, rowHeight - 2.0), 2.0, 2.0);
        drawSymbol(painter, e.symbol, centre, e.symbol >= 3 ? 0.55 * r : 0.85 * r);
        painter.setPen(textColour);
        painter.drawText(QRectF(x + 3.0 * r + 0.3 * fmTick.height(), y, ew, rowHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, e.text);
        x += ew;
    }
}

void EnergyLandscapeView::updateReadout(const QPointF& position) {
    QString text;
    if (hasLandscape()) {
        const Layout l = layout();
        if (l.map.contains(position)) {
            const double theta = (position.y() - l.map.top()) / l.map.height() * pi;
            const double phi = (position.x() - l.map.left()) / l.map.width() * 2.0 * pi - pi;
            text = tr("\u03b8 = %1\u00b0   \u03c6 = %2\u00b0\nE = %3 %4")
                       .arg(angleLabel(theta / degree), angleLabel(phi / degree),
                            energyLabel(landscape_.interpolate(theta, phi), 1), unitText());
        } else if (l.profile.contains(position)) {
            const double phi = (position.x() - l.profile.left()) / l.profile.width() * 2.0 * pi - pi;
            text = tr("\u03b8 = 90\u00b0   \u03c6 = %1\u00b0\nE = %2 %3")
                       .arg(angleLabel(phi / degree), energyLabel(landscape_.interpolateProfile(phi), 1), unitText());
        }
    }
    if (text != readout_) {
        readout_ = text;
        update();
    }
}

void EnergyLandscapeView::drawReadout(QPainter& painter) const {
    if (readout_.isEmpty()) return;
    const QFontMetricsF fm(font());
    painter.setFont(font());
    const QRectF textBox = fm.boundingRect(QRectF(0, 0, 1000, 1000), Qt::AlignLeft | Qt::AlignTop, readout_);
    QRectF box(mouse_ + QPointF(14.0, 14.0), textBox.size() + QSizeF(10.0, 6.0));
    if (box.right() > width() - 2.0) box.moveRight(mouse_.x() - 10.0);
    if (box.bottom() > height() - 2.0) box.moveBottom(mouse_.y() - 10.0);
    box.moveLeft(std::max(2.0, box.left()));
    box.moveTop(std::max(2.0, box.top()));
    painter.setPen(QPen(frameColour, 1.0));
    painter.setBrush(QColor(255, 255, 255, 235));
    painter.drawRoundedRect(box, 3.0, 3.0);
    painter.setPen(textColour);
    painter.drawText(box.adjusted(5.0, 3.0, -5.0, -3.0), Qt::AlignLeft | Qt::AlignTop, readout_);
}

void EnergyLandscapeView::mouseMoveEvent(QMouseEvent* event) {
    mouse_ = event->position();
    updateReadout(mouse_);
    QWidget::mouseMoveEvent(event);
}

void EnergyLandscapeView::leaveEvent(QEvent* event) {
    mouse_ = QPointF(-1e6, -1e6);
    updateReadout(mouse_);
    QWidget::leaveEvent(event);
}

void EnergyLandscapeView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        imageValid_ = false;  // the layout, and with it the map's size, follows the font
        update();
    }
}

}  // namespace mtj::ui
