// SPDX-License-Identifier: GPL-3.0-or-later
#include "readout_chart_view.hpp"

#include "chart_export.hpp"

#include <QGraphicsLineItem>
#include <QHelpEvent>
#include <QLogValueAxis>
#include <QValueAxis>
#include <cmath>

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

void ReadoutChartView::installChart(QChart* chart) {
    QChart* made = this->chart();
    setChart(chart);
    if (made != chart) delete made;
}

QString ReadoutChartView::readoutText() const {
    return box_ != nullptr && box_->isVisible() ? label_->text() : QString();
}

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
    if (!chart()->axes().isEmpty())
        label_->setFont(chart()->axes().first()->labelsFont());  // follows presentation mode
    label_->setText(text);
    box_->setRect(QRectF(QPointF(0, 0), label_->boundingRect().size() + QSizeF(8, 4)));
    // Keep the box inside the plot area, beside the cursor.
    const QRectF area = chart()->plotArea();
    QPointF position = chart()->mapFromScene(scene) + QPointF(12, 12);
    const QRectF box = box_->rect();
    if (position.x() + box.width() > area.right()) position.setX(std::max(area.left(), area.right() - box.width() - 4));
    if (position.y() + box.height() > area.bottom())
        position.setY(std::max(area.top(), area.bottom() - box.height() - 4));
    box_->setPos(position);
    box_->show();
}

bool ReadoutChartView::event(QEvent* event) {
    // Over the plot the hover readout answers; a tooltip there would cover it.
    if (event->type() == QEvent::ToolTip && readout_ && chart() != nullptr) {
        const auto* help = static_cast<QHelpEvent*>(event);
        if (chart()->plotArea().contains(chart()->mapFromScene(mapToScene(help->pos())))) {
            event->ignore();
            return true;
        }
    }
    return QChartView::event(event);
}

void ReadoutChartView::setMarkers(const QList<Marker>& markers, QAbstractAxis* axis) {
    markers_ = markers;
    if (axis != markerAxis_) {
        markerAxis_ = axis;
        if (auto* value = qobject_cast<QValueAxis*>(axis))
            connect(value, &QValueAxis::rangeChanged, this, &ReadoutChartView::placeMarkers, Qt::UniqueConnection);
        if (auto* log = qobject_cast<QLogValueAxis*>(axis))
            connect(log, &QLogValueAxis::rangeChanged, this, &ReadoutChartView::placeMarkers, Qt::UniqueConnection);
        connect(chart(), &QChart::plotAreaChanged, this, &ReadoutChartView::placeMarkers, Qt::UniqueConnection);
    }
    while (markerLines_.size() < markers.size()) {
        auto* line = new QGraphicsLineItem(chart());
        line->setZValue(8);
        auto* text = new QGraphicsSimpleTextItem(chart());
        text->setZValue(9);
        markerLines_ << line;
        markerLabels_ << text;
    }
    placeMarkers();
}

void ReadoutChartView::placeMarkers() {
    if (chart() == nullptr) return;
    const QRectF area = chart()->plotArea();
    const QFont font = chart()->axes().isEmpty() ? QFont() : chart()->axes().first()->labelsFont();
    // Labels stack from a third of the way down: saturating curves sit at the top and the bottom.
    double nextTop = area.top() + area.height() / 3.0;
    for (int i = 0; i < markerLines_.size(); ++i) {
        double fraction = -1.0;
        if (i < markers_.size()) {
            if (const auto* value = qobject_cast<const QValueAxis*>(markerAxis_);
                value != nullptr && value->max() > value->min()) {
                fraction = (markers_[i].x - value->min()) / (value->max() - value->min());
            } else if (const auto* log = qobject_cast<const QLogValueAxis*>(markerAxis_);
                       log != nullptr && log->min() > 0.0 && log->max() > log->min() && markers_[i].x > 0.0) {
                fraction = std::log(markers_[i].x / log->min()) / std::log(log->max() / log->min());
            }
        }
        const bool used = fraction >= 0.0;
        const bool inside = used && fraction >= 0.0 && fraction <= 1.0;
        markerLines_[i]->setVisible(inside);
        markerLabels_[i]->setVisible(inside);
        if (!inside) continue;
        const double x = area.left() + fraction * area.width();
        QPen pen(markers_[i].colour, 1.4, Qt::DotLine);
        markerLines_[i]->setPen(pen);
        markerLines_[i]->setLine(x, area.top(), x, area.bottom());
        markerLabels_[i]->setFont(font);
        markerLabels_[i]->setBrush(markers_[i].colour.darker(130));
        markerLabels_[i]->setText(markers_[i].label);
        const QRectF box = markerLabels_[i]->boundingRect();
        // Beside the line, inside the plot; labels stack downwards so they never overlap.
        double left = x + 3;
        if (left + box.width() > area.right()) left = x - 3 - box.width();
        left = std::clamp(left, area.left() + 2, std::max(area.left() + 2, area.right() - box.width() - 2));
        markerLabels_[i]->setPos(left, nextTop);
        nextTop += box.height();
    }
}

QStringList ReadoutChartView::visibleMarkerLabels() const {
    QStringList labels;
    for (const QGraphicsSimpleTextItem* text : markerLabels_) {
        if (text->isVisible()) labels << text->text();
    }
    return labels;
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
