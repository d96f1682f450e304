// SPDX-License-Identifier: GPL-3.0-or-later
// The look shared by every chart of the program, and axis helpers: round tick values without changing a range, and
// ranges that stay put while the data fit them (every re-layout of an axis costs milliseconds of the GUI thread).
// GUI thread only.
#pragma once

#include <QColor>
#include <QFont>
#include <QPen>
#include <QString>

class QChart;
class QChartView;
class QLabel;
class QValueAxis;

namespace mtj::ui {

QPen chartPen(const QColor& colour, qreal width, Qt::PenStyle style = Qt::SolidLine);

/// A chart with a bold title, the legend at the bottom (slightly smaller type, tooltips on truncated entries) and
/// tight margins.
QChart* makeChart(const QString& title);

/// Every chart view of the program: antialiased, smart viewport updates (a changed series repaints its own region,
/// not the axes), and sized by layout stretch rather than by its size hint (a hint that follows the scene would
/// re-lay out the whole window when a chart's contents change).
void prepareChartView(QChartView* view, int minimumWidth, int minimumHeight);

/// `chart` with a one-line caption below it saying what it shows (word-wrapped where the chart is narrow; object
/// name "caption"). The chart keeps its size policy; the container is what goes into the layout.
QWidget* withCaption(QWidget* chart, const QString& caption);
/// The caption label alone (for a chart that already sits in a box of its own).
QLabel* captionLabel(const QString& caption);

/// A value axis with a title, label format and six ticks.
QValueAxis* valueAxis(const QString& title, const char* labelFormat = "%.3g");

/// `font` with its size `factor` times `base`: a point size when positive, minus a pixel size when negative.
QFont scaledFontSize(QFont font, double base, double factor);

/// Sets every font of the chart (title, legend, axis titles and labels) to `factor` times its size as built
/// (presentation mode); factor 1 restores them.
void scaleChartFonts(QChart* chart, double factor);

/// High contrast (projectors): every series' line 1.7 times as wide (markers 1.3 times as large), axis labels,
/// titles and lines black, grid lines darker; false restores the chart as built.
void setChartContrast(QChart* chart, bool on);

/// The colour of class c in maps, points and confusion matrices (ten-colour palette, repeating).
QColor classColour(int c, int alpha = 255);

/// Range [lo, hi] with ticks at round values (1, 2 or 5 times a power of ten, about six of them), anchored at zero.
void setRangeWithRoundTicks(QValueAxis* axis, double lo, double hi);

/// True while [lo, hi] lies inside the axis range and fills at least 40 % of it.
bool rangeStillFits(const QValueAxis* axis, double lo, double hi);

}  // namespace mtj::ui
