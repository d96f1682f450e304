// SPDX-License-Identifier: GPL-3.0-or-later
#include "chart_export.hpp"

#include "common/csv_field.hpp"

#include <QAbstractAxis>
#include <QAbstractSeries>
#include <QAction>
#include <QApplication>
#include <QAreaSeries>
#include <QBuffer>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QLineSeries>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QFile>

#include "common/durable_file.hpp"
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QTextDocumentFragment>
#include <QXYSeries>
#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace mtj::ui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("mtj::ui::ChartExport", text); }

/// Plain text of a title that may be rich text, on one line.
QString plainText(const QString& text) {
    QString plain = Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
    plain.replace(QLatin1Char('\r'), QLatin1Char(' '));
    plain.replace(QLatin1Char('\n'), QLatin1Char(' '));
    plain.replace(QChar::LineSeparator, QLatin1Char(' '));
    plain.replace(QChar::ParagraphSeparator, QLatin1Char(' '));
    return plain.trimmed();
}

bool fail(QString* error, const QString& path, const QString& reason) {
    if (error != nullptr) {
        *error = tr("Could not save “%1”: %2")
                     .arg(QDir::toNativeSeparators(path), reason.isEmpty() ? tr("unknown error") : reason);
    }
    return false;
}

/// Writes `bytes` to `path` through a temporary that replaces the file only once it is complete.
/// Writes `bytes` to `path` through the durable writer (engine/common/durable_file.hpp): the file is replaced only
/// once every byte is proved on the disk.
bool writeAtomically(const QString& path, const QByteArray& bytes, QString* error) {
    if (path.isEmpty()) return fail(error, path, tr("no file name"));
    const mtj::Status written =
        mtj::writeFileDurably(QFile::encodeName(path).toStdString(), std::string_view(bytes.constData(), bytes.size()));
    if (!written) return fail(error, path, QString::fromStdString(written.message()));
    return true;
}

/// Hides the given (visible) items for its lifetime.
class ItemsHidden {
public:
    explicit ItemsHidden(const std::vector<QGraphicsItem*>& items) {
        for (QGraphicsItem* item : items) {
            if (item->isVisible()) {
                item->hide();
                hidden_.push_back(item);
            }
        }
    }
    ~ItemsHidden() {
        for (QGraphicsItem* item : hidden_) item->show();
    }
    ItemsHidden(const ItemsHidden&) = delete;
    ItemsHidden& operator=(const ItemsHidden&) = delete;

private:
    std::vector<QGraphicsItem*> hidden_;
};

/// The visible items of the scene marked kExcludeFromChartExport.
std::vector<QGraphicsItem*> excludedItems(const QGraphicsScene* scene) {
    std::vector<QGraphicsItem*> items;
    if (scene == nullptr) return items;
    for (QGraphicsItem* item : scene->items()) {
        if (item->isVisible() && item->data(kExcludeFromChartExport).toBool()) items.push_back(item);
    }
    return items;
}

/// Draws the view's whole viewport (the chart fills it) into `target` on `painter`, on white unless `transparent`.
void paintChart(QChartView* view, QPainter& painter, const QRectF& target, bool transparent = false) {
    painter.setRenderHints(view->renderHints() | QPainter::Antialiasing | QPainter::TextAntialiasing |
                           QPainter::SmoothPixmapTransform);
    if (!transparent) painter.fillRect(target, Qt::white);
    const ItemsHidden hidden(excludedItems(view->scene()));
    view->render(&painter, target, view->viewport()->rect(), Qt::IgnoreAspectRatio);
}

QSize viewSize(const QChartView* view) { return view->viewport()->size(); }

/// Shortest decimal text that reads back to the same double (at most 17 significant digits); "-0" keeps its sign,
/// which QString::number drops.
QString csvNumber(double v) {
    if (v == 0.0 && std::signbit(v)) return QStringLiteral("-0");
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

void appendRows(QString& out, const QString& name, const QXYSeries* series) {
    if (series == nullptr) return;
    const QString field = csvField(name);
    for (const QPointF& p : series->points()) {
        out += field;
        out += QLatin1Char(',');
        out += csvNumber(p.x());
        out += QLatin1Char(',');
        out += csvNumber(p.y());
        out += QLatin1Char('\n');
    }
}

/// "<title>; x: <bottom axis>; y: <left axis>; right axis: <right axis>; top axis: <top axis>".
QString csvComment(const QChart* chart) {
    QString title = plainText(chart->title());
    if (title.isEmpty()) title = tr("untitled chart");
    QStringList parts{title};
    const std::pair<Qt::Alignment, QString> sides[] = {{Qt::AlignBottom, QStringLiteral("x")},
                                                       {Qt::AlignLeft, QStringLiteral("y")},
                                                       {Qt::AlignRight, tr("right axis")},
                                                       {Qt::AlignTop, tr("top axis")}};
    for (const auto& [alignment, label] : sides) {
        int count = 0;
        for (const QAbstractAxis* axis : chart->axes()) {
            if (axis->alignment() != alignment) continue;
            ++count;
            const QString axisTitle = plainText(axis->titleText());
            if (axisTitle.isEmpty()) continue;
            QString part = count == 1 ? label : QStringLiteral("%1 %2").arg(label).arg(count);
            part += QStringLiteral(": ") + axisTitle;
            if (axis->type() == QAbstractAxis::AxisTypeLogValue) part += tr(", log scale");
            parts << part;
        }
    }
    return QStringLiteral("# ") + parts.join(QStringLiteral("; "));
}

/// The folder offered by the next save dialog: that of the last export of this session.
QString& lastExportFolder() {
    static QString folder;
    if (folder.isEmpty()) {
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        if (folder.isEmpty()) folder = QDir::homePath();
    }
    return folder;
}

/// Asks for a file name (with `extension` added when the user typed none); empty when cancelled.
QString askSavePath(QWidget* parent, const QChart* chart, const QString& caption, const QString& extension,
                    const QString& filter) {
    const QString suggested = QDir(lastExportFolder()).filePath(suggestedChartFileName(chart, extension));
    QString path = QFileDialog::getSaveFileName(parent, caption, suggested, filter);
    if (path.isEmpty()) return {};
    if (QFileInfo(path).suffix().isEmpty()) {
        // The dialog confirmed overwriting the name as typed, not the one with the extension.
        path += QLatin1Char('.') + extension;
        if (QFileInfo::exists(path) &&
            QMessageBox::question(parent, caption,
                                  tr("“%1” already exists. Replace it?").arg(QDir::toNativeSeparators(path)),
                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes) {
            return {};
        }
    }
    lastExportFolder() = QFileInfo(path).absolutePath();
    return path;
}

void reportFailure(QWidget* parent, const QString& caption, const QString& error) {
    QMessageBox::warning(parent, caption, error);
}

/// One SVG of the view as it would paint now (items hidden by the caller stay out), on white unless `transparent`;
/// empty on failure.
QByteArray svgPass(QChartView* view, QString* reason, bool transparent = false) {
    const QSize size = viewSize(view);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    if (!buffer.open(QIODevice::WriteOnly)) {
        *reason = buffer.errorString();
        return {};
    }
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    // The screen's resolution, so that fonts sized in points come out as large as on screen.
    generator.setResolution(view->logicalDpiY());
    const QString title = view->chart() != nullptr ? plainText(view->chart()->title()) : QString();
    // QSvgGenerator (6.4) writes title and description as they are, markup characters included.
    generator.setTitle((title.isEmpty() ? tr("Chart") : title).toHtmlEscaped());
    const QString application = QCoreApplication::applicationName();
    generator.setDescription(tr("Chart exported from %1")
                                 .arg(application.isEmpty() ? QStringLiteral("MTJ Explorer") : application)
                                 .toHtmlEscaped());
    QPainter painter;
    if (!painter.begin(&generator)) {
        *reason = tr("the SVG generator could not start");
        return {};
    }
    paintChart(view, painter, QRectF(QPointF(0, 0), QSizeF(size)), transparent);
    if (!painter.end() || bytes.isEmpty()) {
        *reason = tr("the SVG generator failed");
        return {};
    }
    return bytes;
}

/// The parts of a QSvgGenerator document: everything before <defs>, the inside of <defs>, and the drawing between
/// </defs> and </svg>.
struct SvgParts {
    QByteArray head;
    QByteArray defs;
    QByteArray body;
};

std::optional<SvgParts> splitSvg(const QByteArray& svg) {
    const qsizetype defsOpen = svg.indexOf("<defs>");
    const qsizetype defsClose = svg.indexOf("</defs>");
    const qsizetype end = svg.lastIndexOf("</svg>");
    if (defsOpen < 0 || defsClose < defsOpen || end < defsClose) return std::nullopt;
    const qsizetype defsBegin = defsOpen + qsizetype(sizeof("<defs>") - 1);
    const qsizetype bodyBegin = defsClose + qsizetype(sizeof("</defs>") - 1);
    return SvgParts{svg.left(defsOpen), svg.mid(defsBegin, defsClose - defsBegin), svg.mid(bodyBegin, end - bodyBegin)};
}

/// `text` with its element ids (gradients, masks) and the references to them prefixed, so that the parts of
/// several generator runs can share one document.
QByteArray prefixIds(QByteArray text, const QByteArray& prefix) {
    text.replace("id=\"", "id=\"" + prefix);
    text.replace("url(#", "url(#" + prefix);
    text.replace("xlink:href=\"#", "xlink:href=\"#" + prefix);
    return text;
}

/// Font families as CSS knows them: fontconfig's generic "Sans Serif" is no family to a browser, "sans-serif" is
/// (and fontconfig, hence Qt's SVG renderer, knows it too). Other (concrete) families stay as they are.
QByteArray cssFontFamilies(QByteArray svg) {
    svg.replace("font-family=\"Sans Serif\"", "font-family=\"sans-serif\"");
    svg.replace("font-family=\"Serif\"", "font-family=\"serif\"");
    svg.replace("font-family=\"Monospace\"", "font-family=\"monospace\"");
    return svg;
}

/// The chart's series items (Qt Charts' LineChartItem, ScatterChartItem, AreaChartItem, ...): children of the chart
/// that the raster engine clips to the plot area.
std::vector<QGraphicsItem*> seriesItems(const QChart* chart) {
    std::vector<QGraphicsItem*> items;
    for (QGraphicsItem* item : chart->childItems()) {
        const QGraphicsObject* object = item->toGraphicsObject();
        if (item->isVisible() && object != nullptr &&
            QByteArray(object->metaObject()->className()).endsWith("ChartItem")) {
            items.push_back(item);
        }
    }
    return items;
}

/// The SVG of the chart. QSvgGenerator (Qt 6.4) ignores the painter's clipping, with which Qt Charts keeps a curve
/// inside the plot area; so the chart is generated in three layers (what lies below the series, the series, what
/// lies above them: legend, title on top, items of the caller) and put together with the series in a group clipped
/// to the plot area. Falls back to one unclipped pass when the generator's output is not as expected.
QByteArray chartSvg(QChartView* view, QString* reason) {
    QChart* chart = view->chart();
    const std::vector<QGraphicsItem*> series = chart != nullptr ? seriesItems(chart) : std::vector<QGraphicsItem*>();
    if (series.empty()) return cssFontFamilies(svgPass(view, reason));

    qreal seriesZ = series.front()->zValue();
    for (const QGraphicsItem* item : series) seriesZ = std::min(seriesZ, item->zValue());
    std::vector<QGraphicsItem*> below, above;
    for (QGraphicsItem* item : chart->childItems()) {
        if (!item->isVisible() || std::find(series.begin(), series.end(), item) != series.end()) continue;
        (item->zValue() > seriesZ ? above : below).push_back(item);
    }
    for (QGraphicsItem* item : view->scene()->items()) {  // other top-level items of the scene: on top
        if (item->parentItem() == nullptr && item != chart && item->isVisible()) above.push_back(item);
    }
    std::vector<QGraphicsItem*> notBelow = series, notSeries = below, notAbove = below;
    notBelow.insert(notBelow.end(), above.begin(), above.end());
    notSeries.insert(notSeries.end(), above.begin(), above.end());
    notAbove.insert(notAbove.end(), series.begin(), series.end());

    QByteArray passes[3];
    {
        const ItemsHidden hidden(notBelow);
        passes[0] = svgPass(view, reason);
    }
    {
        const ItemsHidden hidden(notSeries);
        passes[1] = svgPass(view, reason, true);
    }
    {
        const ItemsHidden hidden(notAbove);
        passes[2] = svgPass(view, reason, true);
    }
    if (passes[0].isEmpty() || passes[1].isEmpty() || passes[2].isEmpty()) return {};
    const std::optional<SvgParts> parts[3] = {splitSvg(passes[0]), splitSvg(prefixIds(passes[1], "series-")),
                                              splitSvg(prefixIds(passes[2], "above-"))};
    if (!parts[0] || !parts[1] || !parts[2]) {
        return cssFontFamilies(svgPass(view, reason));
    }
    // The plot area in view pixels (the SVG's user units), half a pixel wider on each side like Qt Charts' own clip,
    // so that a line along an axis keeps its full width.
    const QRectF plot =
        view->viewportTransform().mapRect(chart->mapRectToScene(chart->plotArea())).adjusted(-0.5, -0.5, 0.5, 0.5);
    QByteArray head = parts[0]->head;
    head.replace(" version=\"1.2\" baseProfile=\"tiny\"", " version=\"1.1\"");  // clip paths are not in SVG Tiny
    QByteArray svg = head;
    svg += "<defs>";
    svg += parts[0]->defs + parts[1]->defs + parts[2]->defs;
    svg += QStringLiteral(
               "<clipPath id=\"mtj-plot-area\"><rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\"/></clipPath>\n")
               .arg(plot.x(), 0, 'g', 8)
               .arg(plot.y(), 0, 'g', 8)
               .arg(plot.width(), 0, 'g', 8)
               .arg(plot.height(), 0, 'g', 8)
               .toUtf8();
    svg += "</defs>";
    svg += parts[0]->body;
    svg += "<g clip-path=\"url(#mtj-plot-area)\">";
    svg += parts[1]->body;
    svg += "</g>\n";
    svg += parts[2]->body;
    svg += "</svg>\n";
    return cssFontFamilies(svg);
}

}  // namespace

QImage renderChartImage(QChartView* view, qreal scale) {
    if (view == nullptr) return {};
    if (!(scale > 0.0) || !std::isfinite(scale)) scale = 1.0;
    const QSize logical = viewSize(view);
    const QSize pixels(static_cast<int>(std::lround(logical.width() * scale)),
                       static_cast<int>(std::lround(logical.height() * scale)));
    if (pixels.isEmpty()) return {};
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);  // painted in view pixels; text and curves rasterised at full resolution
    {
        QPainter painter(&image);
        paintChart(view, painter, QRectF(QPointF(0, 0), QSizeF(logical)));
    }
    image.setDevicePixelRatio(1.0);
    // Tell viewers and office programs the on-screen physical size (dots per metre: screen dpi times the scale).
    constexpr double metresPerInch = 0.0254;
    image.setDotsPerMeterX(static_cast<int>(std::lround(view->logicalDpiX() * scale / metresPerInch)));
    image.setDotsPerMeterY(static_cast<int>(std::lround(view->logicalDpiY() * scale / metresPerInch)));
    return image.convertToFormat(QImage::Format_RGB32);
}

bool saveChartPng(QChartView* view, const QString& path, qreal scale, QString* error) {
    if (view == nullptr) return fail(error, path, tr("no chart"));
    const QImage image = renderChartImage(view, scale);
    if (image.isNull()) return fail(error, path, tr("the chart has no size"));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    if (!buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG")) {
        return fail(error, path, tr("the image could not be encoded as PNG"));
    }
    buffer.close();
    return writeAtomically(path, bytes, error);
}

bool saveChartSvg(QChartView* view, const QString& path, QString* error) {
    if (view == nullptr) return fail(error, path, tr("no chart"));
    if (viewSize(view).isEmpty()) return fail(error, path, tr("the chart has no size"));
    QString reason;
    const QByteArray bytes = chartSvg(view, &reason);
    if (bytes.isEmpty()) return fail(error, path, reason);
    return writeAtomically(path, bytes, error);
}

QString chartDataCsv(const QChart* chart) {
    if (chart == nullptr) return {};
    QString out = csvComment(chart);
    out += QStringLiteral("\nseries,x,y\n");
    const QList<QAbstractSeries*> series = chart->series();
    for (qsizetype i = 0; i < series.size(); ++i) {
        const QAbstractSeries* s = series[i];
        const QString name = s->name().isEmpty() ? QStringLiteral("series %1").arg(i + 1) : s->name();
        if (const auto* xy = qobject_cast<const QXYSeries*>(s)) {
            appendRows(out, name, xy);
        } else if (const auto* area = qobject_cast<const QAreaSeries*>(s)) {
            appendRows(out, name + tr(" (upper)"), area->upperSeries());
            appendRows(out, name + tr(" (lower)"), area->lowerSeries());
        }
    }
    return out;
}

bool saveChartCsv(const QChart* chart, const QString& path, QString* error) {
    if (chart == nullptr) return fail(error, path, tr("no chart"));
    return writeAtomically(path, chartDataCsv(chart).toUtf8(), error);
}

void copyChartToClipboard(QChartView* view) {
    const QImage image = renderChartImage(view, 2.0);
    if (!image.isNull()) QGuiApplication::clipboard()->setImage(image);
}

QString suggestedChartFileName(const QChart* chart, const QString& extension) {
    const QString title =
        chart != nullptr ? plainText(chart->title()).normalized(QString::NormalizationForm_KD) : QString();
    QString stem;
    bool gap = false;
    for (const QChar c : title) {
        if (c.unicode() < 128 && c.isLetterOrNumber()) {
            if (gap && !stem.isEmpty()) stem += QLatin1Char('-');
            gap = false;
            stem += c.toLower();
        } else if (c.category() != QChar::Mark_NonSpacing) {  // accents of decomposed letters vanish
            gap = true;
        }
    }
    constexpr qsizetype maximum = 80;
    if (stem.size() > maximum) {
        stem.truncate(maximum);
        const qsizetype dash = stem.lastIndexOf(QLatin1Char('-'));
        if (dash > maximum / 2) stem.truncate(dash);
    }
    if (stem.isEmpty()) stem = QStringLiteral("chart");
    return stem + QLatin1Char('.') + extension;
}

QMenu* buildChartExportMenu(QChartView* view, QWidget* parent) {
    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("chartExportMenu"));
    const QPointer<QChartView> target(view);
    // Dialogs are parented to the view's window, not to the menu, which is gone by the time they open.
    auto dialogParent = [target]() -> QWidget* { return target ? target->window() : nullptr; };

    QAction* copy = menu->addAction(tr("Copy image"));
    copy->setObjectName(QStringLiteral("copyChartAction"));
    copy->setToolTip(tr("Copy the chart to the clipboard as an image at twice its size on screen"));
    QObject::connect(copy, &QAction::triggered, menu, [target] {
        if (target) copyChartToClipboard(target);
    });
    menu->addSeparator();

    QAction* png = menu->addAction(tr("Save image as PNG (2x)…"));
    png->setObjectName(QStringLiteral("savePngAction"));
    QObject::connect(png, &QAction::triggered, menu, [target, dialogParent] {
        if (!target) return;
        const QString caption = tr("Save chart as PNG");
        const QString path =
            askSavePath(dialogParent(), target->chart(), caption, QStringLiteral("png"), tr("PNG images (*.png)"));
        QString error;
        if (!path.isEmpty() && target && !saveChartPng(target, path, 2.0, &error))
            reportFailure(dialogParent(), caption, error);
    });

    QAction* svg = menu->addAction(tr("Save image as SVG…"));
    svg->setObjectName(QStringLiteral("saveSvgAction"));
    QObject::connect(svg, &QAction::triggered, menu, [target, dialogParent] {
        if (!target) return;
        const QString caption = tr("Save chart as SVG");
        const QString path =
            askSavePath(dialogParent(), target->chart(), caption, QStringLiteral("svg"), tr("SVG images (*.svg)"));
        QString error;
        if (!path.isEmpty() && target && !saveChartSvg(target, path, &error))
            reportFailure(dialogParent(), caption, error);
    });
    menu->addSeparator();

    QAction* csv = menu->addAction(tr("Save data as CSV…"));
    csv->setObjectName(QStringLiteral("saveCsvAction"));
    QObject::connect(csv, &QAction::triggered, menu, [target, dialogParent] {
        if (!target) return;
        const QString caption = tr("Save chart data as CSV");
        const QString path =
            askSavePath(dialogParent(), target->chart(), caption, QStringLiteral("csv"), tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && target && !saveChartCsv(target->chart(), path, &error))
            reportFailure(dialogParent(), caption, error);
    });
    return menu;
}

void installChartExportMenu(QChartView* view) {
    if (view == nullptr) return;
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(view, &QWidget::customContextMenuRequested, view, [view](const QPoint& position) {
        // A scroll area (QGraphicsView) reports the position in its viewport's coordinates.
        const QPoint global = view->viewport()->mapToGlobal(position);
        // The cursor is now on the menu: a hover readout hides (and stays out of the image).
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(view, &leave);
        QMenu* menu = buildChartExportMenu(view, view);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(global);
    });
}

}  // namespace mtj::ui
