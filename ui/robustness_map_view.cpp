// SPDX-License-Identifier: GPL-3.0-or-later
#include "robustness_map_view.hpp"

#include "common/colour_map.hpp"
#include "common/csv_field.hpp"

#include <QBuffer>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QFile>

#include "common/durable_file.hpp"
#include <QSvgGenerator>
#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>

namespace mtj::ui {
namespace {

bool isPercent(RobustnessMetric metric) { return metric != RobustnessMetric::GradientCosine; }

/// Through the durable writer (engine/common/durable_file.hpp): replaced only once every byte is on the disk.
bool writeAtomically(const QString& path, const QByteArray& bytes, QString* error) {
    const mtj::Status written =
        mtj::writeFileDurably(QFile::encodeName(path).toStdString(), std::string_view(bytes.constData(), bytes.size()));
    if (!written && error) *error = QString::fromStdString(written.message());
    return written.isOk();
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------

RobustnessMapView::RobustnessMapView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("robustnessMapView"));
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    open_ = new QPushButton(tr("Open map…"));
    open_->setToolTip(
        tr("A merged sweep: mtj-explorer sweep merge DIR --out MAP.json (File > Open robustness map, "
           "Ctrl+M)"));
    xAxis_ = new QComboBox;
    xAxis_->setToolTip(tr("The axis across: one column per value"));
    yAxis_ = new QComboBox;
    yAxis_->setToolTip(tr("The axis down: one row per value (none: one row)"));
    metricBox_ = new QComboBox;
    for (RobustnessMetric m : {RobustnessMetric::HeldOut, RobustnessMetric::DeploymentDrop, RobustnessMetric::Deployed,
                               RobustnessMetric::Train, RobustnessMetric::GradientCosine})
        metricBox_->addItem(QString::fromLatin1(metricName(m)), static_cast<int>(m));
    metricBox_->setToolTip(
        tr("What each cell shows, as the mean over its runs (the seeds) ± their standard deviation. The deployment "
           "drop is the model's held-out accuracy minus the deployed devices' (model-then-deploy runs)."));
    export_ = new QPushButton(tr("Export…"));
    export_->setToolTip(tr("The heat map as PNG or SVG, or its cells as CSV"));
    // Two rows, each as wide as its texts (a key such as variability.offset_field_sigma_mT is never cut): the axes,
    // then the metric and the value every other axis is held at.
    for (QComboBox* box : {xAxis_, yAxis_, metricBox_}) box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(open_);
    bar->addWidget(new QLabel(tr("Across")));
    bar->addWidget(xAxis_);
    bar->addWidget(new QLabel(tr("Down")));
    bar->addWidget(yAxis_);
    bar->addStretch(1);
    bar->addWidget(export_);
    layout->addLayout(bar);
    heldLayout_ = new QHBoxLayout;
    heldLayout_->addWidget(new QLabel(tr("Metric")));
    heldLayout_->addWidget(metricBox_);
    heldLayout_->addStretch(1);
    layout->addLayout(heldLayout_);
    heatMap_ = new RobustnessHeatMap;
    layout->addWidget(heatMap_, 1);
    details_ = new QLabel;
    details_->setObjectName(QStringLiteral("robustnessDetails"));
    details_->setWordWrap(true);
    details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details_->setText(tr("Hover a cell for the runs behind it."));
    layout->addWidget(details_);

    connect(open_, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open a robustness map"), QString(), tr("Robustness maps (*.json)"));
        if (!path.isEmpty()) emit openMapRequested(path);
    });
    connect(export_, &QPushButton::clicked, this, &RobustnessMapView::chooseExport);
    auto axesChanged = [this] {
        if (updating_) return;
        showAxes(xAxis_->currentIndex(), yAxis_->currentIndex() - 1);
    };
    connect(xAxis_, &QComboBox::currentIndexChanged, this, axesChanged);
    connect(yAxis_, &QComboBox::currentIndexChanged, this, axesChanged);
    connect(metricBox_, &QComboBox::currentIndexChanged, this, [this] {
        if (!updating_) showMetric(static_cast<RobustnessMetric>(metricBox_->currentData().toInt()));
    });
    connect(heatMap_, &RobustnessHeatMap::hovered, this, [this](int row, int column) {
        const QString text = cellDetails(row, column);
        details_->setText(text.isEmpty() ? tr("Hover a cell for the runs behind it.") : text);
        if (!text.isEmpty()) QToolTip::showText(QCursor::pos(), text, heatMap_);
    });
    recompute();
}

void RobustnessMapView::setMap(const RobustnessMap& map, const QString& source) {
    map_ = map;
    source_ = source;
    updating_ = true;
    xAxis_->clear();
    yAxis_->clear();
    yAxis_->addItem(tr("(none)"));
    for (const RobustnessAxis& axis : map_.axes) {
        xAxis_->addItem(QString::fromStdString(axis.key));
        yAxis_->addItem(QString::fromStdString(axis.key));
    }
    updating_ = false;
    held_.assign(map_.axes.size(), 0);
    // The first two axes that vary; a sweep with one varying axis shows one row.
    std::vector<int> varying;
    for (std::size_t a = 0; a < map_.axes.size(); ++a)
        if (map_.axes[a].values.size() > 1) varying.push_back(static_cast<int>(a));
    const int x = varying.empty() ? 0 : varying[0];
    const int y = varying.size() > 1 ? varying[1] : -1;
    showAxes(x, y);
}

void RobustnessMapView::showAxes(int x, int y) {
    const int n = static_cast<int>(map_.axes.size());
    if (n == 0) {
        recompute();
        return;
    }
    x = std::clamp(x, 0, n - 1);
    if (y >= n || y == x) y = -1;
    x_ = x;
    y_ = y;
    updating_ = true;
    xAxis_->setCurrentIndex(x_);
    yAxis_->setCurrentIndex(y_ + 1);
    updating_ = false;
    rebuildHeldAxes();
    recompute();
}

void RobustnessMapView::holdAxis(int axis, int valueIndex) {
    if (axis < 0 || axis >= static_cast<int>(held_.size())) return;
    const int values = static_cast<int>(map_.axes[static_cast<std::size_t>(axis)].values.size());
    held_[static_cast<std::size_t>(axis)] = std::clamp(valueIndex, 0, values - 1);
    rebuildHeldAxes();
    recompute();
}

void RobustnessMapView::showMetric(RobustnessMetric metric) {
    metric_ = metric;
    updating_ = true;
    metricBox_->setCurrentIndex(metricBox_->findData(static_cast<int>(metric)));
    updating_ = false;
    recompute();
}

void RobustnessMapView::rebuildHeldAxes() {
    for (QWidget* w : heldWidgets_) delete w;
    heldWidgets_.clear();
    for (std::size_t a = 0; a < map_.axes.size(); ++a) {
        if (static_cast<int>(a) == x_ || static_cast<int>(a) == y_) continue;
        auto* label = new QLabel(QString::fromStdString(map_.axes[a].key));
        auto* box = new QComboBox;
        for (const std::string& v : map_.axes[a].values) box->addItem(QString::fromStdString(v));
        box->setCurrentIndex(held_[a]);
        box->setToolTip(tr("The value this axis is held at: the map shows only the runs with it"));
        connect(box, &QComboBox::currentIndexChanged, this, [this, a](int index) {
            held_[a] = index;
            recompute();
        });
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        heldLayout_->insertWidget(heldLayout_->count() - 1, label);
        heldLayout_->insertWidget(heldLayout_->count() - 1, box);
        heldWidgets_.push_back(label);
        heldWidgets_.push_back(box);
    }
}

void RobustnessMapView::recompute() {
    RobustnessHeatMap::Content c;
    if (map_.axes.empty()) {
        heatMap_->setContent(c);
        return;
    }
    c.cells = robustnessCells(map_, x_, y_, held_, metric_);
    const RobustnessAxis& ax = map_.axes[static_cast<std::size_t>(x_)];
    c.xTitle = QString::fromStdString(ax.key);
    for (const std::string& v : ax.values) c.xValues << QString::fromStdString(v);
    if (y_ >= 0) {
        const RobustnessAxis& ay = map_.axes[static_cast<std::size_t>(y_)];
        c.yTitle = QString::fromStdString(ay.key);
        for (const std::string& v : ay.values) c.yValues << QString::fromStdString(v);
    } else {
        c.yValues << QString();
    }
    QStringList heldText;
    for (std::size_t a = 0; a < map_.axes.size(); ++a) {
        if (static_cast<int>(a) == x_ || static_cast<int>(a) == y_) continue;
        heldText << QStringLiteral("%1 = %2").arg(
            QString::fromStdString(map_.axes[a].key),
            QString::fromStdString(map_.axes[a].values[static_cast<std::size_t>(held_[a])]));
    }
    c.metricTitle = QString::fromLatin1(metricName(metric_)) + (isPercent(metric_) ? tr(" (%)") : QString());
    c.title = QString::fromStdString(map_.name.empty() ? QFileInfo(source_).fileName().toStdString() : map_.name) +
              (heldText.isEmpty() ? QString() : QStringLiteral(" · ") + heldText.join(QStringLiteral(", ")));
    c.percent = isPercent(metric_);
    heatMap_->setContent(std::move(c));
}

const std::vector<RobustnessCell>& RobustnessMapView::cells() const { return heatMap_->content().cells; }
int RobustnessMapView::columns() const { return static_cast<int>(heatMap_->content().xValues.size()); }
int RobustnessMapView::rows() const { return static_cast<int>(heatMap_->content().yValues.size()); }

QString RobustnessMapView::cellDetails(int row, int column) const {
    const auto& content = heatMap_->content();
    if (row < 0 || column < 0 || row >= rows() || column >= columns()) return {};
    const RobustnessCell& cell = content.cells[static_cast<std::size_t>(row * columns() + column)];
    const double scale = content.percent ? 100.0 : 1.0;
    const QString unit = content.percent ? QStringLiteral(" %") : QString();
    QStringList lines;
    QString where = QStringLiteral("%1 = %2").arg(content.xTitle, content.xValues[column]);
    if (y_ >= 0) where += QStringLiteral(", %1 = %2").arg(content.yTitle, content.yValues[row]);
    lines << where;
    if (cell.count > 0) {
        lines << tr("%1: %2 ± %3%4 over %5 runs")
                     .arg(QString::fromLatin1(metricName(metric_)))
                     .arg(scale * cell.mean, 0, 'f', content.percent ? 1 : 3)
                     .arg(scale * cell.deviation, 0, 'f', content.percent ? 1 : 3)
                     .arg(unit)
                     .arg(cell.count);
    } else {
        lines << tr("no run with this metric");
    }
    for (int r : cell.runs) {
        const RobustnessRun& run = map_.runs[static_cast<std::size_t>(r)];
        const double v = metricOf(run, metric_);
        lines << (run.error.empty()
                      ? tr("%1 (seed %2): %3%4")
                            .arg(QString::fromStdString(run.id))
                            .arg(run.seed)
                            .arg(std::isfinite(v) ? QString::number(scale * v, 'f', content.percent ? 1 : 3)
                                                  : QStringLiteral("–"))
                            .arg(std::isfinite(v) ? unit : QString())
                      : tr("%1 (seed %2): failed: %3")
                            .arg(QString::fromStdString(run.id))
                            .arg(run.seed)
                            .arg(QString::fromStdString(run.error)));
    }
    return lines.join(QLatin1Char('\n'));
}

QString RobustnessMapView::cellsCsv() const {
    const auto& content = heatMap_->content();
    QString csv = QStringLiteral("# %1; metric: %2\n").arg(content.title, QString::fromLatin1(metricName(metric_)));
    csv += QStringLiteral("%1,%2,mean,sd,runs,ids\n")
               .arg(csvField(content.xTitle), csvField(y_ >= 0 ? content.yTitle : QStringLiteral("row")));
    for (int r = 0; r < rows(); ++r) {
        for (int c = 0; c < columns(); ++c) {
            const RobustnessCell& cell = content.cells[static_cast<std::size_t>(r * columns() + c)];
            QStringList ids;
            for (int k : cell.runs) ids << QString::fromStdString(map_.runs[static_cast<std::size_t>(k)].id);
            auto number = [](double v) {
                return std::isfinite(v) ? QString::number(v, 'g', QLocale::FloatingPointShortest)
                                        : QStringLiteral("nan");
            };
            csv += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                       .arg(csvField(content.xValues[c]), csvField(content.yValues[r]), number(cell.mean),
                            number(cell.deviation))
                       .arg(cell.count)
                       .arg(ids.join(QLatin1Char(' ')));
        }
    }
    return csv;
}

bool RobustnessMapView::savePng(const QString& path, QString* error) const {
    const QSize size = heatMap_->size() * 2;
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.scale(2.0, 2.0);
        heatMap_->render(painter, heatMap_->size());
    }
    QByteArray png;
    QBuffer buffer(&png);
    if (!buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG")) {
        if (error) *error = QStringLiteral("%1: %2").arg(path, tr("the image could not be encoded as PNG"));
        return false;
    }
    return writeAtomically(path, png, error);
}

bool RobustnessMapView::saveSvg(const QString& path, QString* error) const {
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(heatMap_->size());
        svg.setViewBox(QRect(QPoint(0, 0), heatMap_->size()));
        svg.setTitle(heatMap_->content().title);
        QPainter painter(&svg);
        heatMap_->render(painter, heatMap_->size());
    }
    return writeAtomically(path, bytes, error);
}

bool RobustnessMapView::saveCsv(const QString& path, QString* error) const {
    return writeAtomically(path, cellsCsv().toUtf8(), error);
}

void RobustnessMapView::chooseExport() {
    if (!hasMap()) return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the robustness map"), QStringLiteral("robustness-map.png"),
                                     tr("PNG image (*.png);;SVG image (*.svg);;CSV table (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool ok = suffix == QLatin1String("svg")   ? saveSvg(path, &error)
                    : suffix == QLatin1String("csv") ? saveCsv(path, &error)
                                                     : savePng(path, &error);
    if (!ok) QMessageBox::warning(this, tr("Cannot export the map"), error);
}

// ---------------------------------------------------------------------------------------------------------------

RobustnessHeatMap::RobustnessHeatMap(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setMinimumSize(320, 240);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void RobustnessHeatMap::setContent(Content content) {
    content_ = std::move(content);
    lo_ = std::numeric_limits<double>::infinity();
    hi_ = -std::numeric_limits<double>::infinity();
    for (const RobustnessCell& cell : content_.cells) {
        if (cell.count == 0 || !std::isfinite(cell.mean)) continue;
        lo_ = std::min(lo_, cell.mean);
        hi_ = std::max(hi_, cell.mean);
    }
    if (!std::isfinite(lo_)) lo_ = 0.0, hi_ = 1.0;
    if (hi_ - lo_ < 1e-9) lo_ -= 0.005, hi_ += 0.005;  // one value: the middle of the scale
    update();
}

QColor RobustnessHeatMap::colourOf(double value) const { return viridisColour((value - lo_) / (hi_ - lo_)); }

QString RobustnessHeatMap::valueText(double v) const {
    if (!std::isfinite(v)) return QStringLiteral("–");
    return content_.percent ? QString::number(100.0 * v, 'f', 1) : QString::number(v, 'f', 3);
}

QRectF RobustnessHeatMap::plotArea(const QSizeF& size) const {
    const QFontMetricsF m(font());
    const double line = m.height();
    double yLabels = 0;
    for (const QString& v : content_.yValues) yLabels = std::max(yLabels, m.horizontalAdvance(v));
    const double left = (content_.yTitle.isEmpty() ? 0.5 * line : 1.6 * line) + yLabels + 8;
    const double bar = m.horizontalAdvance(QStringLiteral("100.0")) + 1.6 * line + 28;  // the colour bar and its labels
    const double top = 1.6 * line, bottom = 2.6 * line;
    return QRectF(left, top, std::max(10.0, size.width() - left - bar), std::max(10.0, size.height() - top - bottom));
}

QRectF RobustnessHeatMap::cellRect(int row, int column) const {
    const QRectF area = plotArea(size());
    const int columns = std::max<int>(1, static_cast<int>(content_.xValues.size()));
    const int rows = std::max<int>(1, static_cast<int>(content_.yValues.size()));
    const double w = area.width() / columns, h = area.height() / rows;
    // The first value of the axis down is at the bottom, as on a chart's y axis.
    return QRectF(area.left() + column * w, area.bottom() - (row + 1) * h, w, h);
}

std::pair<int, int> RobustnessHeatMap::cellAt(const QPointF& position) const {
    for (int r = 0; r < content_.yValues.size(); ++r)
        for (int c = 0; c < content_.xValues.size(); ++c)
            if (cellRect(r, c).contains(position)) return {r, c};
    return {-1, -1};
}

void RobustnessHeatMap::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    render(painter, size());
}

void RobustnessHeatMap::render(QPainter& painter, const QSizeF& size) const {
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setFont(font());
    const QColor text = palette().text().color();
    if (content_.cells.empty()) {
        painter.setPen(text);
        painter.drawText(
            QRectF(QPointF(0, 0), size), Qt::AlignCenter | Qt::TextWordWrap,
            tr("No robustness map open.\nRun a sweep (mtj-explorer sweep run, scripts/sweep-parallel.sh or "
               "scripts/sweep-slurm.sh),\nmerge it (mtj-explorer sweep merge DIR --out MAP.json) and open "
               "the map: File > Open robustness map (Ctrl+M)."));
        return;
    }
    const QFontMetricsF m(font());
    const double line = m.height();
    const QRectF area = plotArea(size);
    const int columns = static_cast<int>(content_.xValues.size());
    const int rows = static_cast<int>(content_.yValues.size());
    // The title, elided to the width.
    painter.setPen(text);
    painter.drawText(QRectF(0, 0, size.width(), 1.4 * line), Qt::AlignCenter,
                     m.elidedText(content_.title, Qt::ElideRight, size.width() - 8));
    // The cells, each with its mean, spread and run count in a colour that reads on it.
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c) {
            const RobustnessCell& cell = content_.cells[static_cast<std::size_t>(r * columns + c)];
            const double w = area.width() / columns, h = area.height() / rows;
            const QRectF cellBox(area.left() + c * w, area.bottom() - (r + 1) * h, w, h);
            const QColor fill = cell.count > 0 ? colourOf(cell.mean) : palette().window().color();
            painter.fillRect(cellBox, fill);
            painter.setPen(QPen(palette().base().color(), 1.0));
            painter.drawRect(cellBox);
            // Black on light cells, white on dark ones, by the cell's luminance (what the eye reads as light).
            const double luminance = 0.299 * fill.redF() + 0.587 * fill.greenF() + 0.114 * fill.blueF();
            const QColor ink = luminance > 0.5 ? Qt::black : Qt::white;
            painter.setPen(cell.count > 0 ? ink : text);
            QStringList lines;
            if (cell.count > 0) {
                lines << valueText(cell.mean) + (content_.percent ? QStringLiteral(" %") : QString());
                if (h > 2.2 * line) lines << QStringLiteral("± %1").arg(valueText(cell.deviation));
                if (h > 3.2 * line) lines << tr("n = %1").arg(cell.count);
            } else {
                lines << QStringLiteral("–");
            }
            painter.drawText(cellBox, Qt::AlignCenter, lines.join(QLatin1Char('\n')));
        }
    }
    // The axes: values under the columns and beside the rows, and the keys.
    painter.setPen(text);
    for (int c = 0; c < columns; ++c) {
        const double w = area.width() / columns;
        painter.drawText(QRectF(area.left() + c * w, area.bottom() + 2, w, line), Qt::AlignCenter,
                         m.elidedText(content_.xValues[c], Qt::ElideRight, w - 2));
    }
    painter.drawText(QRectF(area.left(), area.bottom() + 1.2 * line, area.width(), line), Qt::AlignCenter,
                     content_.xTitle);
    for (int r = 0; r < rows; ++r) {
        const double h = area.height() / rows;
        painter.drawText(QRectF(0, area.bottom() - (r + 1) * h, area.left() - 6, h), Qt::AlignRight | Qt::AlignVCenter,
                         content_.yValues[r]);
    }
    if (!content_.yTitle.isEmpty()) {
        painter.save();
        painter.translate(0.7 * line, area.center().y());
        painter.rotate(-90);
        painter.drawText(QRectF(-area.height() / 2, -0.5 * line, area.height(), line), Qt::AlignCenter,
                         m.elidedText(content_.yTitle, Qt::ElideRight, area.height()));
        painter.restore();
    }
    // The colour bar: the scale from the lowest to the highest mean shown.
    const QRectF barRect(area.right() + 12, area.top(), 14, area.height());
    for (int i = 0; i < 64; ++i) {
        const double f0 = i / 64.0, f1 = (i + 1) / 64.0;
        painter.fillRect(QRectF(barRect.left(), barRect.bottom() - f1 * barRect.height(), barRect.width(),
                                (f1 - f0) * barRect.height() + 0.5),
                         viridisColour(0.5 * (f0 + f1)));
    }
    painter.setPen(text);
    painter.drawRect(barRect);
    painter.drawText(QRectF(barRect.right() + 4, barRect.top() - 0.5 * line, 200, line),
                     Qt::AlignLeft | Qt::AlignVCenter, valueText(hi_));
    painter.drawText(QRectF(barRect.right() + 4, barRect.bottom() - 0.5 * line, 200, line),
                     Qt::AlignLeft | Qt::AlignVCenter, valueText(lo_));
    painter.save();
    painter.translate(size.width() - 0.6 * line, area.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-area.height() / 2, -0.5 * line, area.height(), line), Qt::AlignCenter,
                     m.elidedText(content_.metricTitle, Qt::ElideRight, area.height()));
    painter.restore();
}

void RobustnessHeatMap::mouseMoveEvent(QMouseEvent* event) {
    const auto [row, column] = cellAt(event->position());
    emit hovered(row, column);
}

void RobustnessHeatMap::leaveEvent(QEvent*) { emit hovered(-1, -1); }

}  // namespace mtj::ui
