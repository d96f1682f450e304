// SPDX-License-Identifier: GPL-3.0-or-later
// DecisionMapView: class regions over a plane with the points. One widget of the training view (ui/training_charts.hpp lists them); GUI thread only.
#pragma once

#include <QImage>
#include <QWidget>

#include "training_messages.hpp"

namespace mtj::ui {

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
