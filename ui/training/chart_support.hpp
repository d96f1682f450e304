// SPDX-License-Identifier: GPL-3.0-or-later
// What the training view's charts share (ui/training/*.cpp): the colour of a gradient source, thinning a long line,
// a tooltip from the point under the cursor, a percentage. GUI thread only.
#pragma once

#include <QColor>
#include <QHelpEvent>
#include <QList>
#include <QPointF>
#include <QString>
#include <QToolTip>
#include <QWidget>
#include <algorithm>

namespace mtj::ui {

inline QColor sourceColour(int source) {
    static const QColor colours[] = {QColor(0x1f, 0x4e, 0x9c), QColor(0xe6, 0x7e, 0x22), QColor(0x27, 0xae, 0x60),
                                     QColor(0x8e, 0x44, 0xad)};
    return colours[source % 4];
}

/// Averages a long list into at most `limit` points (bins of consecutive points) so a chart never draws more.
inline QList<QPointF> thinned(const QList<QPointF>& points, int limit) {
    if (points.size() <= limit) return points;
    const int bin = (points.size() + limit - 1) / limit;
    QList<QPointF> out;
    for (int i = 0; i < points.size(); i += bin) {
        double x = 0, y = 0;
        const int end = std::min<int>(points.size(), i + bin);
        for (int k = i; k < end; ++k) {
            x += points[k].x();
            y += points[k].y();
        }
        out << QPointF(x / (end - i), y / (end - i));
    }
    return out;
}

/// Answers a tooltip event with the text for the point under the cursor, or the widget's own tooltip elsewhere.
template <class TextAt>
inline bool showToolTipFor(QWidget* widget, QEvent* event, TextAt&& textAt) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QString text = textAt(QPointF(help->pos()));
    QToolTip::showText(help->globalPos(), text.isEmpty() ? widget->toolTip() : text, widget);
    return true;
}

inline QString percentText(double fraction) { return QString::number(100.0 * fraction, 'f', 1) + QStringLiteral(" %"); }

}  // namespace mtj::ui
