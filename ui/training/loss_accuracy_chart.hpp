// SPDX-License-Identifier: GPL-3.0-or-later
// LossAccuracyChart: loss and held-out accuracy against the epoch (and BinnedPoints, its per-batch loss line). One widget of the training view (ui/training_charts.hpp lists them); GUI thread only.
#pragma once

#include <QWidget>

#include "readout_chart_view.hpp"
#include "training_messages.hpp"

class QAreaSeries;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace mtj::ui {

/// Points arriving in increasing x, averaged in bins of a fixed x width: a bounded list that does not depend on how
/// the points were delivered (live in chunks, or at once from a session).
class BinnedPoints {
public:
    void reset(double binWidth);
    void add(double x, double y);                 ///< non-finite y are left out
    [[nodiscard]] QList<QPointF> points() const;  ///< the closed bins and the open one
    [[nodiscard]] int size() const { return static_cast<int>(closed_.size()) + (count_ > 0 ? 1 : 0); }

private:
    double width_ = 1.0;
    QList<QPointF> closed_;
    long bin_ = 0;
    double sumX_ = 0.0, sumY_ = 0.0;
    int count_ = 0;
};

class LossAccuracyChart : public ReadoutChartView {
    Q_OBJECT
public:
    explicit LossAccuracyChart(QWidget* parent = nullptr);
    void clear();
    void beginSource(int source, const QString& name, int epochs);
    /// Takes the snapshot's new points; redraws the series only when `redraw` (the view spreads redraws over frames).
    void add(const TrainingSnapshot& snapshot, bool redraw = true);
    void redraw();
    /// Points of the held-out accuracy line (on the devices) of a source, mean over folds (tests).
    [[nodiscard]] int accuracyPoints(int source) const;
    [[nodiscard]] QList<QPointF> accuracyLine(int source) const;
    [[nodiscard]] QList<QPointF> lossLine(int source) const;
    /// The min-max band of a source's held-out accuracy over folds: (upper, lower).
    [[nodiscard]] std::pair<QList<QPointF>, QList<QPointF>> accuracyBand(int source) const;
    [[nodiscard]] QPen accuracyPen(int source) const;
    [[nodiscard]] int sources() const { return static_cast<int>(sources_.size()); }
    [[nodiscard]] int batchLossPoints() const;
    /// Model-then-deploy: epochs on the model (dashed) of a source, and the deployments marked (epoch, mean
    /// accuracy on the devices right after deployment over the folds deployed so far), one per source.
    [[nodiscard]] QList<QPointF> modelAccuracyPoints(int source) const;
    [[nodiscard]] QList<QPointF> deploymentPoints() const;
    /// The hover readout at chart x (epoch within a fold): mean loss and accuracies there, with their range.
    [[nodiscard]] QString readoutAt(double x) const;

private:
    /// One fold of one source: its epoch reports in order, and its deployment.
    struct FoldCurve {
        std::vector<EpochReport> epochs;
        DeploymentReport deployment;
    };
    struct SourceSeries {
        QString name;
        std::vector<FoldCurve> folds;
        QLineSeries* accuracy = nullptr;                 // held-out accuracy on the devices, mean over folds
        QLineSeries* modelAccuracy = nullptr;            // model-then-deploy: held-out accuracy on the model, dashed
        QLineSeries* loss = nullptr;                     // loss, mean over folds
        QLineSeries *upper = nullptr, *lower = nullptr;  // min and max of the held-out accuracy over folds
        QAreaSeries* band = nullptr;
    };
    void addSourceSeries();
    QScatterSeries* deployed_ = nullptr;     // mean accuracy on the devices at the deployment, per source
    QLineSeries* deploymentLine_ = nullptr;  // a vertical dashed line at the deployment epoch
    std::vector<SourceSeries> sources_;
    QLineSeries *trainAccuracy_, *batchLoss_;  // the first source's training accuracy; the current fold's batches
    BinnedPoints batchPoints_;                 ///< 1000 bins per fold, the fold being trained
    int batchSource_ = -1, batchFold_ = -1;
    QValueAxis *axisX_, *axisLoss_, *axisAccuracy_;
    int epochs_ = 1;
    double maximumLoss_ = 1.0;
};

}  // namespace mtj::ui
