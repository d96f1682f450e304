// A chart view with a hover readout and clicks in data coordinates; the charts of both views build on it.
// GUI thread only.
#pragma once

#include <QChartView>
#include <functional>

class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

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

signals:
    void clickedAt(QPointF value);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    std::function<QString(const QPointF&)> readout_;
    QGraphicsRectItem* box_ = nullptr;          ///< the readout's background, parent of the text
    QGraphicsSimpleTextItem* label_ = nullptr;
};

}  // namespace mtj::ui
