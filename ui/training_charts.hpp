// SPDX-License-Identifier: GPL-3.0-or-later
// The charts of the training view. GUI thread only.
//   LossAccuracyChart    loss (left) and held-out accuracy (right) against the epoch, mean over the folds with the
//                        accuracy's min-max band, one colour per gradient source of a comparison; the fold being
//                        trained adds its per-batch loss as a faint line; model-then-deploy draws the epochs on the
//                        model dashed and marks the deployment.
//   AgreementChart       cosine similarity of each source's and the exact weight gradients, per hidden layer, the
//                        epoch's mean averaged over the folds.
//   DerivativeScatter    the source's neuron derivatives against the exact ones in the last batch, with y = x.
//   NetworkView          layers as columns; hidden neurons show their device curve and where their inputs fall;
//                        links coloured by sign and sized by |weight|; a click on a neuron reports (layer, index).
//   ConfusionView        true class against predicted class.
//   DecisionMapView      class regions over a plane (the input plane, or two principal components) with the points.
#pragma once

#include <QChartView>
#include <QImage>
#include <QSet>
#include <QThread>
#include <QWidget>

#include "network_picture.hpp"
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

class AgreementChart : public ReadoutChartView {
    Q_OBJECT
public:
    explicit AgreementChart(QWidget* parent = nullptr);
    void clear(int layers, int epochs);
    /// A gradient source of the run: its lines take the source's colour (a source without agreement draws none).
    void beginSource(int source, const QString& name);
    void add(const TrainingSnapshot& snapshot, bool redraw = true);
    void redraw();
    /// Points of a source's line of hidden layer `layer` (epoch, mean cosine over the folds).
    [[nodiscard]] QList<QPointF> agreementLine(int source, int layer = 0) const;
    /// The hover readout at chart x: every source's and layer's mean cosine at that epoch.
    [[nodiscard]] QString readoutAt(double x) const;

private:
    struct SourceLines {
        QString name;
        std::vector<std::vector<EpochReport>> folds;  // epoch reports per fold
        QList<QLineSeries*> layers;                   // one line per hidden layer
    };
    std::vector<SourceLines> sources_;
    int layers_ = 1;
    QValueAxis *axisX_, *axisY_;
    int epochs_ = 1;
    double minimum_ = 0.9;
};

class DerivativeScatter : public ReadoutChartView {
    Q_OBJECT
public:
    explicit DerivativeScatter(QWidget* parent = nullptr);
    void set(const std::vector<float>& source, const std::vector<float>& exact, const QString& sourceName);
    /// The hover readout at a data point: the nearest neuron-sample's exact and used derivatives (empty if none near).
    [[nodiscard]] QString readoutAt(const QPointF& value) const;
    [[nodiscard]] int pointCount() const { return static_cast<int>(shown_.size()); }

private:
    QList<QPointF> shown_;  ///< (exact, used) pairs on the chart
    QScatterSeries* points_;
    QLineSeries* diagonal_;
    QValueAxis *axisX_, *axisY_;
};

class NetworkView : public QWidget {
    Q_OBJECT
public:
    /// The caption over column c: inputs, each hidden layer, outputs, with how many neurons are drawn of how many.
    [[nodiscard]] QString columnCaption(int column) const;
    explicit NetworkView(QWidget* parent = nullptr);
    ~NetworkView() override;
    void setSetup(const TrainingSetup& setup);
    void setState(const std::vector<Eigen::MatrixXf>& weights, const std::vector<std::vector<float>>& inputs);
    /// True when the picture on screen shows the latest state at the current size (nothing left to draw).
    [[nodiscard]] bool pictureCurrent() const;
    /// The tooltip over a neuron: its layer and index, where its inputs fell in the last batch (empty elsewhere).
    [[nodiscard]] QString toolTipAt(const QPointF& position) const;

signals:
    void neuronClicked(int layer, int neuron);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    /// (column, row) of the neuron under `position`, or (-1, -1).
    [[nodiscard]] std::pair<int, int> neuronAt(const QPointF& position) const;
    void requestPicture();
    void sendPicture();
    void showPicture(quint64 id, const QImage& image);

    TrainingSetup setup_;
    std::vector<Eigen::MatrixXf> weights_;
    std::vector<std::vector<float>> inputs_;
    QThread* drawingThread_;
    NetworkPainter* painter_;
    quint64 requested_ = 0;  ///< id of the newest state
    quint64 sent_ = 0;       ///< id of the picture being drawn (requests made meanwhile wait for it: latest wins)
    quint64 shown_ = 0;      ///< id of the picture on screen
    QImage picture_;
};

/// Held-out accuracy per run as bars with error bars (the picture a speaker shows): one group per gradient source of
/// a comparison; a model-then-deploy run shows three bars (on the model, deployed, after fine-tuning). Bar height:
/// the mean over folds; whisker: +- one standard deviation over folds; dots: the folds.
class AccuracyBarChart : public QWidget {
    Q_OBJECT
public:
    struct Bar {
        QString label;  // "device-fd", "deployed", ...
        QString group;  // the source
        QColor colour;
        double mean = 0.0;
        double deviation = 0.0;
        QList<double> folds;
    };
    explicit AccuracyBarChart(QWidget* parent = nullptr);
    void clear();
    /// Adds the bars of one finished run of `source` (index `sourceIndex` gives its colour).
    void addRun(const QString& source, int sourceIndex, const ExperimentResult& result);
    [[nodiscard]] const QList<Bar>& bars() const { return bars_; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QList<Bar> bars_;
};

class ConfusionView : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionView(QWidget* parent = nullptr);
    void set(const Eigen::MatrixXi& confusion, const QStringList& names);
    [[nodiscard]] bool empty() const { return confusion_.size() == 0; }
    /// The tooltip over a cell: true and predicted class, the count and its share of the true class (empty elsewhere).
    [[nodiscard]] QString toolTipAt(const QPointF& position) const;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    /// Cell side and the matrix's top-left corner for the current size.
    [[nodiscard]] double cellSize() const;
    [[nodiscard]] double margin() const;
    static constexpr double kMargin = 70;
    Eigen::MatrixXi confusion_;
    QStringList names_;
};

class DecisionMapView : public QWidget {
    Q_OBJECT
public:
    explicit DecisionMapView(QWidget* parent = nullptr);
    void set(const DecisionMap& map);
    [[nodiscard]] bool hasMap() const { return !map_.empty(); }
    [[nodiscard]] const DecisionMap& map() const { return map_; }
    /// The map's cells as drawn: each class's colour, more opaque where the network is surer (before scaling).
    [[nodiscard]] const QImage& image() const { return image_; }
    /// The rectangle the map image fills, and where a point in data coordinates is drawn (widget pixels).
    [[nodiscard]] QRectF mapArea() const;
    [[nodiscard]] QPointF mapPosition(const QPointF& point) const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    DecisionMap map_;
    QImage image_;
};

}  // namespace mtj::ui
