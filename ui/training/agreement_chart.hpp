// SPDX-License-Identifier: GPL-3.0-or-later
// AgreementChart: the cosine between each gradient source's and the exact weight gradients, per hidden layer. One widget of the training view (ui/training_charts.hpp lists them); GUI thread only.
#pragma once

#include <QWidget>

#include "readout_chart_view.hpp"
#include "training_messages.hpp"

class QLineSeries;
class QValueAxis;

namespace mtj::ui {

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

}  // namespace mtj::ui
