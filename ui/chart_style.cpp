// SPDX-License-Identifier: GPL-3.0-or-later
#include "chart_style.hpp"

#include "common/ticks.hpp"

#include "chart_export.hpp"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegend>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QScatterSeries>
#include <QXYSeries>
#include <algorithm>
#include <cmath>

namespace mtj::ui {

QPen chartPen(const QColor& colour, qreal width, Qt::PenStyle style) {
    QPen p(colour);
    p.setWidthF(width);
    p.setStyle(style);
    return p;
}

QChart* makeChart(const QString& title) {
    auto* chart = new QChart;
    chart->setTitle(title);
    QFont font = chart->titleFont();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.05);
    chart->setTitleFont(font);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setShowToolTips(true);
    QFont legendFont = chart->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.9);
    chart->legend()->setFont(legendFont);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    return chart;
}

void prepareChartView(QChartView* view, int minimumWidth, int minimumHeight) {
    view->setRenderHint(QPainter::Antialiasing);
    view->setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    view->setMinimumSize(minimumWidth, minimumHeight);
    view->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    // Slides out: right-click to copy the chart, save it as PNG (2x) or SVG, or save its data as CSV; a double click
    // (or F over it) fills the window with it (MainWindow's focus mode looks for this property).
    installChartExportMenu(view);
    view->setProperty("mtjChart", true);
}

QWidget* withCaption(QWidget* chart, const QString& caption) {
    auto* box = new QWidget;
    box->setSizePolicy(chart->sizePolicy());
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(chart, 1);
    layout->addWidget(captionLabel(caption));
    return box;
}

QLabel* captionLabel(const QString& caption) {
    auto* label = new QLabel(caption);
    label->setObjectName(QStringLiteral("caption"));
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(70, 70, 70));
    label->setPalette(palette);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    return label;
}

QFont scaledFontSize(QFont font, double base, double factor) {
    if (base > 0) {
        font.setPointSizeF(base * factor);
    } else if (base < 0) {
        font.setPixelSize(std::max(1, static_cast<int>(std::lround(-base * factor))));
    }
    return font;
}

namespace {

/// `font` at `factor` times the point size remembered under `key` on `owner` (remembered on the first call).
QFont scaledFont(QObject* owner, const char* key, QFont font, double factor) {
    QVariant base = owner->property(key);
    if (!base.isValid()) {
        // Point size, or the pixel size (stored negative) of a font set in pixels.
        base = font.pointSizeF() > 0 ? font.pointSizeF() : -static_cast<double>(font.pixelSize());
        owner->setProperty(key, base);
    }
    return scaledFontSize(font, base.toDouble(), factor);
}

}  // namespace

void scaleChartFonts(QChart* chart, double factor) {
    chart->setTitleFont(scaledFont(chart, "mtjTitlePointSize", chart->titleFont(), factor));
    chart->legend()->setFont(scaledFont(chart->legend(), "mtjLegendPointSize", chart->legend()->font(), factor));
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setTitleFont(scaledFont(axis, "mtjAxisTitlePointSize", axis->titleFont(), factor));
        axis->setLabelsFont(scaledFont(axis, "mtjAxisLabelsPointSize", axis->labelsFont(), factor));
    }
}

void setChartContrast(QChart* chart, bool on) {
    auto remember = [](QObject* owner, const char* key, const QVariant& value) {
        if (!owner->property(key).isValid()) owner->setProperty(key, value);
        return owner->property(key);
    };
    for (QAbstractSeries* series : chart->series()) {
        if (auto* xy = qobject_cast<QXYSeries*>(series)) {
            const QPen pen = remember(xy, "mtjPen", QVariant::fromValue(xy->pen())).value<QPen>();
            QPen changed = pen;
            if (on) changed.setWidthF(std::max(1.0, pen.widthF()) * 1.7);
            xy->setPen(changed);
            if (auto* scatter = qobject_cast<QScatterSeries*>(series)) {
                const double size = remember(scatter, "mtjMarkerSize", scatter->markerSize()).toDouble();
                scatter->setMarkerSize(on ? size * 1.3 : size);
            }
        }
    }
    for (QAbstractAxis* axis : chart->axes()) {
        const QBrush labels =
            remember(axis, "mtjLabelsBrush", QVariant::fromValue(axis->labelsBrush())).value<QBrush>();
        const QBrush title = remember(axis, "mtjTitleBrush", QVariant::fromValue(axis->titleBrush())).value<QBrush>();
        const QPen line = remember(axis, "mtjLinePen", QVariant::fromValue(axis->linePen())).value<QPen>();
        const QPen grid = remember(axis, "mtjGridPen", QVariant::fromValue(axis->gridLinePen())).value<QPen>();
        axis->setLabelsBrush(on ? QBrush(Qt::black) : labels);
        axis->setTitleBrush(on ? QBrush(Qt::black) : title);
        QPen darkLine = line, darkGrid = grid;
        if (on) {
            darkLine.setColor(Qt::black);
            darkLine.setWidthF(std::max(1.5, line.widthF()));
            darkGrid.setColor(QColor(150, 150, 150));
        }
        axis->setLinePen(darkLine);
        axis->setGridLinePen(darkGrid);
    }
    const QBrush titleBrush =
        remember(chart, "mtjChartTitleBrush", QVariant::fromValue(chart->titleBrush())).value<QBrush>();
    chart->setTitleBrush(on ? QBrush(Qt::black) : titleBrush);
    const QBrush legendBrush =
        remember(chart->legend(), "mtjLegendBrush", QVariant::fromValue(chart->legend()->labelBrush())).value<QBrush>();
    chart->legend()->setLabelBrush(on ? QBrush(Qt::black) : legendBrush);
}

QValueAxis* valueAxis(const QString& title, const char* labelFormat) {
    auto* axis = new QValueAxis;
    axis->setTitleText(title);
    axis->setLabelFormat(QLatin1String(labelFormat));
    axis->setTickCount(6);
    return axis;
}

QColor classColour(int c, int alpha) {
    static const QColor palette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                     QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                                     QColor(0x17, 0xbe, 0xcf)};
    QColor colour = palette[static_cast<std::size_t>(std::max(0, c)) % 10];
    colour.setAlpha(alpha);
    return colour;
}

bool rangeStillFits(const QValueAxis* axis, double lo, double hi) {
    const double min = axis->min(), max = axis->max();
    return lo >= min && hi <= max && (hi - lo) >= 0.4 * (max - min);
}

void setRangeWithRoundTicks(QValueAxis* axis, double lo, double hi) {
    // Fixed ticks while the range changes: with the old interval against a much wider new range, dynamic ticks
    // would lay out thousands of labels for one frame.
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setRange(lo, hi);
    const double span = hi - lo;
    if (!(span > 0.0) || !std::isfinite(span)) return;
    const double interval = roundTickStep(span, 6);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(interval);
    axis->setLabelFormat(interval >= 1.0    ? QStringLiteral("%.0f")
                         : interval >= 0.1  ? QStringLiteral("%.1f")
                         : interval >= 0.01 ? QStringLiteral("%.2f")
                                            : QStringLiteral("%.3g"));
}

}  // namespace mtj::ui
