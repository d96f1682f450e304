// SPDX-License-Identifier: GPL-3.0-or-later
#include "training_charts.hpp"

#include "chart_style.hpp"
#include "thread_handoff.hpp"

#include <QAreaSeries>
#include <QHelpEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <functional>
#include <limits>
#include <cmath>

namespace mtj::ui {
namespace {

QColor sourceColour(int source) {
    static const QColor colours[] = {QColor(0x1f, 0x4e, 0x9c), QColor(0xe6, 0x7e, 0x22), QColor(0x27, 0xae, 0x60),
                                     QColor(0x8e, 0x44, 0xad)};
    return colours[source % 4];
}

/// Averages a long list into at most `limit` points (bins of consecutive points) so a chart never draws more.
QList<QPointF> thinned(const QList<QPointF>& points, int limit) {
    if (points.size() <= limit) return points;
    const int bin = (points.size() + limit - 1) / limit;
    QList<QPointF> out;
    for (int i = 0; i < points.size(); i += bin) {
        double x = 0, y = 0;
        const int end = std::min<int>(points.size(), i + bin);
        for (int k = i; k < end; ++k) {
            x += points[k].x();
            y += points[k].y();
        }
        out << QPointF(x / (end - i), y / (end - i));
    }
    return out;
}

/// Answers a tooltip event with the text for the point under the cursor, or the widget's own tooltip elsewhere.
template <class TextAt>
bool showToolTipFor(QWidget* widget, QEvent* event, TextAt&& textAt) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QString text = textAt(QPointF(help->pos()));
    QToolTip::showText(help->globalPos(), text.isEmpty() ? widget->toolTip() : text, widget);
    return true;
}

QString percentText(double fraction) { return QString::number(100.0 * fraction, 'f', 1) + QStringLiteral(" %"); }

}  // namespace

// ---------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------

NetworkView::NetworkView(QWidget* parent)
    : QWidget(parent), drawingThread_(new QThread(this)), painter_(new NetworkPainter) {
    setMinimumSize(280, 200);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    setAttribute(Qt::WA_OpaquePaintEvent);  // paints every pixel: the tab page behind it need not be drawn first
    setToolTip(
        tr("Layers as columns (up to 12 neurons each). Hidden neurons show their own device curve and a "
           "histogram of where the last batch's inputs fall on it; links are blue for positive and red for "
           "negative weights, thicker for larger ones. Click a neuron to open its device in the device explorer."));
    drawingThread_->setObjectName(QStringLiteral("network picture"));
    painter_->moveToThread(drawingThread_);
    deleteWhenThreadFinishes(painter_, drawingThread_);
    connect(painter_, &NetworkPainter::drawn, this, &NetworkView::showPicture);
    drawingThread_->start();
}

NetworkView::~NetworkView() {
    drawingThread_->quit();
    drawingThread_->wait();
    passThreadHandoffFence();  // the painter was deleted on its thread: deleteWhenThreadFinishes
}

void NetworkView::setSetup(const TrainingSetup& setup) {
    setup_ = setup;
    weights_.clear();
    inputs_.clear();
    requestPicture();
}

void NetworkView::setState(const std::vector<Eigen::MatrixXf>& weights, const std::vector<std::vector<float>>& inputs) {
    weights_ = weights;
    inputs_ = inputs;
    requestPicture();
}

bool NetworkView::pictureCurrent() const {
    return setup_.widths.empty() || (shown_ == requested_ && picture_.deviceIndependentSize().toSize() == size());
}

void NetworkView::resizeEvent(QResizeEvent*) { requestPicture(); }

void NetworkView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) requestPicture();  // the picture's background is the palette's
}

void NetworkView::requestPicture() {
    ++requested_;
    if (sent_ == shown_) sendPicture();  // else the picture under way is followed by the newest state when it lands
    update();
}

void NetworkView::sendPicture() {
    if (setup_.widths.empty()) {
        shown_ = sent_ = requested_;
        return;
    }
    NetworkPictureInput input{
        setup_, weights_, inputs_, size(), devicePixelRatioF(), palette().base().color(), QColor(90, 90, 90)};
    sent_ = requested_;
    invokeAcrossThreads(painter_,
                        [painter = painter_, id = sent_, input = std::move(input)] { painter->draw(id, input); });
}

void NetworkView::showPicture(quint64 id, const QImage& image) {
    passThreadHandoffFence();  // from the painter thread: ui/thread_handoff.hpp
    shown_ = id;
    picture_ = image;
    if (sent_ < requested_) sendPicture();
    update();
}

void NetworkView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (setup_.widths.empty()) {
        painter.fillRect(rect(), palette().base());
        painter.drawText(rect(), Qt::AlignCenter, tr("Start a run to see the network"));
        return;
    }
    if (picture_.isNull()) {
        painter.fillRect(rect(), palette().base());
    } else {
        // Until the picture at a new size lands, the last one is stretched to fit.
        painter.drawImage(QRectF(rect()), picture_);
    }
    const int columns = static_cast<int>(setup_.widths.size());
    const double cellWidth = width() / static_cast<double>(columns);
    painter.setPen(palette().text().color());
    for (int c = 0; c < columns; ++c) {
        const int neurons = setup_.widths[static_cast<std::size_t>(c)];
        const QString caption = columnCaption(c);
        painter.drawText(QRectF(cellWidth * c, 0, cellWidth, 18), Qt::AlignCenter, caption);
        const int rows = std::min(neurons, kNetworkNeuronsShown);
        if (setup_.deviceCurves.empty() && c > 0 && c + 1 < columns && rows > 0) {  // tanh neurons have no device curve
            // "tanh" in a font small enough for the box (the whole word, never a cut one).
            const QRectF box = networkNeuronRect(size(), columns, c, 0, rows);
            QFont small = painter.font();
            small.setPixelSize(std::max(5, static_cast<int>(QFontMetricsF(font()).height())));
            while (small.pixelSize() > 5 &&
                   QFontMetricsF(small).horizontalAdvance(QStringLiteral("tanh")) > box.width() * 0.9) {
                small.setPixelSize(small.pixelSize() - 1);
            }
            painter.save();
            painter.setFont(small);
            for (int r = 0; r < rows; ++r)
                painter.drawText(networkNeuronRect(size(), columns, c, r, rows), Qt::AlignCenter,
                                 QStringLiteral("tanh"));
            painter.restore();
        }
    }
}

QString NetworkView::columnCaption(int c) const {
    const int columns = static_cast<int>(setup_.widths.size());
    if (c < 0 || c >= columns) return {};
    const int neurons = setup_.widths[static_cast<std::size_t>(c)];
    // A layer wider than kNetworkNeuronsShown says how many of its neurons are drawn.
    const int drawn = std::min(neurons, kNetworkNeuronsShown);
    const QString count = drawn < neurons ? tr("%1 of %2").arg(drawn).arg(neurons) : QString::number(neurons);
    return c == 0             ? tr("inputs: %1").arg(count)
           : c + 1 == columns ? tr("outputs: %1").arg(count)
                              : tr("layer %1: %2").arg(c).arg(count);
}

std::pair<int, int> NetworkView::neuronAt(const QPointF& position) const {
    const int columns = static_cast<int>(setup_.widths.size());
    for (int c = 0; c < columns; ++c) {
        const int rows = std::min(setup_.widths[static_cast<std::size_t>(c)], kNetworkNeuronsShown);
        for (int r = 0; r < rows; ++r)
            if (networkNeuronRect(size(), columns, c, r, rows).contains(position)) return {c, r};
    }
    return {-1, -1};
}

void NetworkView::mousePressEvent(QMouseEvent* event) {
    const auto [column, row] = neuronAt(event->position());
    if (column > 0 && column + 1 < static_cast<int>(setup_.widths.size())) emit neuronClicked(column - 1, row);
}

QString NetworkView::toolTipAt(const QPointF& position) const {
    const auto [column, row] = neuronAt(position);
    const int columns = static_cast<int>(setup_.widths.size());
    if (column < 0) return {};
    if (column == 0) return tr("input %1").arg(row + 1);
    if (column + 1 == columns)
        return tr("output %1%2")
            .arg(row + 1)
            .arg(static_cast<std::size_t>(row) < setup_.classNames.size()
                     ? QStringLiteral(": ") + QString::fromStdString(setup_.classNames[static_cast<std::size_t>(row)])
                     : QString());
    QString text = tr("layer %1, neuron %2").arg(column).arg(row + 1);
    // The hidden neurons shown, layer after layer, index the last batch's inputs.
    std::size_t index = static_cast<std::size_t>(row);
    for (int c = 1; c < column; ++c)
        index += static_cast<std::size_t>(std::min(setup_.widths[static_cast<std::size_t>(c)], kNetworkNeuronsShown));
    if (index < inputs_.size() && !inputs_[index].empty()) {
        const auto& x = inputs_[index];
        const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
        double mean = 0.0;
        for (float v : x) mean += v;
        mean /= static_cast<double>(x.size());
        text += tr("\ninputs x of the last batch: %1 to %2, mean %3 (device range %4 to %5)")
                    .arg(*lo, 0, 'f', 2)
                    .arg(*hi, 0, 'f', 2)
                    .arg(mean, 0, 'f', 2)
                    .arg(setup_.xMin, 0, 'g', 3)
                    .arg(setup_.xMax, 0, 'g', 3);
    }
    if (!setup_.deviceCurves.empty()) text += tr("\nclick: open this neuron's device in the device explorer");
    return text;
}

bool NetworkView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip)
        return showToolTipFor(this, event, [this](const QPointF& p) { return toolTipAt(p); });
    return QWidget::event(event);
}

// ---------------------------------------------------------------------------------------------------------------

ConfusionView::ConfusionView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(240, 200);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    setToolTip(
        tr("Rows: the true class; columns: the class the network predicts, at the last epoch's evaluation "
           "(the held-out fold, else the test set). Green: correct. Hover a cell for its count and share."));
}

double ConfusionView::margin() const {
    // Room for the rotated "true class", the longest class name and a gap: names are never cut or overlapped.
    const QFontMetricsF metrics(font());
    double widest = 0.0;
    for (const QString& name : names_) widest = std::max(widest, metrics.horizontalAdvance(name));
    return std::max(kMargin, metrics.height() + widest + 12.0);
}

double ConfusionView::cellSize() const {
    const auto n = static_cast<double>(std::max<Eigen::Index>(1, confusion_.rows()));
    return std::max(1.0, std::min(width() - margin() - 10, height() - margin() - 10) / n);
}

QString ConfusionView::toolTipAt(const QPointF& position) const {
    const int n = static_cast<int>(confusion_.rows());
    if (n == 0) return {};
    const double size = cellSize();
    const int p = static_cast<int>(std::floor((position.x() - margin()) / size));
    const int t = static_cast<int>(std::floor((position.y() - margin() * 0.6) / size));
    if (p < 0 || p >= n || t < 0 || t >= n) return {};
    auto name = [&](int c) { return c < names_.size() ? names_[c] : QString::number(c); };
    const int count = confusion_(t, p);
    const qint64 rowTotal = std::max<qint64>(1, confusion_.row(t).cast<qint64>().sum());
    return tr("true %1, predicted %2: %3, %4 of the true %1")
        .arg(name(t), name(p), count == 1 ? tr("1 sample") : tr("%1 samples").arg(count),
             percentText(static_cast<double>(count) / rowTotal));
}

bool ConfusionView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip)
        return showToolTipFor(this, event, [this](const QPointF& p) { return toolTipAt(p); });
    return QWidget::event(event);
}

void ConfusionView::set(const Eigen::MatrixXi& confusion, const QStringList& names) {
    confusion_ = confusion;
    names_ = names;
    update();
}

AccuracyBarChart::AccuracyBarChart(QWidget* parent) : QWidget(parent) {
    setMinimumSize(240, 120);
    setToolTip(
        tr("Held-out accuracy of each finished run: bar = mean over the folds, whisker = one standard "
           "deviation, dots = the folds. Model-then-deploy shows the accuracy on the model, right after "
           "deployment on the devices, and after fine-tuning on the devices."));
}

void AccuracyBarChart::clear() {
    bars_.clear();
    update();
}

void AccuracyBarChart::addRun(const QString& source, int sourceIndex, const ExperimentResult& result) {
    auto held = [](double validation, double test) { return std::isfinite(validation) ? validation : test; };
    auto statistics = [](const QList<double>& values, double& mean, double& deviation) {
        mean = 0.0;
        for (double v : values) mean += v / values.size();
        double squares = 0.0;
        for (double v : values) squares += (v - mean) * (v - mean);
        deviation = values.size() > 1 ? std::sqrt(squares / (values.size() - 1)) : 0.0;
    };
    const QColor colour = sourceColour(sourceIndex);
    const bool deployed = !result.folds.empty() && result.folds.front().deployment.done;
    auto add = [&](const QString& label, QColor c, const std::function<double(const FoldResult&)>& figure) {
        Bar bar;
        bar.label = label;
        bar.group = source;
        bar.colour = c;
        for (const FoldResult& f : result.folds) bar.folds << figure(f);
        statistics(bar.folds, bar.mean, bar.deviation);
        bars_ << bar;
    };
    if (deployed) {
        add(tr("on the model"), colour.lighter(150),
            [&](const FoldResult& f) { return held(f.modelValidationAccuracy, f.modelTestAccuracy); });
        add(tr("deployed"), QColor(0xc0, 0x39, 0x2b),
            [&](const FoldResult& f) { return held(f.deployment.validationAccuracy, f.deployment.testAccuracy); });
        add(tr("fine-tuned"), colour, [&](const FoldResult& f) { return held(f.validationAccuracy, f.testAccuracy); });
    } else {
        add(source, colour, [&](const FoldResult& f) { return held(f.validationAccuracy, f.testAccuracy); });
    }
    update();
}

void AccuracyBarChart::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    if (bars_.isEmpty()) {
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("The held-out accuracy of each run appears here when it finishes"));
        return;
    }
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    // Room above the plot for the title and the value over a full bar, below it for two lines of labels.
    const QRectF plot(metrics.horizontalAdvance(QStringLiteral("100 %")) + 10, line * 2.8,
                      width() - metrics.horizontalAdvance(QStringLiteral("100 %")) - 20, height() - line * 5.5);
    // Axis: 0 to 100 % with grid lines every 20 %, or every 50 % where the plot is too low for six labels (a
    // projector's font in a small pane).
    const int gridStep = plot.height() / 5 >= line * 1.15 ? 20 : plot.height() / 2 >= line * 1.15 ? 50 : 100;
    painter.setPen(QColor(200, 200, 200));
    for (int p = 0; p <= 100; p += gridStep) {
        const double y = plot.bottom() - plot.height() * p / 100.0;
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(palette().text().color());
        painter.drawText(QRectF(0, y - line / 2, plot.left() - 4, line), Qt::AlignRight | Qt::AlignVCenter,
                         QStringLiteral("%1 %").arg(p));
        painter.setPen(QColor(200, 200, 200));
    }
    painter.setPen(palette().text().color());
    painter.drawText(QRectF(0, 0, width(), line * 1.3), Qt::AlignCenter,
                     tr("Held-out accuracy (mean +- sd over folds)"));
    const int n = static_cast<int>(bars_.size());
    const double slot = plot.width() / n;
    const double barWidth = std::min(slot * 0.6, 90.0);
    for (int i = 0; i < n; ++i) {
        const Bar& bar = bars_[i];
        const double centre = plot.left() + slot * (i + 0.5);
        const double top = plot.bottom() - plot.height() * std::clamp(bar.mean, 0.0, 1.0);
        painter.fillRect(QRectF(centre - barWidth / 2, top, barWidth, plot.bottom() - top), bar.colour);
        // Whisker: +- one standard deviation.
        painter.setPen(QPen(Qt::black, 1.6));
        const double hi = plot.bottom() - plot.height() * std::clamp(bar.mean + bar.deviation, 0.0, 1.0);
        const double lo = plot.bottom() - plot.height() * std::clamp(bar.mean - bar.deviation, 0.0, 1.0);
        painter.drawLine(QPointF(centre, hi), QPointF(centre, lo));
        painter.drawLine(QPointF(centre - barWidth / 5, hi), QPointF(centre + barWidth / 5, hi));
        painter.drawLine(QPointF(centre - barWidth / 5, lo), QPointF(centre + barWidth / 5, lo));
        // The folds as dots beside the whisker.
        painter.setBrush(Qt::white);
        painter.setPen(QPen(Qt::black, 1.0));
        for (int k = 0; k < bar.folds.size(); ++k) {
            const double y = plot.bottom() - plot.height() * std::clamp(bar.folds[k], 0.0, 1.0);
            const double dx = bar.folds.size() > 1 ? (k / (bar.folds.size() - 1.0) - 0.5) * barWidth * 0.6 : 0.0;
            painter.drawEllipse(QPointF(centre + dx, y), 2.5, 2.5);
        }
        painter.setPen(palette().text().color());
        painter.drawText(QRectF(centre - slot / 2, std::min(top, hi) - line * 1.1, slot, line), Qt::AlignCenter,
                         QStringLiteral("%1 %").arg(100.0 * bar.mean, 0, 'f', 1));
        // A label wider than its slot breaks after a hyphen onto the second line where that line is free
        // ("nominal-" / "model"), else it is elided.
        const qsizetype hyphen = bar.label.lastIndexOf(QLatin1Char('-'));
        if (metrics.horizontalAdvance(bar.label) > slot - 2 && bar.group == bar.label && hyphen > 0) {
            painter.drawText(QRectF(centre - slot / 2, plot.bottom() + 2, slot, line), Qt::AlignCenter,
                             metrics.elidedText(bar.label.left(hyphen + 1), Qt::ElideRight, slot - 2));
            painter.drawText(QRectF(centre - slot / 2, plot.bottom() + 2 + line, slot, line), Qt::AlignCenter,
                             metrics.elidedText(bar.label.mid(hyphen + 1), Qt::ElideRight, slot - 2));
            continue;
        }
        painter.drawText(QRectF(centre - slot / 2, plot.bottom() + 2, slot, line), Qt::AlignCenter,
                         metrics.elidedText(bar.label, Qt::ElideRight, slot - 2));
        if (bar.group != bar.label) {
            painter.drawText(QRectF(centre - slot / 2, plot.bottom() + 2 + line, slot, line), Qt::AlignCenter,
                             metrics.elidedText(bar.group, Qt::ElideRight, slot - 2));
        }
    }
}

void ConfusionView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const int n = static_cast<int>(confusion_.rows());
    if (n == 0) {
        painter.drawText(rect(), Qt::AlignCenter, tr("The confusion matrix appears after the first epoch"));
        return;
    }
    const double margin = this->margin();
    const double size = cellSize();
    const int peak = std::max(1, confusion_.maxCoeff());
    const double line = fontMetrics().height();
    QFont small = font();
    small.setPointSizeF(std::max(6.0, std::min(10.0, size / 3.5)));
    painter.setFont(small);
    for (int t = 0; t < n; ++t) {
        for (int p = 0; p < n; ++p) {
            const QRectF cell(margin + p * size, margin * 0.6 + t * size, size, size);
            const double share = static_cast<double>(confusion_(t, p)) / peak;
            QColor colour = t == p ? QColor(0x27, 0xae, 0x60) : QColor(0xc0, 0x39, 0x2b);
            colour.setAlphaF(0.08 + 0.8 * share);
            painter.fillRect(cell, colour);
            painter.setPen(QColor(60, 60, 60));
            painter.drawRect(cell);
            if (size > 14) painter.drawText(cell, Qt::AlignCenter, QString::number(confusion_(t, p)));
        }
        const QString name = t < names_.size() ? names_[t] : QString::number(t);
        // Row names in the widget's font, right of the rotated "true class" title, never under it.
        painter.save();
        painter.setFont(font());
        painter.drawText(QRectF(line + 2, margin * 0.6 + t * size, margin - line - 6, size),
                         Qt::AlignRight | Qt::AlignVCenter, name);
        painter.restore();
        painter.drawText(QRectF(margin + t * size, margin * 0.6 - 18, size, 16), Qt::AlignCenter,
                         name.left(std::max(1, static_cast<int>(size / 7))));
    }
    painter.drawText(QRectF(margin, 0, n * size, 16), Qt::AlignCenter, tr("predicted class"));
    painter.save();
    painter.translate(0.5 * line + 1, margin * 0.6 + n * size / 2);
    painter.rotate(-90);
    painter.drawText(QRectF(-0.5 * n * size, -0.5 * line, n * size, line), Qt::AlignCenter, tr("true class"));
    painter.restore();
}

// ---------------------------------------------------------------------------------------------------------------

DecisionMapView::DecisionMapView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(240, 200);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
}

void DecisionMapView::set(const DecisionMap& map) {
    map_ = map;
    image_ = QImage();
    const int n = map_.resolution;
    if (n > 0 && map_.classes.size() == static_cast<std::size_t>(n) * n &&
        map_.confidence.size() == map_.classes.size()) {
        image_ = QImage(n, n, QImage::Format_ARGB32);
        for (int i = 0; i < n * n; ++i) {
            const auto cell = static_cast<std::size_t>(i);
            const float stored = map_.confidence[cell];
            const float confidence = stored >= 0.0f && stored <= 1.0f ? stored : 0.0f;  // NaN: none
            image_.setPixelColor(i % n, i / n,
                                 classColour(map_.classes[cell], static_cast<int>(60 + 110 * confidence)));
        }
    }
    update();
}

void DecisionMapView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    if (image_.isNull()) {
        painter.setPen(palette().text().color());
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("The decision map appears after the first epoch\n(2-D sets and Iris)"));
        return;
    }
    const QRectF area = mapArea();
    painter.drawImage(area, image_);
    // The samples on top of the classes' regions: each in its class's colour with a dark outline.
    painter.setPen(chartPen(Qt::black, 0.8));
    const double radius = std::max(3.5, 0.25 * fontMetrics().height());
    for (std::size_t i = 0; i < map_.points.size(); ++i) {
        painter.setBrush(classColour(map_.labels[i]));
        painter.drawEllipse(mapPosition(QPointF(map_.points[i][0], map_.points[i][1])), radius, radius);
    }
    // The frame and the labels: no brush, or the frame would paint over the map.
    painter.setBrush(Qt::NoBrush);
    painter.setPen(palette().text().color());
    painter.drawRect(area);
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    painter.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), line), Qt::AlignCenter,
                     QString::fromStdString(map_.xLabel));
    painter.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), line), Qt::AlignLeft,
                     QString::number(map_.xMin, 'f', 1));
    painter.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), line), Qt::AlignRight,
                     QString::number(map_.xMax, 'f', 1));
    painter.save();
    painter.translate(0.6 * line, area.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-area.height() / 2, -0.5 * line, area.height(), line), Qt::AlignCenter,
                     QString::fromStdString(map_.yLabel));
    painter.restore();
    const double numbers = area.left() - 1.3 * line - 2;
    painter.drawText(QRectF(1.3 * line, area.top(), numbers, line), Qt::AlignRight, QString::number(map_.yMax, 'f', 1));
    painter.drawText(QRectF(1.3 * line, area.bottom() - line, numbers, line), Qt::AlignRight,
                     QString::number(map_.yMin, 'f', 1));
}

QRectF DecisionMapView::mapArea() const {
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    const double left = 1.3 * line + metrics.horizontalAdvance(QStringLiteral("-00.0")) + 6;
    return QRectF(left, 0.6 * line, std::max(10.0, width() - left - 0.8 * line), std::max(10.0, height() - 2.4 * line));
}

QPointF DecisionMapView::mapPosition(const QPointF& p) const {
    const QRectF area = mapArea();
    return {area.left() + area.width() * (p.x() - map_.xMin) / (map_.xMax - map_.xMin),
            area.top() + area.height() * (map_.yMax - p.y()) / (map_.yMax - map_.yMin)};
}

}  // namespace mtj::ui
