// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/confusion_view.hpp"

#include "training/chart_support.hpp"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace mtj::ui {

ConfusionView::ConfusionView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(240, 200);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    setToolTip(
        tr("Rows: the true class; columns: the class the network predicts, at the last epoch's evaluation "
           "(the held-out fold, else the test set). Green: correct. Hover a cell for its count and share."));
}

double ConfusionView::margin() const {
    // Room for the rotated "true class", the longest class name and a gap: names are never cut or overlapped.
    const QFontMetricsF metrics(font());
    double widest = 0.0;
    for (const QString& name : names_) widest = std::max(widest, metrics.horizontalAdvance(name));
    return std::max(kMargin, metrics.height() + widest + 12.0);
}

double ConfusionView::cellSize() const {
    const auto n = static_cast<double>(std::max<Eigen::Index>(1, confusion_.rows()));
    return std::max(1.0, std::min(width() - margin() - 10, height() - margin() - 10) / n);
}

QString ConfusionView::toolTipAt(const QPointF& position) const {
    const int n = static_cast<int>(confusion_.rows());
    if (n == 0) return {};
    const double size = cellSize();
    const int p = static_cast<int>(std::floor((position.x() - margin()) / size));
    const int t = static_cast<int>(std::floor((position.y() - margin() * 0.6) / size));
    if (p < 0 || p >= n || t < 0 || t >= n) return {};
    auto name = [&](int c) { return c < names_.size() ? names_[c] : QString::number(c); };
    const int count = confusion_(t, p);
    const qint64 rowTotal = std::max<qint64>(1, confusion_.row(t).cast<qint64>().sum());
    return tr("true %1, predicted %2: %3, %4 of the true %1")
        .arg(name(t), name(p), count == 1 ? tr("1 sample") : tr("%1 samples").arg(count),
             percentText(static_cast<double>(count) / rowTotal));
}

bool ConfusionView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip)
        return showToolTipFor(this, event, [this](const QPointF& p) { return toolTipAt(p); });
    return QWidget::event(event);
}

void ConfusionView::set(const Eigen::MatrixXi& confusion, const QStringList& names) {
    confusion_ = confusion;
    names_ = names;
    update();
}

void ConfusionView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const int n = static_cast<int>(confusion_.rows());
    if (n == 0) {
        painter.drawText(rect(), Qt::AlignCenter, tr("The confusion matrix appears after the first epoch"));
        return;
    }
    const double margin = this->margin();
    const double size = cellSize();
    const int peak = std::max(1, confusion_.maxCoeff());
    const double line = fontMetrics().height();
    QFont small = font();
    small.setPointSizeF(std::max(6.0, std::min(10.0, size / 3.5)));
    painter.setFont(small);
    for (int t = 0; t < n; ++t) {
        for (int p = 0; p < n; ++p) {
            const QRectF cell(margin + p * size, margin * 0.6 + t * size, size, size);
            const double share = static_cast<double>(confusion_(t, p)) / peak;
            QColor colour = t == p ? QColor(0x27, 0xae, 0x60) : QColor(0xc0, 0x39, 0x2b);
            colour.setAlphaF(0.08 + 0.8 * share);
            painter.fillRect(cell, colour);
            painter.setPen(QColor(60, 60, 60));
            painter.drawRect(cell);
            if (size > 14) painter.drawText(cell, Qt::AlignCenter, QString::number(confusion_(t, p)));
        }
        const QString name = t < names_.size() ? names_[t] : QString::number(t);
        // Row names in the widget's font, right of the rotated "true class" title, never under it.
        painter.save();
        painter.setFont(font());
        painter.drawText(QRectF(line + 2, margin * 0.6 + t * size, margin - line - 6, size),
                         Qt::AlignRight | Qt::AlignVCenter, name);
        painter.restore();
        painter.drawText(QRectF(margin + t * size, margin * 0.6 - 18, size, 16), Qt::AlignCenter,
                         name.left(std::max(1, static_cast<int>(size / 7))));
    }
    painter.drawText(QRectF(margin, 0, n * size, 16), Qt::AlignCenter, tr("predicted class"));
    painter.save();
    painter.translate(0.5 * line + 1, margin * 0.6 + n * size / 2);
    painter.rotate(-90);
    painter.drawText(QRectF(-0.5 * n * size, -0.5 * line, n * size, line), Qt::AlignCenter, tr("true class"));
    painter.restore();
}

}  // namespace mtj::ui
