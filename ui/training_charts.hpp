// The charts of the training view. GUI thread only.
//   LossAccuracyChart    loss (left) and accuracy (right) against epochs, per-batch loss as a faint line; one
//                        accuracy line per gradient source of a comparison. Folds follow one another on the axis.
//   AgreementChart       cosine similarity of the source's and the exact weight gradients, per hidden layer.
//   DerivativeScatter    the source's neuron derivatives against the exact ones in the last batch, with y = x.
//   NetworkView          layers as columns; hidden neurons show their device curve and where their inputs fall;
//                        links coloured by sign and sized by |weight|; a click on a neuron reports (layer, index).
//   ConfusionView        true class against predicted class.
//   DecisionMapView      class regions over a plane (the input plane, or two principal components) with the points.
#pragma once

#include <QChartView>
#include <QImage>
#include <QThread>
#include <QWidget>

#include "network_picture.hpp"
#include "training_messages.hpp"

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace mtj::ui {

class LossAccuracyChart : public QChartView {
    Q_OBJECT
public:
    explicit LossAccuracyChart(QWidget* parent = nullptr);
    void clear();
    void beginSource(int source, const QString& name, int epochs);
    /// Takes the snapshot's new points; redraws the series only when `redraw` (the view spreads redraws over frames).
    void add(const TrainingSnapshot& snapshot, bool redraw = true);
    void redraw();
    /// Points of the validation-or-test accuracy line of a source (tests).
    [[nodiscard]] int accuracyPoints(int source) const;
    [[nodiscard]] int batchLossPoints() const;

private:
    struct SourceSeries {
        QLineSeries* accuracy = nullptr;
        QList<QPointF> accuracyPoints;
        QString name;
    };
    QList<SourceSeries> sources_;
    QLineSeries *loss_, *trainAccuracy_, *batchLoss_;
    QList<QPointF> lossPoints_, trainPoints_, batchPoints_;
    QValueAxis *axisX_, *axisLoss_, *axisAccuracy_;
    int epochs_ = 1;
    double end_ = 1.0;
    double maximumLoss_ = 1.0;
};

class AgreementChart : public QChartView {
    Q_OBJECT
public:
    explicit AgreementChart(QWidget* parent = nullptr);
    void clear(int layers, int epochs);
    void add(const TrainingSnapshot& snapshot, bool redraw = true);
    void redraw();

private:
    QList<QLineSeries*> layers_;
    QList<QList<QPointF>> points_;
    QValueAxis *axisX_, *axisY_;
    int epochs_ = 1;
    double end_ = 1.0;
    double minimum_ = 0.9;
};

class DerivativeScatter : public QChartView {
    Q_OBJECT
public:
    explicit DerivativeScatter(QWidget* parent = nullptr);
    void set(const std::vector<float>& source, const std::vector<float>& exact, const QString& sourceName);

private:
    QScatterSeries* points_;
    QLineSeries* diagonal_;
    QValueAxis *axisX_, *axisY_;
};

class NetworkView : public QWidget {
    Q_OBJECT
public:
    explicit NetworkView(QWidget* parent = nullptr);
    ~NetworkView() override;
    void setSetup(const TrainingSetup& setup);
    void setState(const std::vector<Eigen::MatrixXf>& weights, const std::vector<std::vector<float>>& inputs);
    /// True when the picture on screen shows the latest state at the current size (nothing left to draw).
    [[nodiscard]] bool pictureCurrent() const;

signals:
    void neuronClicked(int layer, int neuron);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void requestPicture();
    void sendPicture();
    void showPicture(quint64 id, const QImage& image);

    TrainingSetup setup_;
    std::vector<Eigen::MatrixXf> weights_;
    std::vector<std::vector<float>> inputs_;
    QThread* drawingThread_;
    NetworkPainter* painter_;
    quint64 requested_ = 0;   ///< id of the newest state
    quint64 sent_ = 0;        ///< id of the picture being drawn (requests made meanwhile wait for it: latest wins)
    quint64 shown_ = 0;       ///< id of the picture on screen
    QImage picture_;
};

class ConfusionView : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionView(QWidget* parent = nullptr);
    void set(const Eigen::MatrixXi& confusion, const QStringList& names);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Eigen::MatrixXi confusion_;
    QStringList names_;
};

class DecisionMapView : public QWidget {
    Q_OBJECT
public:
    explicit DecisionMapView(QWidget* parent = nullptr);
    void set(const DecisionMap& map);
    [[nodiscard]] bool hasMap() const { return !map_.image.isNull(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    DecisionMap map_;
};

}  // namespace mtj::ui
