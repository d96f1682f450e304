// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/agreement_chart.hpp"

#include "training/chart_support.hpp"
#include "chart_style.hpp"

#include <QLineSeries>
#include <algorithm>
#include <limits>
#include <cmath>

namespace mtj::ui {

AgreementChart::AgreementChart(QWidget* parent) : ReadoutChartView(parent) {
    prepareChartView(this, 220, 170);
    setReadout([this](const QPointF& value) { return readoutAt(value.x()); });
    QChart* chart = makeChart(tr("Gradient agreement"));
    axisX_ = valueAxis(tr("epoch"), "%.0f");
    axisY_ = valueAxis(tr("cosine"), "%.3f");
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    installChart(chart);
    setToolTip(
        tr("The cosine between the weight gradient of each gradient source and the one the exact device "
           "slopes would give, per hidden layer's incoming weights: the epoch's mean over its batches, "
           "averaged over the folds. 1 means identical directions; tanh and device-exact draw no line."));
    clear(1, 1);
}

void AgreementChart::clear(int layers, int epochs) {
    for (SourceLines& s : sources_) {
        for (QLineSeries* series : s.layers) {
            chart()->removeSeries(series);
            delete series;
        }
    }
    sources_.clear();
    layers_ = std::max(1, layers);
    epochs_ = std::max(1, epochs);
    minimum_ = 0.98;
    setRangeWithRoundTicks(axisY_, minimum_, 1.0);
    setRangeWithRoundTicks(axisX_, 0.0, epochs_);
}

void AgreementChart::beginSource(int source, const QString& name) {
    while (static_cast<int>(sources_.size()) <= source) {
        SourceLines lines;
        const QColor colour = sourceColour(static_cast<int>(sources_.size()));
        static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
        for (int l = 0; l < layers_; ++l) {
            auto* series = new QLineSeries;
            series->setPen(chartPen(colour, 1.8, styles[l % 4]));
            chart()->addSeries(series);
            series->attachAxis(axisX_);
            series->attachAxis(axisY_);
            lines.layers << series;
        }
        sources_.push_back(lines);
    }
    SourceLines& lines = sources_[static_cast<std::size_t>(source)];
    lines.name = name;
    for (int l = 0; l < lines.layers.size(); ++l) {
        lines.layers[l]->setName(layers_ == 1 ? name : tr("%1, layer %2").arg(name).arg(l + 1));
    }
}

void AgreementChart::add(const TrainingSnapshot& s, bool draw) {
    if (s.source < 0 || s.source >= static_cast<int>(sources_.size())) return;
    SourceLines& lines = sources_[static_cast<std::size_t>(s.source)];
    if (static_cast<int>(lines.folds.size()) <= s.fold) lines.folds.resize(static_cast<std::size_t>(s.fold) + 1);
    for (const EpochReport& e : s.newEpochs) {
        lines.folds[static_cast<std::size_t>(s.fold)].push_back(e);
        for (double c : e.layerCosines) {
            if (std::isfinite(c)) minimum_ = std::min(minimum_, c);
        }
    }
    if (draw) redraw();
}

QList<QPointF> AgreementChart::agreementLine(int source, int layer) const {
    if (source < 0 || source >= static_cast<int>(sources_.size())) return {};
    const SourceLines& lines = sources_[static_cast<std::size_t>(source)];
    return layer >= 0 && layer < lines.layers.size() ? lines.layers[layer]->points() : QList<QPointF>{};
}

namespace {
/// Mean over the folds of layer `layer`'s cosine at epoch index k (NaN where no fold has one).
double meanCosine(const std::vector<std::vector<EpochReport>>& folds, std::size_t k, int layer) {
    double sum = 0.0;
    int n = 0;
    for (const auto& fold : folds) {
        if (k >= fold.size() || layer >= static_cast<int>(fold[k].layerCosines.size())) continue;
        const double c = fold[k].layerCosines[static_cast<std::size_t>(layer)];
        if (!std::isfinite(c)) continue;
        sum += c;
        ++n;
    }
    return n > 0 ? sum / n : std::numeric_limits<double>::quiet_NaN();
}
}  // namespace

QString AgreementChart::readoutAt(double x) const {
    const int epoch = static_cast<int>(std::lround(x));
    if (epoch < 1 || epoch > epochs_) return {};
    QStringList lines{tr("epoch %1").arg(epoch)};
    for (const SourceLines& source : sources_) {
        for (int l = 0; l < source.layers.size(); ++l) {
            const double c = meanCosine(source.folds, static_cast<std::size_t>(epoch - 1), l);
            if (std::isfinite(c)) lines << tr("%1: cosine %2").arg(source.layers[l]->name()).arg(c, 0, 'f', 4);
        }
    }
    return lines.size() > 1 ? lines.join(QLatin1Char('\n')) : QString();
}

void AgreementChart::redraw() {
    for (SourceLines& source : sources_) {
        std::size_t longest = 0;
        for (const auto& fold : source.folds) longest = std::max(longest, fold.size());
        bool any = false;
        for (int l = 0; l < source.layers.size(); ++l) {
            QList<QPointF> points;
            for (std::size_t k = 0; k < longest; ++k) {
                const double c = meanCosine(source.folds, k, l);
                if (std::isfinite(c)) points << QPointF(static_cast<double>(k + 1), c);
            }
            source.layers[l]->replace(points);
            source.layers[l]->setPointsVisible(points.size() <= 30);
            any = any || !points.isEmpty();
        }
        // A source without agreement (tanh, device-exact) has no legend entry.
        for (QLineSeries* series : source.layers) {
            if (!chart()->legend()->markers(series).isEmpty())
                chart()->legend()->markers(series).first()->setVisible(any);
        }
    }
    if (axisX_->max() != epochs_) setRangeWithRoundTicks(axisX_, 0.0, epochs_);
    const double low = std::max(-1.0, std::floor(minimum_ * 100.0) / 100.0);
    if (axisY_->min() != low) setRangeWithRoundTicks(axisY_, low, 1.0);
}

}  // namespace mtj::ui
