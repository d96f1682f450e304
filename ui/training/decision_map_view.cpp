// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/decision_map_view.hpp"

#include "training/chart_support.hpp"
#include "chart_style.hpp"

#include <QPainter>
#include <algorithm>

namespace mtj::ui {

DecisionMapView::DecisionMapView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(240, 200);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
}

void DecisionMapView::set(const DecisionMap& map) {
    map_ = map;
    image_ = QImage();
    const int n = map_.resolution;
    if (n > 0 && map_.classes.size() == static_cast<std::size_t>(n) * n &&
        map_.confidence.size() == map_.classes.size()) {
        image_ = QImage(n, n, QImage::Format_ARGB32);
        for (int i = 0; i < n * n; ++i) {
            const auto cell = static_cast<std::size_t>(i);
            const float stored = map_.confidence[cell];
            const float confidence = stored >= 0.0f && stored <= 1.0f ? stored : 0.0f;  // NaN: none
            image_.setPixelColor(i % n, i / n,
                                 classColour(map_.classes[cell], static_cast<int>(60 + 110 * confidence)));
        }
    }
    update();
}

void DecisionMapView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    if (image_.isNull()) {
        painter.setPen(palette().text().color());
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("The decision map appears after the first epoch\n(2-D sets and Iris)"));
        return;
    }
    const QRectF area = mapArea();
    painter.drawImage(area, image_);
    // The samples on top of the classes' regions: each in its class's colour with a dark outline.
    painter.setPen(chartPen(Qt::black, 0.8));
    const double radius = std::max(3.5, 0.25 * fontMetrics().height());
    for (std::size_t i = 0; i < map_.points.size(); ++i) {
        painter.setBrush(classColour(map_.labels[i]));
        painter.drawEllipse(mapPosition(QPointF(map_.points[i][0], map_.points[i][1])), radius, radius);
    }
    // The frame and the labels: no brush, or the frame would paint over the map.
    painter.setBrush(Qt::NoBrush);
    painter.setPen(palette().text().color());
    painter.drawRect(area);
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    painter.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), line), Qt::AlignCenter,
                     QString::fromStdString(map_.xLabel));
    painter.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), line), Qt::AlignLeft,
                     QString::number(map_.xMin, 'f', 1));
    painter.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), line), Qt::AlignRight,
                     QString::number(map_.xMax, 'f', 1));
    painter.save();
    painter.translate(0.6 * line, area.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-area.height() / 2, -0.5 * line, area.height(), line), Qt::AlignCenter,
                     QString::fromStdString(map_.yLabel));
    painter.restore();
    const double numbers = area.left() - 1.3 * line - 2;
    painter.drawText(QRectF(1.3 * line, area.top(), numbers, line), Qt::AlignRight, QString::number(map_.yMax, 'f', 1));
    painter.drawText(QRectF(1.3 * line, area.bottom() - line, numbers, line), Qt::AlignRight,
                     QString::number(map_.yMin, 'f', 1));
}

QRectF DecisionMapView::mapArea() const {
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    const double left = 1.3 * line + metrics.horizontalAdvance(QStringLiteral("-00.0")) + 6;
    return QRectF(left, 0.6 * line, std::max(10.0, width() - left - 0.8 * line), std::max(10.0, height() - 2.4 * line));
}

QPointF DecisionMapView::mapPosition(const QPointF& p) const {
    const QRectF area = mapArea();
    return {area.left() + area.width() * (p.x() - map_.xMin) / (map_.xMax - map_.xMin),
            area.top() + area.height() * (map_.yMax - p.y()) / (map_.yMax - map_.yMin)};
}

}  // namespace mtj::ui
