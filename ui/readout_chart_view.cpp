#include "readout_chart_view.hpp"

#include "chart_export.hpp"

#include "chart_style.hpp"

#include <QAbstractAxis>
#include <QChart>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <algorithm>
#include <QMouseEvent>

namespace mtj::ui {

ReadoutChartView::ReadoutChartView(QWidget* parent) : QChartView(parent) {
    prepareChartView(this, 220, 170);
    setMouseTracking(true);
}

QString ReadoutChartView::readoutText() const { return box_ != nullptr && box_->isVisible() ? label_->text() : QString(); }

void ReadoutChartView::mouseMoveEvent(QMouseEvent* event) {
    QChartView::mouseMoveEvent(event);
    if (!readout_ || chart() == nullptr) return;
    const QPointF scene = mapToScene(event->position().toPoint());
    if (!chart()->plotArea().contains(chart()->mapFromScene(scene))) {
        if (box_ != nullptr) box_->hide();
        return;
    }
    const QPointF value = chart()->mapToValue(chart()->mapFromScene(scene));
    const QString text = readout_(value);
    if (text.isEmpty()) {
        if (box_ != nullptr) box_->hide();
        return;
    }
    if (box_ == nullptr) {
        // The text on a light, nearly opaque box so that it reads over the curves.
        box_ = new QGraphicsRectItem(chart());
        box_->setZValue(20);
        box_->setData(kExcludeFromChartExport, true);  // the hover readout is not part of an exported chart
        box_->setBrush(QColor(255, 255, 255, 235));
        box_->setPen(QPen(QColor(160, 160, 160), 0.8));
        label_ = new QGraphicsSimpleTextItem(box_);
        label_->setBrush(QColor(30, 30, 30));
        label_->setPos(4, 2);
    }
    if (!chart()->axes().isEmpty()) label_->setFont(chart()->axes().first()->labelsFont());  // follows presentation mode
    label_->setText(text);
    box_->setRect(QRectF(QPointF(0, 0), label_->boundingRect().size() + QSizeF(8, 4)));
    // Keep the box inside the plot area, beside the cursor.
    const QRectF area = chart()->plotArea();
    QPointF position = chart()->mapFromScene(scene) + QPointF(12, 12);
    const QRectF box = box_->rect();
    if (position.x() + box.width() > area.right()) position.setX(std::max(area.left(), area.right() - box.width() - 4));
    if (position.y() + box.height() > area.bottom()) position.setY(std::max(area.top(), area.bottom() - box.height() - 4));
    box_->setPos(position);
    box_->show();
}

void ReadoutChartView::mousePressEvent(QMouseEvent* event) {
    QChartView::mousePressEvent(event);
    if (chart() == nullptr || event->button() != Qt::LeftButton) return;
    const QPointF local = chart()->mapFromScene(mapToScene(event->position().toPoint()));
    if (chart()->plotArea().contains(local)) emit clickedAt(chart()->mapToValue(local));
}

void ReadoutChartView::leaveEvent(QEvent* event) {
    QChartView::leaveEvent(event);
    if (box_ != nullptr) box_->hide();
}

}  // namespace mtj::ui
