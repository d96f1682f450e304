// SPDX-License-Identifier: GPL-3.0-or-later
// DerivativeScatter: the source's neuron derivatives against the exact ones in the last batch. One widget of the training view (ui/training_charts.hpp lists them); GUI thread only.
#pragma once

#include <QWidget>

#include "readout_chart_view.hpp"

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace mtj::ui {

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

}  // namespace mtj::ui
