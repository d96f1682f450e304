// SPDX-License-Identifier: GPL-3.0-or-later
// AccuracyBarChart: held-out accuracy per finished run as bars with error bars. One widget of the training view (ui/training_charts.hpp lists them); GUI thread only.
#pragma once

#include <QWidget>

#include "training_messages.hpp"

namespace mtj::ui {

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

}  // namespace mtj::ui
