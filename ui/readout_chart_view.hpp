// SPDX-License-Identifier: GPL-3.0-or-later
// A chart view with a hover readout and clicks in data coordinates; the charts of both views build on it.
// GUI thread only.
#pragma once

#include <QChartView>
#include <QColor>
#include <QList>
#include <functional>

class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QGraphicsLineItem;
class QAbstractAxis;

namespace mtj::ui {

/// A chart view with a hover readout (text produced by a callback from the x under the cursor) and clicks in data
/// coordinates.
class ReadoutChartView : public QChartView {
    Q_OBJECT
public:
    explicit ReadoutChartView(QWidget* parent = nullptr);
    /// Text for the data-space point under the cursor (empty: no readout).
    void setReadout(std::function<QString(const QPointF&)> readout) { readout_ = std::move(readout); }
    /// The last readout shown (for tests).
    [[nodiscard]] QString readoutText() const;

    /// A labelled vertical line at x on `axis` (a value or a log axis) (a physical landmark: I_c0, a switching field, delta*); the labels
    /// stack at the top of the plot and follow the axis when it rescales. Markers outside the range are hidden.
    struct Marker {
        double x = 0.0;
        QString label;
        QColor colour;
    };
    void setMarkers(const QList<Marker>& markers, QAbstractAxis* axis);
    /// The labels of the markers drawn inside the plot (for tests).
    [[nodiscard]] QStringList visibleMarkerLabels() const;

signals:
    void clickedAt(QPointF value);

protected:
    /// setChart, deleting the chart QChartView made for itself (setChart only releases it: it leaked per chart).
    void installChart(QChart* chart);
    bool event(QEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    std::function<QString(const QPointF&)> readout_;
    QGraphicsRectItem* box_ = nullptr;  ///< the readout's background, parent of the text
    QGraphicsSimpleTextItem* label_ = nullptr;
    void placeMarkers();
    QList<Marker> markers_;
    QAbstractAxis* markerAxis_ = nullptr;
    QList<QGraphicsLineItem*> markerLines_;
    QList<QGraphicsSimpleTextItem*> markerLabels_;
};

}  // namespace mtj::ui
