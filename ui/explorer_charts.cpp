// SPDX-License-Identifier: GPL-3.0-or-later
#include "explorer_charts.hpp"

#include "chart_style.hpp"

#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QAreaSeries>
#include <QLineSeries>
#include <QLegend>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

namespace mtj::ui {
namespace {

const QColor activationColour(0x1f, 0x4e, 0x9c);        // deep blue
const QColor downColour(0x8e, 0x44, 0xad);              // violet
const QColor finiteDifferenceColour(0xe6, 0x7e, 0x22);  // orange
const QColor referenceColour(0x27, 0xae, 0x60);         // green
const QColor markerColour(0xc0, 0x39, 0x2b);            // red
const QColor otherProtocolColour(0xd8, 0x1b, 0x60);     // magenta: the other reading protocol

/// Range [lo, hi] of finite values with 6 % padding (a unit range when empty or flat).
std::pair<double, double> paddedRange(const std::vector<double>& values) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double v : values) {
        if (!std::isfinite(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (!std::isfinite(lo)) return {-1.0, 1.0};
    if (hi - lo < 1e-12) {
        const double half = std::max(std::abs(lo) * 0.1, 1e-3);
        return {lo - half, hi + half};
    }
    const double pad = 0.06 * (hi - lo);
    return {lo - pad, hi + pad};
}

QString number(double v, int precision = 4) {
    return std::isfinite(v) ? QString::number(v, 'g', precision) : QStringLiteral("n/a");
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------

ActivationChart::ActivationChart(QWidget* parent) : ReadoutChartView(parent) {
    QChart* chart = makeChart(tr("Activation and its derivative"));
    up_ = new QLineSeries;
    up_->setName(tr("y"));
    up_->setPen(chartPen(activationColour, 2.6));
    down_ = new QLineSeries;
    down_->setName(tr("y, sweep down"));
    down_->setPen(chartPen(downColour, 2.6));
    finiteDifference_ = new QScatterSeries;
    finiteDifference_->setName(tr("dy/dx device (fd)"));
    finiteDifference_->setMarkerSize(5.0);
    finiteDifference_->setColor(finiteDifferenceColour);
    finiteDifference_->setPen(Qt::NoPen);  // filled dots without outlines: half the painting
    reference_ = new QLineSeries;
    reference_->setName(tr("dy/dx exact"));
    reference_->setPen(chartPen(referenceColour, 2.0, Qt::DashLine));
    referenceDown_ = new QLineSeries;
    referenceDown_->setPen(chartPen(referenceColour.darker(130), 1.6, Qt::DotLine));
    precessing_ = new QScatterSeries;
    precessing_->setName(tr("precessing"));
    precessing_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    precessing_->setMarkerSize(7);
    precessing_->setColor(QColor(0x16, 0xa0, 0x85));
    precessing_->setBorderColor(QColor(0x0e, 0x6e, 0x5b));
    switched_ = new QScatterSeries;
    switched_->setName(tr("switched"));
    switched_->setMarkerSize(11);
    switched_->setColor(QColor(0, 0, 0, 0));
    switched_->setBorderColor(markerColour);
    selected_ = new QLineSeries;
    selected_->setPen(chartPen(QColor(120, 120, 120), 1.2, Qt::DashDotLine));
    errorUpper_ = new QLineSeries(this);  // an area series does not own its edges
    errorLower_ = new QLineSeries(this);
    errorBand_ = new QAreaSeries(errorUpper_, errorLower_);
    errorBand_->setName(tr("y ± 2 standard errors"));
    errorBand_->setBrush(QColor(0x1f, 0x4e, 0x9c, 60));
    errorBand_->setPen(Qt::NoPen);
    chart->addSeries(errorBand_);
    otherProtocol_ = new QLineSeries;
    otherProtocol_->setName(tr("y, other protocol"));
    otherProtocol_->setPen(chartPen(otherProtocolColour, 2.2, Qt::DashLine));
    for (QAbstractSeries* s :
         std::initializer_list<QAbstractSeries*>{otherProtocol_, up_, down_, reference_, referenceDown_,
                                                 finiteDifference_, precessing_, switched_, selected_}) {
        chart->addSeries(s);
    }
    axisX_ = valueAxis(tr("input x"));
    axisY_ = valueAxis(tr("output y"));
    axisSlope_ = valueAxis(tr("dy/dx"));
    axisY_->setLinePenColor(activationColour);
    axisSlope_->setLinePenColor(referenceColour);
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    chart->addAxis(axisSlope_, Qt::AlignRight);
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{errorBand_, otherProtocol_, up_, down_,
                                                                      precessing_, switched_, selected_}) {
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{reference_, referenceDown_, finiteDifference_}) {
        s->attachAxis(axisX_);
        s->attachAxis(axisSlope_);
    }
    chart->legend()->setVisible(false);
    installChart(chart);
    setReadout([this](const QPointF& p) { return readoutAt(p.x()); });
    setToolTip(tr("Hover for x, y and both derivatives; click to follow the reading at that x in time"));
}

QString ActivationChart::readoutAt(double x) const {
    if (curve_.up.empty()) return {};
    auto nearest = [x](const std::vector<CurvePoint>& branch) {
        return *std::min_element(branch.begin(), branch.end(), [x](const CurvePoint& a, const CurvePoint& b) {
            return std::abs(a.x - x) < std::abs(b.x - x);
        });
    };
    const CurvePoint p = nearest(curve_.up);
    QString text = tr("x = %1\ny = %2\ndy/dx measured = %3\ndy/dx exact = %4\nstate: %5")
                       .arg(number(p.x), number(p.y), number(p.derivativeFiniteDifference),
                            number(p.derivativeReference), QLatin1String(toString(p.state)));
    if (!curve_.down.empty()) {
        const CurvePoint d = nearest(curve_.down);
        text += tr("\nsweep down: y = %1, dy/dx exact = %2").arg(number(d.y), number(d.derivativeReference));
    }
    return text;
}

void ActivationChart::setCurve(const ActivationCurve& curve, const ActivationCurve* other, const QString& otherName) {
    curve_ = curve;
    QList<QPointF> up, down, fd, reference, referenceDown, precessing, switched;
    std::vector<double> ys, slopes, xs;
    auto collect = [&](const std::vector<CurvePoint>& branch, QList<QPointF>& values, QList<QPointF>* references) {
        for (const CurvePoint& p : branch) {
            values << QPointF(p.x, p.y);
            xs.push_back(p.x);
            ys.push_back(p.y);
            if (std::isfinite(p.derivativeFiniteDifference)) {
                fd << QPointF(p.x, p.derivativeFiniteDifference);
                slopes.push_back(p.derivativeFiniteDifference);
            }
            if (references != nullptr && std::isfinite(p.derivativeReference)) {
                *references << QPointF(p.x, p.derivativeReference);
                slopes.push_back(p.derivativeReference);
            }
            if (p.state == ReadingState::Precessing) precessing << QPointF(p.x, 0.0);  // placed on the rug below
            if (p.state == ReadingState::Switched) switched << QPointF(p.x, p.y);
        }
    };
    collect(curve.up, up, &reference);
    collect(curve.down, down, &referenceDown);
    up_->replace(up);
    down_->replace(down);
    finiteDifference_->replace(fd);
    // The exact derivative in pieces: none where the reading precesses (a gap, not a line across it).
    {
        std::vector<QList<QPointF>> pieces(1);
        for (const CurvePoint& p : curve.up) {
            if (!std::isfinite(p.derivativeReference)) {
                if (!pieces.back().isEmpty()) pieces.emplace_back();
                continue;
            }
            pieces.back() << QPointF(p.x, p.derivativeReference);
        }
        if (pieces.size() > 1 && pieces.back().isEmpty()) pieces.pop_back();
        reference_->replace(pieces.front());
        while (static_cast<std::size_t>(referencePieces_.size()) + 1 < pieces.size()) {
            auto* piece = new QLineSeries;
            piece->setPen(reference_->pen());
            chart()->addSeries(piece);
            piece->attachAxis(axisX_);
            piece->attachAxis(axisSlope_);
            referencePieces_ << piece;
            // Not in the legend: it is the same line as "dy/dx exact".
            const auto markers = chart()->legend()->markers(piece);
            for (QLegendMarker* m : markers) m->setVisible(false);
        }
        for (int k = 0; k < referencePieces_.size(); ++k) {
            referencePieces_[k]->replace(static_cast<std::size_t>(k + 1) < pieces.size()
                                             ? pieces[static_cast<std::size_t>(k + 1)]
                                             : QList<QPointF>{});
        }
    }
    referenceDown_->replace(referenceDown);
    switched_->replace(switched);
    down_->setVisible(!down.isEmpty());
    // The other protocol: where its readings differ from this one's by more than 1 % of the span, the two part.
    QList<QPointF> otherPoints;
    protocolNote_.clear();
    if (other != nullptr && other->up.size() == curve.up.size() && !curve.up.empty()) {
        const auto [lo, hi] = std::minmax_element(ys.begin(), ys.end());
        const double span = std::max(*hi - *lo, 1e-12);
        double partFrom = std::numeric_limits<double>::quiet_NaN(), partTo = partFrom;
        int parted = 0;
        for (std::size_t i = 0; i < other->up.size(); ++i) {
            const CurvePoint& p = other->up[i];
            otherPoints << QPointF(p.x, p.y);
            ys.push_back(p.y);
            if (std::abs(p.y - curve.up[i].y) > 0.01 * span) {
                if (parted++ == 0) partFrom = p.x;
                partTo = p.x;
            }
        }
        protocolNote_ = parted == 0 ? tr("%1: coincides").arg(otherName)
                                    : tr("%1: parts at x in [%2, %3]").arg(otherName, number(partFrom), number(partTo));
    }
    otherProtocol_->replace(otherPoints);
    otherProtocol_->setVisible(!otherPoints.isEmpty());
    // Thermal readings: a band of +- 2 standard errors (their averaging window's thermal noise).
    QList<QPointF> upper, lower;
    bool thermal = false;
    for (const CurvePoint& p : curve.up) {
        upper << QPointF(p.x, p.y + 2.0 * p.yStandardError);
        lower << QPointF(p.x, p.y - 2.0 * p.yStandardError);
        thermal = thermal || p.yStandardError > 0.0;
    }
    if (!thermal) upper.clear(), lower.clear();
    errorUpper_->replace(upper);
    errorLower_->replace(lower);
    errorBand_->setVisible(thermal);
    // The legend lists only what this curve shows.
    auto entry = [](const QColor& colour, const QString& glyph, const QString& text) {
        // One entry never breaks inside ("dy/dx exact" stays on one line); lines break between entries.
        // A word joiner after each slash: Unicode lets a line break after '/', nobr only stops it at spaces.
        QString joined = text;
        joined.replace(QLatin1Char('/'), QStringLiteral("/\u2060"));
        return QStringLiteral("<nobr><span style='color:%1; font-weight:bold'>%2</span>&nbsp;%3</nobr>")
            .arg(colour.name(), glyph, joined);
    };
    QStringList entries;
    entries << entry(activationColour, QStringLiteral("━━"), down.isEmpty() ? tr("activation y") : tr("y, sweep up"));
    if (!down.isEmpty()) entries << entry(downColour, QStringLiteral("━━"), tr("y, sweep down"));
    entries << entry(finiteDifferenceColour, QStringLiteral("●"), tr("dy/dx device, fd (right axis)"));
    entries << entry(referenceColour, QStringLiteral("╍╍"), tr("dy/dx exact"));
    if (!precessing.isEmpty())
        entries << entry(QColor(0x16, 0xa0, 0x85), QStringLiteral("▪▪"), tr("precessing (marks along the bottom)"));
    if (!switched.isEmpty()) entries << entry(markerColour, QStringLiteral("○"), tr("switched"));
    if (!upper.isEmpty())
        entries << entry(QColor(0x1f, 0x4e, 0x9c, 120), QStringLiteral("▆"),
                         // A model whose y is a mean (the telegraph junction): the spread of one reading about it.
                         curve.readingsSampled ? tr("± 2 sd of one reading") : tr("± 2 standard errors (thermal)"));
    if (!protocolNote_.isEmpty()) entries << entry(otherProtocolColour, QStringLiteral("╍╍"), protocolNote_);
    const QString legend = entries.join(QStringLiteral("&nbsp;&nbsp;&nbsp; "));
    if (legend != legend_) {
        legend_ = legend;
        emit legendChanged(legend);
    }
    if (!xs.empty()) {
        const auto [xLo, xHi] = std::minmax_element(xs.begin(), xs.end());
        if (axisX_->min() != *xLo || axisX_->max() != *xHi) setRangeWithRoundTicks(axisX_, *xLo, *xHi);
    }
    const auto [yLo, yHi] = paddedRange(ys);
    if (!rangeStillFits(axisY_, yLo, yHi)) setRangeWithRoundTicks(axisY_, yLo, yHi);
    // Precessing readings are marked as a rug along the bottom of the plot, so they never hide the curve.
    const double rug = axisY_->min() + 0.025 * (axisY_->max() - axisY_->min());
    for (QPointF& p : precessing) p.setY(rug);
    precessing_->replace(precessing);
    // The derivative axis: the range of the exact derivative, widened a little so the noisy points mostly fit.
    std::vector<double> exact;
    for (const QPointF& p : reference) exact.push_back(p.y());
    for (const QPointF& p : referenceDown) exact.push_back(p.y());
    auto [sLo, sHi] = paddedRange(exact.empty() ? slopes : exact);
    const double widen = 0.15 * (sHi - sLo);
    if (!rangeStillFits(axisSlope_, sLo, sHi)) setRangeWithRoundTicks(axisSlope_, sLo - widen, sHi + widen);
    setSelectedInput(selected_->count() > 0 ? selected_->at(0).x() : std::numeric_limits<double>::quiet_NaN());
}

void ActivationChart::setSelectedInput(double x) {
    const QList<QPointF> line =
        std::isfinite(x) ? QList<QPointF>{QPointF(x, axisY_->min()), QPointF(x, axisY_->max())} : QList<QPointF>{};
    if (selected_->points() != line) selected_->replace(line);
}

QList<QPointF> ActivationChart::activationPoints() const { return up_->points(); }
QList<QPointF> ActivationChart::downBranchPoints() const { return down_->points(); }
QList<QPointF> ActivationChart::finiteDifferencePoints() const { return finiteDifference_->points(); }
QList<QPointF> ActivationChart::referencePoints() const {
    QList<QPointF> all = reference_->points();
    for (const QLineSeries* piece : referencePieces_) all += piece->points();
    return all;
}
QList<QPointF> ActivationChart::otherProtocolPoints() const { return otherProtocol_->points(); }
std::pair<QList<QPointF>, QList<QPointF>> ActivationChart::errorBand() const {
    return {errorUpper_->points(), errorLower_->points()};
}

// ---------------------------------------------------------------------------------------------------------------

StepErrorChart::StepErrorChart(QWidget* parent) : ReadoutChartView(parent) {
    QChart* chart = makeChart(tr("dy/dx error vs step"));
    measured_ = new QLineSeries;
    measured_->setName(tr("measured"));
    measured_->setPen(chartPen(finiteDifferenceColour, 2.4));
    model_ = new QLineSeries;
    model_->setName(tr("model"));
    model_->setPen(chartPen(QColor(90, 90, 90), 1.6, Qt::DashLine));
    optimum_ = new QLineSeries;
    optimum_->setName(tr("δ*"));
    optimum_->setPen(chartPen(referenceColour, 2.0));
    current_ = new QLineSeries;
    current_->setName(tr("δ"));
    current_->setPen(chartPen(markerColour, 2.0, Qt::DashDotLine));
    for (QLineSeries* s : {measured_, model_, optimum_, current_}) chart->addSeries(s);
    axisX_ = new QLogValueAxis;
    axisX_->setTitleText(tr("step δ (units of x)"));
    axisX_->setLabelFormat(QStringLiteral("%.0e"));
    axisX_->setBase(10);
    axisY_ = new QLogValueAxis;
    axisY_->setTitleText(tr("rms error"));
    axisY_->setLabelFormat(QStringLiteral("%.0e"));
    axisY_->setBase(10);
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    for (QLineSeries* s : {measured_, model_, optimum_, current_}) {
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    installChart(chart);
    setReadout([this](const QPointF& p) -> QString {
        if (analysis_.steps.empty() || p.x() <= 0) return {};
        const auto it = std::min_element(analysis_.steps.begin(), analysis_.steps.end(), [&](double a, double b) {
            return std::abs(std::log(a / p.x())) < std::abs(std::log(b / p.x()));
        });
        const std::size_t i = static_cast<std::size_t>(it - analysis_.steps.begin());
        return tr("δ = %1\nrms error = %2\nmodel = %3\noptimum δ* = %4")
            .arg(number(analysis_.steps[i]), number(analysis_.rmsError[i]), number(analysis_.modelRmsError[i]),
                 number(analysis_.optimalStep));
    });
}

void StepErrorChart::setAnalysis(const StepErrorAnalysis& analysis, double readNoise) {
    analysis_ = analysis;
    chart()->setTitle(tr("dy/dx error vs step at x = %1").arg(number(analysis.x, 3)));
    const QString noise =
        analysis.thermalNoise > 0.0
            ? tr("σ = %1: read noise %2 and the thermal noise of a reading, %3")
                  .arg(number(analysis.readingNoise, 3), number(readNoise, 3), number(analysis.thermalNoise, 3))
            : tr("σ = %1, the read noise").arg(number(readNoise, 3));
    setToolTip(tr("rms error of the device's finite difference against the exact derivative, exact over the noise of "
                  "each reading (%1). Model: bias δ² f'''/6, noise σ/(√2 δ); optimum δ* = (3σ/|f'''|)^(1/3) = %2.")
                   .arg(noise, number(analysis.optimalStep, 3)));

    QList<QPointF> measured, model;
    double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
    for (std::size_t i = 0; i < analysis.steps.size(); ++i) {
        if (analysis.rmsError[i] > 0) {
            measured << QPointF(analysis.steps[i], analysis.rmsError[i]);
            lo = std::min(lo, analysis.rmsError[i]);
            hi = std::max(hi, analysis.rmsError[i]);
        }
        if (analysis.modelRmsError[i] > 0) model << QPointF(analysis.steps[i], analysis.modelRmsError[i]);
    }
    measured_->replace(measured);
    model_->replace(model);
    if (!std::isfinite(lo)) lo = 1e-6, hi = 1.0;
    const double yLo = std::pow(10.0, std::floor(std::log10(lo)));
    const double yHi = std::pow(10.0, std::ceil(std::log10(hi)));
    axisY_->setRange(yLo, yHi);
    if (!analysis.steps.empty()) axisX_->setRange(analysis.steps.front(), analysis.steps.back());
    auto vertical = [&](QLineSeries* s, double x) {
        s->replace(std::isfinite(x) && x > 0 ? QList<QPointF>{QPointF(x, yLo), QPointF(x, yHi)} : QList<QPointF>{});
    };
    vertical(optimum_, analysis.optimalStep);
    vertical(current_, analysis.currentStep);
    // The two steps named on the chart: the optimum the noise and the curvature set, and the one in use.
    QList<Marker> marks;
    if (std::isfinite(analysis.optimalStep) && analysis.optimalStep > 0)
        marks << Marker{analysis.optimalStep, tr("δ* = %1").arg(number(analysis.optimalStep, 2)),
                        QColor(0x1a, 0x9e, 0x4a)};
    marks << Marker{analysis.currentStep, tr("δ = %1").arg(number(analysis.currentStep, 2)), QColor(0xc0, 0x39, 0x2b)};
    setMarkers(marks, axisX_);
}

// ---------------------------------------------------------------------------------------------------------------

FamilyChart::FamilyChart(QWidget* parent) : ReadoutChartView(parent) {
    QChart* chart = makeChart(tr("Device-to-device variability"));
    nominal_ = new QLineSeries;
    nominal_->setName(tr("nominal device"));
    nominal_->setPen(chartPen(activationColour, 3.0));
    axisX_ = valueAxis(tr("input x"));
    axisY_ = valueAxis(tr("output y"));
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    chart->addSeries(nominal_);
    nominal_->attachAxis(axisX_);
    nominal_->attachAxis(axisY_);
    installChart(chart);
}

int FamilyChart::deviceCurves() const {
    int shown = 0;
    for (QLineSeries* s : devices_) shown += s->isVisible() && s->count() > 0 ? 1 : 0;
    return shown;
}

void FamilyChart::setFamily(const std::vector<double>& inputs, const std::vector<double>& nominal,
                            const std::vector<std::vector<double>>& devices) {
    // Grow the pool of device series as needed; hide the surplus (series are reused, never recreated per update).
    while (devices_.size() < static_cast<int>(devices.size())) {
        auto* s = new QLineSeries;
        s->setPen(chartPen(QColor(0x5d, 0x8a, 0xc7, 120), 1.2));
        chart()->addSeries(s);
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
        chart()->legend()->markers(s).first()->setVisible(false);
        devices_ << s;
    }
    std::vector<double> all = nominal;
    for (int i = 0; i < devices_.size(); ++i) {
        if (i < static_cast<int>(devices.size())) {
            QList<QPointF> points;
            for (std::size_t k = 0; k < inputs.size(); ++k) {
                points << QPointF(inputs[k], devices[static_cast<std::size_t>(i)][k]);
                all.push_back(devices[static_cast<std::size_t>(i)][k]);
            }
            devices_[i]->replace(points);
            devices_[i]->setVisible(true);
        } else {
            devices_[i]->setVisible(false);
        }
    }
    if (!devices_.isEmpty()) {
        chart()->legend()->markers(devices_.first()).first()->setVisible(!devices.empty());
        devices_.first()->setName(tr("%1 devices").arg(devices.size()));
    }
    QList<QPointF> points;
    for (std::size_t k = 0; k < inputs.size() && k < nominal.size(); ++k) points << QPointF(inputs[k], nominal[k]);
    nominal_->replace(points);
    // The nominal curve on top of the family.
    chart()->removeSeries(nominal_);
    chart()->addSeries(nominal_);
    nominal_->attachAxis(axisX_);
    nominal_->attachAxis(axisY_);
    if (!inputs.empty()) setRangeWithRoundTicks(axisX_, inputs.front(), inputs.back());
    const auto [lo, hi] = paddedRange(all);
    setRangeWithRoundTicks(axisY_, lo, hi);
}

// ---------------------------------------------------------------------------------------------------------------

TrajectoryChart::TrajectoryChart(Mode mode, QWidget* parent) : ReadoutChartView(parent), mode_(mode) {
    QChart* chart = makeChart(mode == Mode::Components ? tr("m(t)") : tr("In-plane m"));
    // Parented: the in-plane chart adds only m_x (m_y is its vertical axis), and a series no chart owns would leak.
    x_ = new QLineSeries(this);
    y_ = new QLineSeries(this);
    z_ = new QLineSeries(this);
    x_->setName(QStringLiteral("m_x"));
    y_->setName(QStringLiteral("m_y"));
    z_->setName(QStringLiteral("m_z"));
    x_->setPen(chartPen(QColor(0xc0, 0x39, 0x2b), 1.8));
    y_->setPen(chartPen(QColor(0x27, 0xae, 0x60), 1.8));
    z_->setPen(chartPen(QColor(0x29, 0x80, 0xb9), 1.8));
    axisX_ = valueAxis(mode == Mode::Components ? tr("time (ns)") : QStringLiteral("m_x"));
    axisY_ = valueAxis(mode == Mode::Components ? QStringLiteral("m_i") : QStringLiteral("m_y"));
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    const QList<QLineSeries*> series =
        mode == Mode::Components ? QList<QLineSeries*>{x_, y_, z_} : QList<QLineSeries*>{x_};
    for (QLineSeries* s : series) {
        chart->addSeries(s);
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    if (mode == Mode::InPlane) {
        x_->setName(tr("trajectory (m_x, m_y)"));
        x_->setPen(chartPen(QColor(0x1f, 0x4e, 0x9c), 1.4));
        setRangeWithRoundTicks(axisX_, -1.05, 1.05);
        setRangeWithRoundTicks(axisY_, -1.05, 1.05);
    } else {
        setRangeWithRoundTicks(axisY_, -1.05, 1.05);
    }
    installChart(chart);
}

void TrajectoryChart::setTrajectory(const Trajectory& t) {
    if (t.telegraph) {
        chart()->setTitle(mode_ == Mode::Components ? tr("Telegraph trace at x = %1").arg(number(t.x, 3))
                                                    : tr("In-plane m (telegraph) at x = %1").arg(number(t.x, 3)));
    } else {
        chart()->setTitle(mode_ == Mode::Components ? tr("m(t) at x = %1").arg(number(t.x, 3))
                                                    : tr("In-plane m at x = %1").arg(number(t.x, 3)));
    }
    QList<QPointF> a, b, c;
    for (std::size_t i = 0; i < t.magnetization.size(); ++i) {
        const Vec3& m = t.magnetization[i];
        if (mode_ == Mode::Components) {
            a << QPointF(t.timeNanoseconds[i], m.x);
            b << QPointF(t.timeNanoseconds[i], m.y);
            c << QPointF(t.timeNanoseconds[i], m.z);
        } else {
            a << QPointF(m.x, m.y);
        }
    }
    x_->replace(a);
    if (mode_ == Mode::Components) {
        y_->replace(b);
        z_->replace(c);
        if (!t.timeNanoseconds.empty()) setRangeWithRoundTicks(axisX_, 0.0, t.timeNanoseconds.back());
    } else if (!a.isEmpty()) {
        // Zoom to the orbit (a small precession near one direction would be a sliver on the whole disc), with the
        // same span on both axes so that a circle stays round.
        double xLo = a.front().x(), xHi = xLo, yLo = a.front().y(), yHi = yLo;
        for (const QPointF& p : a) {
            xLo = std::min(xLo, p.x());
            xHi = std::max(xHi, p.x());
            yLo = std::min(yLo, p.y());
            yHi = std::max(yHi, p.y());
        }
        const double span = std::clamp(1.15 * std::max(xHi - xLo, yHi - yLo), 0.02, 2.1);
        const double xMid = std::clamp(0.5 * (xLo + xHi), -1.05 + 0.5 * span, 1.05 - 0.5 * span);
        const double yMid = std::clamp(0.5 * (yLo + yHi), -1.05 + 0.5 * span, 1.05 - 0.5 * span);
        setRangeWithRoundTicks(axisX_, xMid - 0.5 * span, xMid + 0.5 * span);
        setRangeWithRoundTicks(axisY_, yMid - 0.5 * span, yMid + 0.5 * span);
    }
}

}  // namespace mtj::ui
