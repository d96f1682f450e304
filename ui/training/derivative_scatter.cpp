// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/derivative_scatter.hpp"

#include "training/chart_support.hpp"
#include "chart_style.hpp"

#include <QLineSeries>
#include <QScatterSeries>
#include <algorithm>

namespace mtj::ui {

DerivativeScatter::DerivativeScatter(QWidget* parent) : ReadoutChartView(parent) {
    prepareChartView(this, 220, 170);
    setReadout([this](const QPointF& value) { return readoutAt(value); });
    QChart* chart = makeChart(tr("Neuron derivatives"));
    points_ = new QScatterSeries;
    points_->setMarkerSize(4.5);
    points_->setColor(QColor(0xe6, 0x7e, 0x22, 150));
    points_->setPen(Qt::NoPen);
    points_->setName(tr("neurons x samples"));
    diagonal_ = new QLineSeries;
    diagonal_->setName(tr("exact = measured"));
    diagonal_->setPen(chartPen(QColor(0x27, 0xae, 0x60), 1.5, Qt::DashLine));
    axisX_ = valueAxis(tr("exact dy/dx"), "%.2g");
    axisY_ = valueAxis(tr("used"), "%.2g");
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{points_, diagonal_}) {
        chart->addSeries(s);
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    installChart(chart);
}

void DerivativeScatter::set(const std::vector<float>& source, const std::vector<float>& exact,
                            const QString& sourceName) {
    QList<QPointF> points;
    double lo = 0.0, hi = 0.0;
    for (std::size_t i = 0; i < source.size() && i < exact.size(); ++i) {
        points << QPointF(exact[i], source[i]);
        lo = std::min({lo, static_cast<double>(exact[i]), static_cast<double>(source[i])});
        hi = std::max({hi, static_cast<double>(exact[i]), static_cast<double>(source[i])});
    }
    points_->replace(points);
    shown_ = points;
    if (hi - lo < 1e-6) hi = lo + 1.0;
    const double pad = 0.05 * (hi - lo);
    diagonal_->replace(QList<QPointF>{QPointF(lo - pad, lo - pad), QPointF(hi + pad, hi + pad)});
    if (!rangeStillFits(axisX_, lo, hi)) {
        setRangeWithRoundTicks(axisX_, lo - pad, hi + pad);
        setRangeWithRoundTicks(axisY_, lo - pad, hi + pad);
    }
    chart()->setTitle(points.isEmpty() ? tr("Neuron derivatives (none with tanh)")
                                       : tr("Derivatives: %1 vs exact").arg(sourceName));
}

QString DerivativeScatter::readoutAt(const QPointF& value) const {
    // The nearest point in screen terms: distances in units of each axis's span; within 3 % of the spans.
    const double sx = std::max(1e-12, axisX_->max() - axisX_->min()),
                 sy = std::max(1e-12, axisY_->max() - axisY_->min());
    int best = -1;
    double bestDistance = 0.03 * 0.03;
    for (int i = 0; i < shown_.size(); ++i) {
        const double dx = (shown_[i].x() - value.x()) / sx, dy = (shown_[i].y() - value.y()) / sy;
        if (dx * dx + dy * dy < bestDistance) {
            bestDistance = dx * dx + dy * dy;
            best = i;
        }
    }
    if (best < 0) return {};
    const QPointF p = shown_[best];
    return tr("exact dy/dx %1\nused %2 (%3%4)")
        .arg(p.x(), 0, 'f', 4)
        .arg(p.y(), 0, 'f', 4)
        .arg(p.y() >= p.x() ? QStringLiteral("+") : QString())
        .arg(p.y() - p.x(), 0, 'f', 4);
}

}  // namespace mtj::ui
