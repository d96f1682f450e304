// SPDX-License-Identifier: GPL-3.0-or-later
// Chart export ("slides out"): copy a chart view to the clipboard, save it as a PNG at twice its on-screen pixel
// size or as an SVG, or save the data of its series as CSV; and the right-click menu that offers all four.
//
// Images show the chart exactly as it is on screen (title, axes, legend, series) on a white background. The CSV is
// in long form, one row per point:
//
//     # <chart title>; x: <bottom axis title>; y: <left axis title>; right axis: <right axis title>
//     series,x,y
//     "a, b",0.1,2.5e-07
//
// with every QXYSeries of the chart (line, spline, scatter; the upper and lower boundary of an area series, named
// "<name> (upper)" and "<name> (lower)") in the chart's order, names quoted per RFC 4180 when needed, unnamed series
// called "series N" (N: the series' 1-based place in the chart), and numbers in the shortest form that reads back to
// the same double (QLocale::FloatingPointShortest: full precision, at most 17 significant digits, "0.1" rather than
// "0.10000000000000001"; "nan" and "inf" as such). Lines end in '\n'.
//
// Every file is written through the durable writer (engine/common/durable_file.hpp, docs/files.md): a failed save (missing or read-only folder, full disk) returns false
// with a message naming the path and the reason, and leaves any existing file at that path as it was.
//
// GUI thread only.
#pragma once

#include <QImage>
#include <QString>

class QChart;
class QChartView;
class QMenu;
class QWidget;

namespace mtj::ui {

/// Graphics items of a chart's scene whose data(kExcludeFromChartExport) is true (hover readouts, crosshairs) are
/// hidden while a chart is rendered for export.
inline constexpr int kExcludeFromChartExport = 0x6d746a;

/// The chart as it is on screen, at `scale` times the view's pixel size (device pixel ratio 1), on white.
[[nodiscard]] QImage renderChartImage(QChartView* view, qreal scale = 2.0);

/// Saves renderChartImage(view, scale) as a PNG at `path`. On failure returns false and, if `error` is not null,
/// sets it to a message naming the path and the reason.
bool saveChartPng(QChartView* view, const QString& path, qreal scale = 2.0, QString* error = nullptr);

/// Saves the chart as an SVG (vector paths and <text>) at `path`, sized and with its viewBox in the view's pixels
/// and titled with the chart's title. Qt 6.4's SVG generator ignores clipping, so the series are written in a group
/// with a clip path of the plot area (a curve beyond its axis range stops at the plot area, as on screen; SVG 1.1,
/// as SVG Tiny has no clip paths; Qt's own SVG renderer ignores the clip). fontconfig's "Sans Serif", "Serif" and
/// "Monospace" are written as CSS's generic families.
bool saveChartSvg(QChartView* view, const QString& path, QString* error = nullptr);

/// The data of every QXYSeries of the chart as CSV (see the top of this file); "" for a null chart.
[[nodiscard]] QString chartDataCsv(const QChart* chart);

/// Saves chartDataCsv(chart) (UTF-8) at `path`.
bool saveChartCsv(const QChart* chart, const QString& path, QString* error = nullptr);

/// Puts renderChartImage(view, 2) on the system clipboard.
void copyChartToClipboard(QChartView* view);

/// A file name for exports of the chart: its title in lower case, runs of anything but ASCII letters and digits as
/// one '-' (accents dropped), then `extension` ("png", "svg", "csv"); "chart.<extension>" without a usable title.
[[nodiscard]] QString suggestedChartFileName(const QChart* chart, const QString& extension);

/// A menu (parented to `parent`) with "Copy image" (object name copyChartAction), "Save image as PNG (2x)…"
/// (savePngAction), "Save image as SVG…" (saveSvgAction) and "Save data as CSV…" (saveCsvAction). The save actions
/// ask for a file name (suggested from the chart title, in the folder of the last export of this session) and show
/// failures in a warning box. The actions do nothing once the view is gone.
QMenu* buildChartExportMenu(QChartView* view, QWidget* parent);

/// Gives the view that menu on right-click: sets Qt::CustomContextMenu and pops the menu up at the cursor (a new
/// menu each time, deleted when it closes). Before it pops up the view gets a Leave event, so that a hover readout
/// hides and stays out of the exported image.
void installChartExportMenu(QChartView* view);

}  // namespace mtj::ui
