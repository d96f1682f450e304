// SPDX-License-Identifier: GPL-3.0-or-later
// ConfusionView: true class against predicted class. One widget of the training view (ui/training_charts.hpp lists them); GUI thread only.
#pragma once

#include <QWidget>

#include "training_messages.hpp"

namespace mtj::ui {

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

}  // namespace mtj::ui
