// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/loss_accuracy_chart.hpp"

#include "training/chart_support.hpp"
#include "chart_style.hpp"

#include <QAreaSeries>
#include <QLineSeries>
#include <QScatterSeries>
#include <algorithm>
#include <cmath>

namespace mtj::ui {

void BinnedPoints::reset(double binWidth) {
    width_ = binWidth > 0 ? binWidth : 1.0;
    closed_.clear();
    count_ = 0;
    sumX_ = sumY_ = 0.0;
}

void BinnedPoints::add(double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y)) return;
    const auto bin = static_cast<long>(std::floor(x / width_));
    if (count_ > 0 && bin != bin_) {
        closed_ << QPointF(sumX_ / count_, sumY_ / count_);
        count_ = 0;
        sumX_ = sumY_ = 0.0;
    }
    bin_ = bin;
    sumX_ += x;
    sumY_ += y;
    ++count_;
}

QList<QPointF> BinnedPoints::points() const {
    QList<QPointF> all = closed_;
    if (count_ > 0) all << QPointF(sumX_ / count_, sumY_ / count_);
    return all;
}

LossAccuracyChart::LossAccuracyChart(QWidget* parent) : ReadoutChartView(parent) {
    prepareChartView(this, 220, 170);
    setReadout([this](const QPointF& value) { return readoutAt(value.x()); });
    QChart* chart = makeChart(tr("Loss and accuracy"));
    batchLoss_ = new QLineSeries;
    batchLoss_->setName(tr("loss per batch"));  // its legend entry is hidden: the faint line explains itself
    batchLoss_->setPen(chartPen(QColor(150, 150, 150, 120), 1.0));
    trainAccuracy_ = new QLineSeries;
    trainAccuracy_->setName(tr("train"));
    trainAccuracy_->setPen(chartPen(QColor(0x5d, 0xad, 0xe2), 1.4, Qt::DashLine));
    axisX_ = valueAxis(tr("epoch"), "%.0f");
    axisLoss_ = valueAxis(tr("loss"), "%.2g");
    axisAccuracy_ = valueAxis(tr("accuracy"), "%.2f");
    axisAccuracy_->setRange(0.0, 1.0);
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisLoss_, Qt::AlignLeft);
    chart->addAxis(axisAccuracy_, Qt::AlignRight);
    chart->addSeries(batchLoss_);
    batchLoss_->attachAxis(axisX_);
    batchLoss_->attachAxis(axisLoss_);
    chart->addSeries(trainAccuracy_);
    trainAccuracy_->attachAxis(axisX_);
    trainAccuracy_->attachAxis(axisAccuracy_);
    deploymentLine_ = new QLineSeries;
    deploymentLine_->setPen(chartPen(QColor(0xc0, 0x39, 0x2b), 1.2, Qt::DashLine));
    deployed_ = new QScatterSeries;
    deployed_->setName(tr("deployed"));
    deployed_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    deployed_->setMarkerSize(11.0);
    deployed_->setColor(QColor(0xc0, 0x39, 0x2b));
    deployed_->setBorderColor(Qt::black);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{deploymentLine_, deployed_}) {
        chart->addSeries(s);
        s->attachAxis(axisX_);
        s->attachAxis(axisAccuracy_);
    }
    installChart(chart);
    chart->legend()->markers(batchLoss_).first()->setVisible(false);
    chart->legend()->markers(deploymentLine_).first()->setVisible(false);
    setToolTip(
        tr("Loss (left axis, thin) and held-out accuracy (right axis, thick) against the epoch, averaged over "
           "the folds with the accuracy's range over the folds as a band; one colour per gradient source. "
           "Faint: the loss of every batch of the fold being trained. Model-then-deploy: dashed while training "
           "on the model, a red square where the weights are written into the devices."));
    clear();
}

void LossAccuracyChart::addSourceSeries() {
    SourceSeries s;
    const QColor colour = sourceColour(static_cast<int>(sources_.size()));
    s.accuracy = new QLineSeries;
    s.accuracy->setPen(chartPen(colour, 2.6));
    s.modelAccuracy = new QLineSeries;
    s.modelAccuracy->setPen(chartPen(colour, 2.2, Qt::DashLine));
    s.loss = new QLineSeries;
    s.loss->setPen(chartPen(colour.darker(140), 1.3));
    s.upper = new QLineSeries(this);  // an area series does not own its edges
    s.lower = new QLineSeries(this);
    s.band = new QAreaSeries(s.upper, s.lower);
    QColor fill = colour;
    fill.setAlpha(45);
    s.band->setBrush(fill);
    s.band->setPen(Qt::NoPen);
    chart()->addSeries(s.band);
    s.band->attachAxis(axisX_);
    s.band->attachAxis(axisAccuracy_);
    for (QLineSeries* series : {s.accuracy, s.modelAccuracy}) {
        chart()->addSeries(series);
        series->attachAxis(axisX_);
        series->attachAxis(axisAccuracy_);
    }
    chart()->addSeries(s.loss);
    s.loss->attachAxis(axisX_);
    s.loss->attachAxis(axisLoss_);
    chart()->legend()->markers(s.band).first()->setVisible(false);
    s.modelAccuracy->setVisible(false);
    sources_.push_back(s);
}

void LossAccuracyChart::clear() {
    for (SourceSeries& s : sources_) {
        for (QAbstractSeries* series :
             std::initializer_list<QAbstractSeries*>{s.band, s.accuracy, s.modelAccuracy, s.loss}) {
            chart()->removeSeries(series);
            delete series;
        }
        delete s.upper;
        delete s.lower;
    }
    sources_.clear();
    batchPoints_.reset(1.0 / 1000);
    batchSource_ = batchFold_ = -1;
    trainAccuracy_->replace(QList<QPointF>{});
    batchLoss_->replace(QList<QPointF>{});
    deployed_->replace(QList<QPointF>{});
    deploymentLine_->replace(QList<QPointF>{});
    deployed_->setVisible(false);
    maximumLoss_ = 1.0;
    setRangeWithRoundTicks(axisLoss_, 0.0, 1.0);
    setRangeWithRoundTicks(axisX_, 0.0, 1.0);
    setRangeWithRoundTicks(axisAccuracy_, 0.0, 1.0);
}

void LossAccuracyChart::beginSource(int source, const QString& name, int epochs) {
    while (static_cast<int>(sources_.size()) <= source) addSourceSeries();
    sources_[static_cast<std::size_t>(source)].name = name;
    epochs_ = std::max(1, epochs);
    // One source: "held-out acc." and "loss"; a comparison: each source's lines named by it.
    const bool one = sources_.size() == 1;
    for (SourceSeries& s : sources_) {
        s.accuracy->setName(one ? tr("held out") : s.name);
        s.modelAccuracy->setName(one ? tr("model") : tr("%1 (model)").arg(s.name));
        s.loss->setName(one ? tr("loss") : tr("%1 loss").arg(s.name));
        // A comparison names each source once (its accuracy); its loss is the thin line of the same colour.
        chart()->legend()->markers(s.loss).first()->setVisible(one);
    }
    chart()->legend()->markers(trainAccuracy_).first()->setVisible(one);
    trainAccuracy_->setVisible(one);
}

void LossAccuracyChart::add(const TrainingSnapshot& s, bool draw) {
    if (s.source < 0 || s.source >= static_cast<int>(sources_.size())) return;
    SourceSeries& source = sources_[static_cast<std::size_t>(s.source)];
    if (static_cast<int>(source.folds.size()) <= s.fold) source.folds.resize(static_cast<std::size_t>(s.fold) + 1);
    FoldCurve& fold = source.folds[static_cast<std::size_t>(s.fold)];
    for (const EpochReport& e : s.newEpochs) {
        fold.epochs.push_back(e);
        maximumLoss_ = std::max(maximumLoss_, std::isfinite(e.loss) ? std::min(e.loss, 10.0) : 0.0);
    }
    if (s.deployment.done) fold.deployment = s.deployment;
    // The faint per-batch loss: the fold being trained.
    if (!s.batchLosses.empty() && (batchSource_ != s.source || batchFold_ != s.fold)) {
        batchSource_ = s.source;
        batchFold_ = s.fold;
        batchPoints_.reset(epochs_ / 1000.0);
    }
    for (const auto& [epoch, loss] : s.batchLosses) {
        batchPoints_.add(epoch, loss);
        if (std::isfinite(loss)) maximumLoss_ = std::max(maximumLoss_, std::min(loss, 10.0));
    }
    if (draw) redraw();
}

void LossAccuracyChart::redraw() {
    batchLoss_->replace(thinned(batchPoints_.points(), 600));
    QList<QPointF> deployments, deploymentLine;
    for (std::size_t si = 0; si < sources_.size(); ++si) {
        SourceSeries& source = sources_[si];
        std::size_t longest = 0;
        for (const FoldCurve& f : source.folds) longest = std::max(longest, f.epochs.size());
        QList<QPointF> devices, model, loss, upper, lower, train;
        // The deployment: the mean over the folds deployed so far, where the devices' line starts.
        double deployedSum = 0.0;
        int deployedCount = 0, deploymentEpoch = -1;
        for (const FoldCurve& f : source.folds) {
            if (!f.deployment.done) continue;
            const double held = std::isfinite(f.deployment.validationAccuracy) ? f.deployment.validationAccuracy
                                                                               : f.deployment.testAccuracy;
            if (!std::isfinite(held)) continue;
            deployedSum += held;
            ++deployedCount;
            deploymentEpoch = f.deployment.epoch;
        }
        for (std::size_t k = 0; k < longest; ++k) {
            double sum = 0.0, lossSum = 0.0, trainSum = 0.0, lo = 1e300, hi = -1e300;
            int n = 0, lossCount = 0;
            bool onModel = false;
            for (const FoldCurve& f : source.folds) {
                if (k >= f.epochs.size()) continue;
                const EpochReport& e = f.epochs[k];
                onModel = e.onModel;
                const double held = std::isfinite(e.validationAccuracy) ? e.validationAccuracy : e.testAccuracy;
                if (std::isfinite(held)) {
                    sum += held;
                    lo = std::min(lo, held);
                    hi = std::max(hi, held);
                    ++n;
                }
                if (std::isfinite(e.loss)) {
                    lossSum += e.loss;
                    trainSum += e.trainAccuracy;
                    ++lossCount;
                }
            }
            const double x = static_cast<double>(k + 1);
            if (n > 0) {
                (onModel ? model : devices) << QPointF(x, sum / n);
                upper << QPointF(x, hi);
                lower << QPointF(x, lo);
            }
            if (lossCount > 0) {
                loss << QPointF(x, lossSum / lossCount);
                train << QPointF(x, trainSum / lossCount);
            }
            if (deployedCount > 0 && static_cast<int>(k + 1) == deploymentEpoch) {
                // The fall at deployment: the devices' line starts at the deployed accuracy.
                devices << QPointF(x, deployedSum / deployedCount);
            }
        }
        if (deployedCount > 0) {
            deployments << QPointF(deploymentEpoch, deployedSum / deployedCount);
            deploymentLine = {QPointF(deploymentEpoch, 0.0), QPointF(deploymentEpoch, 1.0)};
            std::stable_sort(devices.begin(), devices.end(),
                             [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
        }
        source.accuracy->replace(devices);
        source.modelAccuracy->replace(model);
        source.modelAccuracy->setVisible(!model.isEmpty());
        source.loss->replace(loss);
        source.upper->replace(upper);
        source.lower->replace(lower);
        if (si == 0) trainAccuracy_->replace(train);
        // Few epochs so far: mark the points too (a line through one point draws nothing).
        constexpr int kMarkedPoints = 30;
        source.accuracy->setPointsVisible(devices.size() <= kMarkedPoints);
        source.loss->setPointsVisible(loss.size() <= kMarkedPoints);
    }
    deployed_->replace(deployments);
    deployed_->setVisible(!deployments.isEmpty());
    deploymentLine_->replace(deploymentLine);
    if (axisX_->max() != epochs_) setRangeWithRoundTicks(axisX_, 0.0, epochs_);
    if (maximumLoss_ > axisLoss_->max() || maximumLoss_ < 0.5 * axisLoss_->max())
        setRangeWithRoundTicks(axisLoss_, 0.0, maximumLoss_ * 1.1);
}

int LossAccuracyChart::accuracyPoints(int source) const {
    return source >= 0 && source < static_cast<int>(sources_.size())
               ? sources_[static_cast<std::size_t>(source)].accuracy->count()
               : 0;
}
QList<QPointF> LossAccuracyChart::accuracyLine(int source) const {
    return source >= 0 && source < static_cast<int>(sources_.size())
               ? sources_[static_cast<std::size_t>(source)].accuracy->points()
               : QList<QPointF>{};
}
QList<QPointF> LossAccuracyChart::lossLine(int source) const {
    return source >= 0 && source < static_cast<int>(sources_.size())
               ? sources_[static_cast<std::size_t>(source)].loss->points()
               : QList<QPointF>{};
}
std::pair<QList<QPointF>, QList<QPointF>> LossAccuracyChart::accuracyBand(int source) const {
    if (source < 0 || source >= static_cast<int>(sources_.size())) return {};
    const SourceSeries& s = sources_[static_cast<std::size_t>(source)];
    return {s.upper->points(), s.lower->points()};
}
QPen LossAccuracyChart::accuracyPen(int source) const {
    return source >= 0 && source < static_cast<int>(sources_.size())
               ? sources_[static_cast<std::size_t>(source)].accuracy->pen()
               : QPen{};
}
int LossAccuracyChart::batchLossPoints() const { return batchPoints_.size(); }
QList<QPointF> LossAccuracyChart::modelAccuracyPoints(int source) const {
    return source >= 0 && source < static_cast<int>(sources_.size())
               ? sources_[static_cast<std::size_t>(source)].modelAccuracy->points()
               : QList<QPointF>{};
}
QList<QPointF> LossAccuracyChart::deploymentPoints() const { return deployed_->points(); }

QString LossAccuracyChart::readoutAt(double x) const {
    const int epoch = static_cast<int>(std::lround(x));
    if (epoch < 1 || epoch > epochs_) return {};
    QStringList lines{tr("epoch %1").arg(epoch)};
    for (const SourceSeries& source : sources_) {
        double sum = 0.0, loss = 0.0, lo = 1e300, hi = -1e300;
        int n = 0;
        bool onModel = false;
        for (const FoldCurve& f : source.folds) {
            if (epoch > static_cast<int>(f.epochs.size())) continue;
            const EpochReport& e = f.epochs[static_cast<std::size_t>(epoch - 1)];
            const double held = std::isfinite(e.validationAccuracy) ? e.validationAccuracy : e.testAccuracy;
            if (!std::isfinite(held)) continue;
            sum += held;
            loss += e.loss;
            lo = std::min(lo, held);
            hi = std::max(hi, held);
            onModel = e.onModel;
            ++n;
        }
        if (n == 0) continue;
        const QString name = sources_.size() == 1 ? tr("held out") : source.name;
        lines << tr("%1%2: %3 (%4 to %5 over %6 folds), loss %7")
                     .arg(name, onModel ? tr(" on the model") : QString(), percentText(sum / n), percentText(lo),
                          percentText(hi))
                     .arg(n)
                     .arg(loss / n, 0, 'g', 3);
    }
    return lines.size() > 1 ? lines.join(QLatin1Char('\n')) : QString();
}

}  // namespace mtj::ui
