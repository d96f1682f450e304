// SPDX-License-Identifier: GPL-3.0-or-later
// Chart export: PNG at twice the pixel size, SVG, CSV that reads back to the same doubles, failed saves that leave
// existing files alone, the clipboard, the right-click menu and its save actions (file dialogs answered by the test).
// Run with QT_QPA_PLATFORM=offscreen. MTJ_CHART_EXPORT_EXAMPLE=/tmp/export-example also writes that .png and .svg.
#include "chart_export.hpp"
#include "../test_files.hpp"
#include "gui_test_support.hpp"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QFileDialog>
#include <QGraphicsRectItem>
#include <QLineEdit>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMenu>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QMessageBox>
#include <QScatterSeries>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QXmlStreamReader>
#include <QtTest>
#include <cfloat>
#include <cmath>
#include <csignal>
#include <functional>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>

using namespace mtj::ui;

namespace {

const QColor lineColour(0x12, 0x34, 0xd6);
const QColor scatterColour(0x0c, 0xa0, 0x3c);
const QString chartTitle = QStringLiteral("Activation and its derivative");
const QString commaName = QStringLiteral("dy/dx, \"exact\"");

/// The chart of the tests: a title, two lines (one name with a comma and quotes), a scatter series, and titled
/// bottom, left and right value axes (left: [yMin, yMax]; the activation runs from 0.18 to 0.82); shown at 600 x 400.
std::unique_ptr<QChartView> makeView(double yMin = 0.0, double yMax = 1.0) {
    auto* chart = new QChart;
    chart->setTitle(chartTitle);
    auto* activation = new QLineSeries;
    activation->setName(QStringLiteral("activation y"));
    QPen pen(lineColour);
    pen.setWidthF(4.0);
    activation->setPen(pen);
    auto* slope = new QLineSeries;
    slope->setName(commaName);
    auto* measured = new QScatterSeries;
    measured->setName(QStringLiteral("measured"));
    measured->setColor(scatterColour);
    measured->setBorderColor(scatterColour);
    measured->setMarkerSize(12.0);
    for (int i = 0; i <= 40; ++i) {
        const double x = -2.0 + i * 0.1;  // 0.1 steps: values like -1.7000000000000002
        activation->append(x, std::tanh(x) / 3.0 + 0.5);
        slope->append(x, 1.0 / (3.0 * std::cosh(x) * std::cosh(x)));
        if (i % 5 == 0) measured->append(x + 1e-9, std::tanh(x) / 3.0 + 0.5 + 1.0 / 7.0 * 1e-3);
    }
    for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(activation), static_cast<QAbstractSeries*>(slope),
                               static_cast<QAbstractSeries*>(measured)}) {
        chart->addSeries(s);
    }
    auto* axisX = new QValueAxis;
    axisX->setTitleText(QStringLiteral("input x (pre-activation)"));
    axisX->setRange(-2.1, 2.1);
    auto* axisY = new QValueAxis;
    axisY->setTitleText(QStringLiteral("activation y"));
    axisY->setRange(yMin, yMax);
    auto* axisSlope = new QValueAxis;
    axisSlope->setTitleText(QStringLiteral("dy/dx"));
    axisSlope->setRange(0.0, 0.4);
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    chart->addAxis(axisSlope, Qt::AlignRight);
    for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(activation), static_cast<QAbstractSeries*>(measured)}) {
        s->attachAxis(axisX);
        s->attachAxis(axisY);
    }
    slope->attachAxis(axisX);
    slope->attachAxis(axisSlope);
    auto view = std::make_unique<QChartView>(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->resize(600, 400);
    view->show();
    if (!QTest::qWaitForWindowExposed(view.get())) qWarning("chart view not exposed");
    QTest::qWait(50);  // layout of the chart
    return view;
}

/// Pixels exactly of `colour`.
int exactPixels(const QImage& image, const QColor& colour) {
    int count = 0;
    const QRgb wanted = colour.rgb();
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) count += (image.pixel(x, y) | 0xff000000u) == wanted ? 1 : 0;
    }
    return count;
}

/// RFC 4180 records of `text` (quoted fields with commas, doubled quotes and line breaks; LF or CRLF), skipping
/// lines that start with '#' outside quotes. Sets `ok` false on a malformed quote.
QList<QStringList> parseCsv(const QString& text, bool* ok) {
    *ok = true;
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool inQuotes = false, fieldStarted = false, atRecordStart = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    inQuotes = false;
                    if (i + 1 < text.size() && text[i + 1] != QLatin1Char(',') && text[i + 1] != QLatin1Char('\n') &&
                        text[i + 1] != QLatin1Char('\r')) {
                        *ok = false;  // text after a closing quote
                    }
                }
            } else {
                field += c;
            }
            continue;
        }
        if (atRecordStart && c == QLatin1Char('#')) {
            while (i < text.size() && text[i] != QLatin1Char('\n')) ++i;
            continue;
        }
        atRecordStart = false;
        if (c == QLatin1Char('"')) {
            if (fieldStarted) *ok = false;  // quote inside an unquoted field
            inQuotes = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
            fieldStarted = false;
        } else if (c == QLatin1Char('\r')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            record << field;
            records << record;
            record.clear();
            field.clear();
            fieldStarted = false;
            atRecordStart = true;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (inQuotes) *ok = false;
    if (!atRecordStart) {
        record << field;
        records << record;
    }
    return records;
}

struct Row {
    QString series;
    double x;
    double y;
};

/// The data rows of a CSV (after the header "series,x,y"); empty with a failed QVERIFY-able flag on bad input.
QList<Row> parseRows(const QString& csv, bool* ok) {
    const QList<QStringList> records = parseCsv(csv, ok);
    QList<Row> rows;
    if (!*ok || records.isEmpty() || records.first() != QStringList{"series", "x", "y"}) {
        *ok = false;
        return rows;
    }
    for (qsizetype i = 1; i < records.size(); ++i) {
        const QStringList& r = records[i];
        bool okX = false, okY = false;
        if (r.size() != 3) {
            *ok = false;
            return rows;
        }
        rows.push_back(Row{r[0], r[1].toDouble(&okX), r[2].toDouble(&okY)});
        if (!okX || !okY) *ok = false;
    }
    return rows;
}

/// The rows the chart's series should give: (name, point) in the chart's order.
QList<Row> expectedRows(const QList<std::pair<QString, const QXYSeries*>>& series) {
    QList<Row> rows;
    for (const auto& [name, s] : series) {
        for (const QPointF& p : s->points()) rows.push_back(Row{name, p.x(), p.y()});
    }
    return rows;
}

/// Exact comparison, point by point (QCOMPARE of doubles is fuzzy).
bool sameRows(const QList<Row>& a, const QList<Row>& b, QString* why) {
    if (a.size() != b.size()) {
        *why = QStringLiteral("%1 rows instead of %2").arg(a.size()).arg(b.size());
        return false;
    }
    for (qsizetype i = 0; i < a.size(); ++i) {
        const bool sameX = a[i].x == b[i].x && std::signbit(a[i].x) == std::signbit(b[i].x);
        const bool sameY = a[i].y == b[i].y && std::signbit(a[i].y) == std::signbit(b[i].y);
        if (a[i].series != b[i].series || !sameX || !sameY) {
            *why = QStringLiteral("row %1: (%2, %3, %4) instead of (%5, %6, %7)")
                       .arg(i)
                       .arg(a[i].series)
                       .arg(a[i].x, 0, 'g', 17)
                       .arg(a[i].y, 0, 'g', 17)
                       .arg(b[i].series)
                       .arg(b[i].x, 0, 'g', 17)
                       .arg(b[i].y, 0, 'g', 17);
            return false;
        }
    }
    return true;
}

using mtj::testing::readAll;
using mtj::testing::writeAll;

/// Runs `handle` on the next modal widget other than `ignore` (while that lives) that opens (polled every 10 ms for
/// `timeoutMs`).
void answerNextModal(std::function<void(QWidget*)> handle, QPointer<QWidget> ignore = nullptr, int timeoutMs = 10000) {
    auto* timer = new QTimer;
    auto elapsed = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, handle, ignore, elapsed, timeoutMs] {
        *elapsed += 10;
        QWidget* modal = QApplication::activeModalWidget();
        if ((modal != nullptr && modal != ignore && modal->isVisible()) || *elapsed > timeoutMs) {
            timer->stop();
            timer->deleteLater();
            if (modal != nullptr && modal != ignore) handle(modal);
        }
    });
    timer->start(10);
}

bool wellFormedXml(const QByteArray& xml) {
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) reader.readNext();
    if (reader.hasError())
        qWarning("XML error at line %lld: %s", reader.lineNumber(), qPrintable(reader.errorString()));
    return !reader.hasError();
}

QAction* action(QMenu* menu, const char* name) {
    for (QAction* a : menu->actions()) {
        if (a->objectName() == QLatin1String(name)) return a;
    }
    return nullptr;
}

}  // namespace

class TestChartExport : public QObject {
    Q_OBJECT
private slots:
    void imageIsTwiceThePixelSize();
    void pngOpensAtTwiceTheSize();
    void svgIsValidWithTextAndPaths();
    void svgClipsSeriesToPlotArea();
    void svgClipInRsvg();
    void csvReadsBackExactly();
    void csvAreaUnnamedAndAwkwardValues();
    void suggestedFileNames();
    void missingFolderFails();
    void directoryAsTargetFails();
    void readOnlyFolderFailsAndKeepsFile();
    void failedWriteKeepsOldFile();
    void excludedItemsAreNotDrawn();
    void copyPutsImageOnClipboard();
    void menuHasFourActions();
    void installSetsPolicyAndRightClickOpensMenu();
    void menuSendsLeaveSoReadoutsHide();
    void saveActionsAskAndWrite();
    void saveActionFailureShowsWarning();
    void writeExamples();
};

void TestChartExport::imageIsTwiceThePixelSize() {
    auto view = makeView();
    QCOMPARE(view->viewport()->size(), QSize(600, 400));
    const QImage image = renderChartImage(view.get());
    QCOMPARE(image.size(), QSize(1200, 800));
    QCOMPARE(image.devicePixelRatio(), 1.0);
    QCOMPARE(renderChartImage(view.get(), 1.0).size(), QSize(600, 400));
    QCOMPARE(renderChartImage(view.get(), 3.0).size(), QSize(1800, 1200));
    QCOMPARE(image.pixelColor(1, 1), QColor(Qt::white));  // chart background in the margin
    QVERIFY2(exactPixels(image, lineColour) > 1000, "the 4 px line is 8 px wide at 2x");
    QVERIFY(exactPixels(image, scatterColour) > 200);
    QVERIFY(renderChartImage(nullptr).isNull());
}

void TestChartExport::pngOpensAtTwiceTheSize() {
    auto view = makeView();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chart.png"));
    QString error;
    QVERIFY2(saveChartPng(view.get(), path, 2.0, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QImage image;
    QVERIFY(image.load(path, "PNG"));
    QCOMPARE(image.size(), QSize(1200, 800));
    QVERIFY2(exactPixels(image, lineColour) > 1000, "the line's colour is in the saved image");
    QVERIFY(exactPixels(image, scatterColour) > 200);
    // Not blank: about 5 % of this chart is ink.
    QVERIFY(mtj::testing::pixelsNear(image, QColor(Qt::white), 3) < image.width() * image.height() * 98 / 100);
    QVERIFY(mtj::testing::pixelsNear(image, QColor(0x40, 0x40, 0x44), 60) > 2000);  // title, labels (dark grey)
    // No temporary left beside it.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("chart.png")});
}

void TestChartExport::svgIsValidWithTextAndPaths() {
    auto view = makeView();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chart.svg"));
    QString error;
    QVERIFY2(saveChartSvg(view.get(), path, &error), qPrintable(error));
    const QByteArray svg = readAll(path);
    QVERIFY(svg.contains("<svg"));
    QVERIFY(svg.contains("<path"));
    QVERIFY(svg.contains(chartTitle.toUtf8()));
    QVERIFY(svg.contains(("<title>" + chartTitle + "</title>").toUtf8()));
    QVERIFY(svg.contains("input x (pre-activation)"));
    QVERIFY(svg.contains("viewBox=\"0 0 600 400\""));
    QCOMPARE(svg.count(">" + chartTitle.toUtf8() + "<"), 2);  // <title> and the drawn title, once (layers not repeated)
    QCOMPARE(svg.count(">input x (pre-activation)<"), 1);
    QVERIFY(!svg.contains("font-family=\"Sans Serif\""));  // fontconfig's alias, written as CSS's sans-serif
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox(), QRect(0, 0, 600, 400));
    QImage image(1200, 800, QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
    }
    QVERIFY2(mtj::testing::pixelsNear(image, lineColour, 30) > 1000, "the line is drawn from the SVG");
    QVERIFY(mtj::testing::pixelsNear(image, scatterColour, 30) > 200);
}

void TestChartExport::svgClipsSeriesToPlotArea() {
    // The activation runs out of [0.3, 0.7]: the PNG clips it at the plot area, and so must the SVG, although
    // Qt 6.4's SVG generator ignores clipping.
    auto view = makeView(0.3, 0.7);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("clipped.svg"));
    QString error;
    QVERIFY2(saveChartSvg(view.get(), path, &error), qPrintable(error));
    const QByteArray svg = readAll(path);
    QVERIFY(QSvgRenderer(path).isValid());
    QVERIFY(svg.contains("version=\"1.1\""));
    QVERIFY(!svg.contains("baseProfile=\"tiny\""));
    const QRegularExpression rect(QStringLiteral(
        R"re(<clipPath id="mtj-plot-area"><rect x="([-0-9.e]+)" y="([-0-9.e]+)" width="([-0-9.e]+)" height="([-0-9.e]+)"/></clipPath>)re"));
    const QRegularExpressionMatch match = rect.match(QString::fromUtf8(svg));
    QVERIFY(match.hasMatch());
    const QRectF clip(match.captured(1).toDouble(), match.captured(2).toDouble(), match.captured(3).toDouble(),
                      match.captured(4).toDouble());
    const QRectF plot = view->viewportTransform().mapRect(view->chart()->mapRectToScene(view->chart()->plotArea()));
    QVERIFY2(std::abs(clip.left() - plot.left()) <= 1 && std::abs(clip.right() - plot.right()) <= 1 &&
                 std::abs(clip.top() - plot.top()) <= 1 && std::abs(clip.bottom() - plot.bottom()) <= 1,
             "the clip is the plot area");
    // The curves are inside the clipped group, and only there; the legend (with the series' colour) comes after it.
    const qsizetype open = svg.indexOf("<g clip-path=\"url(#mtj-plot-area)\">");
    QVERIFY(open > 0);
    QCOMPARE(svg.count("clip-path="), 1);
    const QByteArray colour = lineColour.name().toUtf8();
    QVERIFY(!svg.left(open).contains(colour));
    QVERIFY(svg.indexOf("stroke=\"" + colour + "\"", open) > open);
    // The layers do not repeat: one background, one title, one set of axis titles.
    QCOMPARE(svg.count(">" + chartTitle.toUtf8() + "<"), 2);
    QCOMPARE(svg.count(">activation y<"), 2);  // the left axis title and the legend entry
    QVERIFY(wellFormedXml(svg));

    // Markup characters in the title and the names come out escaped.
    view->chart()->setTitle(QStringLiteral("y < 1 & x > \"0\""));
    view->chart()->series().first()->setName(QStringLiteral("a&b <c>"));
    QTest::qWait(20);
    QVERIFY2(saveChartSvg(view.get(), path, &error), qPrintable(error));
    const QByteArray escaped = readAll(path);
    QVERIFY(wellFormedXml(escaped));
    QVERIFY(QSvgRenderer(path).isValid());
    QVERIFY(escaped.contains("<title>y &lt; 1 &amp; x &gt; &quot;0&quot;</title>"));
    QVERIFY(escaped.contains(">a&amp;b "));  // the legend takes names as rich text: "<c>" is a tag to it
}

void TestChartExport::svgClipInRsvg() {
    // Drawn by librsvg (as in GNOME, Inkscape's import and many converters), which honours clip paths: no pixel
    // of the clipped curve outside the plot area. Needs rsvg-convert (Debian: librsvg2-bin).
    const QString rsvg = QStandardPaths::findExecutable(QStringLiteral("rsvg-convert"));
    if (rsvg.isEmpty()) QSKIP("rsvg-convert is not installed");
    auto view = makeView(0.3, 0.7);
    QTemporaryDir dir;
    const QString svgPath = dir.filePath(QStringLiteral("clipped.svg"));
    const QString pngPath = dir.filePath(QStringLiteral("clipped.png"));
    QString error;
    QVERIFY2(saveChartSvg(view.get(), svgPath, &error), qPrintable(error));
    QProcess process;
    process.start(rsvg, {QStringLiteral("-z"), QStringLiteral("2"), QStringLiteral("-b"), QStringLiteral("white"),
                         QStringLiteral("-o"), pngPath, svgPath});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    const QImage drawn(pngPath);
    QCOMPARE(drawn.size(), QSize(1200, 800));
    const QRectF plot = view->viewportTransform().mapRect(view->chart()->mapRectToScene(view->chart()->plotArea()));
    const QRect inside = QRectF(plot.topLeft() * 2.0, plot.size() * 2.0).toAlignedRect().adjusted(-2, -2, 2, 2);
    int outside = 0, within = 0;
    for (int y = 0; y < drawn.height(); ++y) {
        for (int x = 0; x < drawn.width(); ++x) {
            const QColor c = drawn.pixelColor(x, y);
            if (std::abs(c.red() - lineColour.red()) + std::abs(c.green() - lineColour.green()) +
                    std::abs(c.blue() - lineColour.blue()) >=
                30) {
                continue;
            }
            // The legend's marker has the colour too.
            const bool legend = y < inside.top() && y > 100 && y < 180;
            (inside.contains(x, y) ? within : (legend ? within : outside)) += 1;
        }
    }
    QVERIFY2(within > 1000, "the curve is drawn inside");
    QCOMPARE(outside, 0);
    // And the raster export agrees.
    const QImage png = renderChartImage(view.get());
    int pngOutside = 0;
    for (int y = 0; y < png.height(); ++y) {
        for (int x = 0; x < png.width(); ++x) {
            if (png.pixelColor(x, y) == lineColour && !inside.contains(x, y) && !(y > 100 && y < 180)) ++pngOutside;
        }
    }
    QCOMPARE(pngOutside, 0);
}

void TestChartExport::csvReadsBackExactly() {
    auto view = makeView();
    const QString csv = chartDataCsv(view->chart());
    const QString firstLine = csv.section(QLatin1Char('\n'), 0, 0);
    QCOMPARE(firstLine, QStringLiteral("# Activation and its derivative; x: input x (pre-activation); y: activation y; "
                                       "right axis: dy/dx"));
    QCOMPARE(csv.section(QLatin1Char('\n'), 1, 1), QStringLiteral("series,x,y"));
    QVERIFY(csv.contains(QStringLiteral("\"dy/dx, \"\"exact\"\"\",")));
    bool ok = false;
    const QList<Row> rows = parseRows(csv, &ok);
    QVERIFY(ok);
    const QList<QAbstractSeries*> series = view->chart()->series();
    const QList<Row> expected = expectedRows({{QStringLiteral("activation y"), qobject_cast<QXYSeries*>(series[0])},
                                              {commaName, qobject_cast<QXYSeries*>(series[1])},
                                              {QStringLiteral("measured"), qobject_cast<QXYSeries*>(series[2])}});
    QCOMPARE(expected.size(), 41 + 41 + 9);
    QString why;
    QVERIFY2(sameRows(rows, expected, &why), qPrintable(why));

    // Through the file too (UTF-8, the same text).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("data.csv"));
    QString error;
    QVERIFY2(saveChartCsv(view->chart(), path, &error), qPrintable(error));
    QCOMPARE(QString::fromUtf8(readAll(path)), csv);
    QVERIFY(chartDataCsv(nullptr).isEmpty());
}

void TestChartExport::csvAreaUnnamedAndAwkwardValues() {
    QChart chart;                           // no title, a log axis, an area series, unnamed and awkwardly named series
    auto* upper = new QLineSeries(&chart);  // an area series does not own its edges
    auto* lower = new QLineSeries(&chart);
    upper->append({QPointF(1e-300, 2.0), QPointF(0.1 + 0.2, DBL_MAX), QPointF(5e-324, -0.0)});
    lower->append({QPointF(1e-300, 1.0), QPointF(0.1 + 0.2, -DBL_MAX), QPointF(5e-324, -1.0 / 3.0)});
    auto* band = new QAreaSeries(upper, lower);
    band->setName(QStringLiteral("band ± 2σ"));
    auto* unnamed = new QLineSeries;
    unnamed->append({QPointF(-2.5e10, std::nextafter(1.0, 2.0)), QPointF(M_PI, std::exp(1.0))});
    auto* hash = new QScatterSeries;
    hash->setName(QStringLiteral("#1 \"best\""));
    hash->append(123456789012345678.0, 1e22);
    auto* multiLine = new QLineSeries;
    multiLine->setName(QStringLiteral("two\nlines "));
    multiLine->append(1.0, 2.0);
    auto* upperOnly = new QAreaSeries(new QLineSeries(&chart));
    upperOnly->upperSeries()->append(7.0, 8.0);
    for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(band), static_cast<QAbstractSeries*>(unnamed),
                               static_cast<QAbstractSeries*>(hash), static_cast<QAbstractSeries*>(multiLine),
                               static_cast<QAbstractSeries*>(upperOnly)}) {
        chart.addSeries(s);
    }
    auto* logAxis = new QLogValueAxis;
    logAxis->setTitleText(QStringLiteral("step δ (units of x)"));
    chart.addAxis(logAxis, Qt::AlignBottom);
    auto* second = new QValueAxis;  // a second bottom axis; and an untitled left one, left out
    second->setTitleText(QStringLiteral("time (ns)"));
    chart.addAxis(second, Qt::AlignBottom);
    chart.addAxis(new QValueAxis, Qt::AlignLeft);

    const QString csv = chartDataCsv(&chart);
    QCOMPARE(csv.section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("# untitled chart; x: step δ (units of x), log scale; x 2: time (ns)"));
    bool ok = false;
    const QList<Row> rows = parseRows(csv, &ok);
    QVERIFY(ok);
    const QList<Row> expected = expectedRows({{QStringLiteral("band ± 2σ (upper)"), upper},
                                              {QStringLiteral("band ± 2σ (lower)"), lower},
                                              {QStringLiteral("series 2"), unnamed},
                                              {QStringLiteral("#1 \"best\""), hash},
                                              {QStringLiteral("two\nlines "), multiLine},
                                              {QStringLiteral("series 5 (upper)"), upperOnly->upperSeries()}});
    QString why;
    QVERIFY2(sameRows(rows, expected, &why), qPrintable(why));
    QVERIFY(csv.contains(QStringLiteral(
        "\nband ± 2σ (upper),0.30000000000000004,1.7976931348623157e+308\n")));  // full precision, shortest form
    QVERIFY(csv.contains(QStringLiteral(",-0\n")));
}

void TestChartExport::suggestedFileNames() {
    QChart chart;
    chart.setTitle(chartTitle);
    QCOMPARE(suggestedChartFileName(&chart, QStringLiteral("png")),
             QStringLiteral("activation-and-its-derivative.png"));
    chart.setTitle(QStringLiteral("Derivative error against the step at x = 0.25"));
    QCOMPARE(suggestedChartFileName(&chart, QStringLiteral("svg")),
             QStringLiteral("derivative-error-against-the-step-at-x-0-25.svg"));
    chart.setTitle(QStringLiteral("  Énergie — δ barrier (kT) "));
    QCOMPARE(suggestedChartFileName(&chart, QStringLiteral("csv")), QStringLiteral("energie-barrier-kt.csv"));
    chart.setTitle(QStringLiteral("<b>Loss</b> against epoch"));
    QCOMPARE(suggestedChartFileName(&chart, QStringLiteral("csv")), QStringLiteral("loss-against-epoch.csv"));
    chart.setTitle(QStringLiteral("δ ± σ"));
    QCOMPARE(suggestedChartFileName(&chart, QStringLiteral("png")), QStringLiteral("chart.png"));
    QCOMPARE(suggestedChartFileName(nullptr, QStringLiteral("png")), QStringLiteral("chart.png"));
    chart.setTitle(QString(200, QLatin1Char('a')));
    QCOMPARE(suggestedChartFileName(&chart, QStringLiteral("png")).size(), 84);
}

void TestChartExport::missingFolderFails() {
    auto view = makeView();
    QTemporaryDir dir;
    for (const QString& extension : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("csv")}) {
        const QString path = dir.filePath(QStringLiteral("missing/chart.") + extension);
        QString error;
        const bool saved = extension == QLatin1String("png")   ? saveChartPng(view.get(), path, 2.0, &error)
                           : extension == QLatin1String("svg") ? saveChartSvg(view.get(), path, &error)
                                                               : saveChartCsv(view->chart(), path, &error);
        QVERIFY(!saved);
        QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
        QVERIFY2(error.size() > QDir::toNativeSeparators(path).size() + 20, qPrintable(error));  // and a reason
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("missing"))));
    }
    QString error;
    QVERIFY(!saveChartCsv(view->chart(), QString(), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!saveChartPng(nullptr, dir.filePath(QStringLiteral("x.png")), 2.0, &error));
    QVERIFY(saveChartPng(view.get(), dir.filePath(QStringLiteral("x.png")), 2.0, nullptr));  // a null error is fine
}

void TestChartExport::directoryAsTargetFails() {
    auto view = makeView();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("taken.csv"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("taken.csv")));
    QVERIFY(writeAll(QDir(path).filePath(QStringLiteral("inside.txt")), "keep"));
    QString error;
    QVERIFY(!saveChartCsv(view->chart(), path, &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
    QVERIFY(!saveChartPng(view.get(), path, 2.0, &error));
    QVERIFY(!saveChartSvg(view.get(), path, &error));
    QVERIFY(QFileInfo(path).isDir());
    QCOMPARE(readAll(QDir(path).filePath(QStringLiteral("inside.txt"))), QByteArray("keep"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("taken.csv")});
}

void TestChartExport::readOnlyFolderFailsAndKeepsFile() {
    if (geteuid() == 0) QSKIP("running as root: a read-only folder is writable anyway");
    auto view = makeView();
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("locked"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("locked")));
    const QString existing = QDir(folder).filePath(QStringLiteral("old.csv"));
    QVERIFY(writeAll(existing, "old bytes\n"));
    QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    const auto restore = qScopeGuard([&] {
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    });
    QString error;
    QVERIFY(!saveChartCsv(view->chart(), existing, &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(existing)), qPrintable(error));
    QVERIFY(!saveChartPng(view.get(), existing, 2.0, &error));
    QVERIFY(!saveChartSvg(view.get(), existing, &error));
    QCOMPARE(readAll(existing), QByteArray("old bytes\n"));
    const QString fresh = QDir(folder).filePath(QStringLiteral("new.png"));
    QVERIFY(!saveChartPng(view.get(), fresh, 2.0, &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(fresh)), qPrintable(error));
    QVERIFY(!QFileInfo::exists(fresh));
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("old.csv")});
}

void TestChartExport::failedWriteKeepsOldFile() {
    // A write that fails half-way (the file size limit, which binds root too): the old file keeps its bytes.
    QChart chart;
    auto* many = new QLineSeries;
    many->setName(QStringLiteral("many"));
    for (int i = 0; i < 5000; ++i) many->append(i * 1e-3, std::sin(i * 1e-3));
    chart.addSeries(many);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("data.csv"));
    QVERIFY(writeAll(path, "old bytes\n"));
    QVERIFY(chartDataCsv(&chart).toUtf8().size() > 50000);

    rlimit previous{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &previous), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);  // EFBIG instead of the signal
    rlimit small = previous;
    small.rlim_cur = 16384;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    QString error;
    const bool saved = saveChartCsv(&chart, path, &error);
    setrlimit(RLIMIT_FSIZE, &previous);
    std::signal(SIGXFSZ, oldHandler);

    QVERIFY(!saved);
    QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
    QCOMPARE(readAll(path), QByteArray("old bytes\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("data.csv")});
    // And with the limit lifted the same save replaces it.
    QVERIFY2(saveChartCsv(&chart, path, &error), qPrintable(error));
    QCOMPARE(QString::fromUtf8(readAll(path)), chartDataCsv(&chart));
}

void TestChartExport::excludedItemsAreNotDrawn() {
    auto view = makeView();
    const QColor magenta(0xff, 0x00, 0xff);
    auto* box = new QGraphicsRectItem(QRectF(200, 150, 80, 40), view->chart());
    box->setBrush(magenta);
    box->setPen(Qt::NoPen);
    box->setZValue(20);
    QVERIFY(exactPixels(renderChartImage(view.get()), magenta) > 10000);  // drawn like any item
    box->setData(kExcludeFromChartExport, true);
    QCOMPARE(exactPixels(renderChartImage(view.get()), magenta), 0);
    QVERIFY(box->isVisible());  // shown again afterwards
    box->hide();
    QCOMPARE(exactPixels(renderChartImage(view.get()), magenta), 0);
    QVERIFY(!box->isVisible());  // an item hidden before stays hidden
}

void TestChartExport::copyPutsImageOnClipboard() {
    auto view = makeView();
    QGuiApplication::clipboard()->clear();
    copyChartToClipboard(view.get());
    const QImage image = QGuiApplication::clipboard()->image();
    QCOMPARE(image.size(), QSize(1200, 800));
    QVERIFY(exactPixels(image, lineColour) > 1000);
}

void TestChartExport::menuHasFourActions() {
    auto view = makeView();
    QWidget parent;
    QMenu* menu = buildChartExportMenu(view.get(), &parent);
    QCOMPARE(menu->parent(), &parent);
    const QList<std::pair<const char*, QString>> expected = {
        {"copyChartAction", QStringLiteral("Copy image")},
        {"savePngAction", QStringLiteral("Save image as PNG (2x)…")},
        {"saveSvgAction", QStringLiteral("Save image as SVG…")},
        {"saveCsvAction", QStringLiteral("Save data as CSV…")}};
    QStringList names;
    for (QAction* a : menu->actions()) {
        if (!a->isSeparator()) names << a->objectName();
    }
    QCOMPARE(names, (QStringList{"copyChartAction", "savePngAction", "saveSvgAction", "saveCsvAction"}));
    for (const auto& [name, text] : expected) {
        QAction* a = action(menu, name);
        QVERIFY(a != nullptr);
        QCOMPARE(a->text(), text);
        QVERIFY(a->isEnabled());
    }
    // Copy through the menu.
    QGuiApplication::clipboard()->clear();
    action(menu, "copyChartAction")->trigger();
    QCOMPARE(QGuiApplication::clipboard()->image().size(), QSize(1200, 800));
    // The actions do nothing once the view is gone.
    view.reset();
    QGuiApplication::clipboard()->clear();
    action(menu, "copyChartAction")->trigger();
    action(menu, "saveCsvAction")->trigger();
    QVERIFY(QGuiApplication::clipboard()->image().isNull());
}

void TestChartExport::installSetsPolicyAndRightClickOpensMenu() {
    auto view = makeView();
    QCOMPARE(view->contextMenuPolicy(), Qt::DefaultContextMenu);
    installChartExportMenu(view.get());
    QCOMPARE(view->contextMenuPolicy(), Qt::CustomContextMenu);

    auto openMenus = [&view] {
        QList<QMenu*> menus;
        for (QMenu* m : view->findChildren<QMenu*>()) {
            if (m->isVisible()) menus << m;
        }
        return menus;
    };
    // A real right-click through the window (the platform turns the press into a context-menu event).
    const QPoint inside(300, 200);
    QTest::mouseClick(view->windowHandle(), Qt::RightButton, {}, view->viewport()->mapTo(view.get(), inside));
    QVERIFY(mtj::testing::waitUntil([&] { return openMenus().size() == 1; }, 5000));
    QMenu* menu = openMenus().first();
    QVERIFY(action(menu, "copyChartAction") != nullptr);
    QVERIFY(action(menu, "saveCsvAction") != nullptr);
    QVERIFY2((menu->pos() - view->viewport()->mapToGlobal(inside)).manhattanLength() <= 2, "menu at the cursor");
    const QPointer<QMenu> watched(menu);
    menu->close();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY2(watched.isNull(), "the menu is deleted once closed");

    // The signal itself, at another place.
    emit view->customContextMenuRequested(QPoint(100, 80));
    QVERIFY(mtj::testing::waitUntil([&] { return openMenus().size() == 1; }, 5000));
    menu = openMenus().first();
    QVERIFY2((menu->pos() - view->viewport()->mapToGlobal(QPoint(100, 80))).manhattanLength() <= 2,
             "menu at the cursor");
    // Choosing an action closes and deletes the menu too.
    const QPointer<QMenu> chosen(menu);
    QGuiApplication::clipboard()->clear();
    QAction* copy = action(menu, "copyChartAction");
    menu->setActiveAction(copy);
    QTest::keyClick(menu, Qt::Key_Return);
    QVERIFY(mtj::testing::waitUntil([&] { return chosen.isNull(); }, 5000));
    QCOMPARE(QGuiApplication::clipboard()->image().size(), QSize(1200, 800));
}

void TestChartExport::menuSendsLeaveSoReadoutsHide() {
    // A view that, like ReadoutChartView, hides its hover readout on leaving.
    struct LeaveCounter : QChartView {
        int leaves = 0;
        void leaveEvent(QEvent* event) override {
            ++leaves;
            QChartView::leaveEvent(event);
        }
    };
    LeaveCounter view;
    view.resize(300, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    installChartExportMenu(&view);
    const int before = view.leaves;
    emit view.customContextMenuRequested(QPoint(50, 50));
    QVERIFY(view.leaves > before);  // ours, and Qt may send one of its own as the popup takes the mouse
    for (QMenu* menu : view.findChildren<QMenu*>()) menu->close();
}

void TestChartExport::saveActionsAskAndWrite() {
    auto view = makeView();
    QTemporaryDir dir;
    QMenu* menu = buildChartExportMenu(view.get(), view.get());
    struct Case {
        const char* action;
        QString suggested;
        QString chosen;  // without extension for the CSV: it is added
        QString written;
    };
    const QList<Case> cases = {{"savePngAction", QStringLiteral("activation-and-its-derivative.png"),
                                QStringLiteral("a.png"), QStringLiteral("a.png")},
                               {"saveSvgAction", QStringLiteral("activation-and-its-derivative.svg"),
                                QStringLiteral("b.svg"), QStringLiteral("b.svg")},
                               {"saveCsvAction", QStringLiteral("activation-and-its-derivative.csv"),
                                QStringLiteral("c"), QStringLiteral("c.csv")}};
    for (const Case& c : cases) {
        QString offered;
        bool answered = false;
        answerNextModal([&](QWidget* modal) {
            auto* dialog = qobject_cast<QFileDialog*>(modal);
            if (dialog == nullptr) {
                modal->close();
                return;
            }
            offered = dialog->selectedFiles().value(0);
            dialog->setDirectory(dir.path());
            // Typed into the name field (selectFile leaves the field alone while it has the focus).
            auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
            if (edit == nullptr) {
                modal->close();
                return;
            }
            edit->setText(c.chosen);
            answered = true;
            QMetaObject::invokeMethod(dialog, "accept");
        });
        action(menu, c.action)->trigger();
        QVERIFY2(answered, c.action);
        QCOMPARE(QFileInfo(offered).fileName(), c.suggested);
        QVERIFY2(QFileInfo::exists(dir.filePath(c.written)),
                 qPrintable(dir.filePath(c.written) + QLatin1Char(' ') +
                            QDir(dir.path()).entryList(QDir::Files).join(QLatin1Char(' '))));
    }
    QCOMPARE(QImage(dir.filePath(QStringLiteral("a.png"))).size(), QSize(1200, 800));
    QVERIFY(QSvgRenderer(dir.filePath(QStringLiteral("b.svg"))).isValid());
    QCOMPARE(QString::fromUtf8(readAll(dir.filePath(QStringLiteral("c.csv")))), chartDataCsv(view->chart()));
    // The next dialog opens in the folder of the last export.
    QString offered;
    answerNextModal([&](QWidget* modal) {
        if (auto* dialog = qobject_cast<QFileDialog*>(modal)) offered = dialog->selectedFiles().value(0);
        modal->close();
    });
    action(menu, "savePngAction")->trigger();
    QCOMPARE(QFileInfo(offered).absolutePath(), QFileInfo(dir.path()).absoluteFilePath());
}

void TestChartExport::saveActionFailureShowsWarning() {
    auto view = makeView();
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("taken.csv")));
    const QString target = dir.filePath(QStringLiteral("taken.csv"));  // a folder: the save fails
    QMenu* menu = buildChartExportMenu(view.get(), view.get());
    QString warning;
    bool sawFileDialog = false;
    answerNextModal([&](QWidget* modal) {
        // Stand in for the dialog: the chosen path comes back from getSaveFileName.
        auto* dialog = qobject_cast<QFileDialog*>(modal);
        if (dialog == nullptr) {
            modal->close();
            return;
        }
        sawFileDialog = true;
        // The warning box opens after the file dialog has closed.
        answerNextModal(
            [&](QWidget* box) {
                if (auto* message = qobject_cast<QMessageBox*>(box)) warning = message->text();
                box->close();
            },
            dialog);
        dialog->setFileMode(QFileDialog::AnyFile);
        dialog->setOption(QFileDialog::DontConfirmOverwrite, true);
        dialog->setDirectory(dir.path());
        auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
        if (edit != nullptr) edit->setText(QStringLiteral("taken.csv"));
        QMetaObject::invokeMethod(dialog, "done", Q_ARG(int, QDialog::Accepted));
    });
    action(menu, "saveCsvAction")->trigger();
    QVERIFY(sawFileDialog);
    QVERIFY2(warning.contains(QDir::toNativeSeparators(target)), qPrintable(warning));
    QVERIFY(QFileInfo(target).isDir());
}

void TestChartExport::writeExamples() {
    const QString stem = qEnvironmentVariable("MTJ_CHART_EXPORT_EXAMPLE");
    if (stem.isEmpty()) QSKIP("set MTJ_CHART_EXPORT_EXAMPLE=/path/stem to write stem.png, stem.svg and stem.csv");
    auto view = makeView();
    QString error;
    QVERIFY2(saveChartPng(view.get(), stem + QStringLiteral(".png"), 2.0, &error), qPrintable(error));
    QVERIFY2(saveChartSvg(view.get(), stem + QStringLiteral(".svg"), &error), qPrintable(error));
    QVERIFY2(saveChartCsv(view->chart(), stem + QStringLiteral(".csv"), &error), qPrintable(error));
    // The SVG as Qt's SVG renderer draws it, at 2x, to look at.
    QSvgRenderer renderer(stem + QStringLiteral(".svg"));
    QVERIFY(renderer.isValid());
    QImage image(1200, 800, QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        renderer.render(&painter);
    }
    QVERIFY(image.save(stem + QStringLiteral("-svg-rendered.png")));
}

QTEST_MAIN(TestChartExport)
#include "test_chart_export.moc"
