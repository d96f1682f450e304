// SPDX-License-Identifier: GPL-3.0-or-later
// RobustnessMapView: the third view of the main window. A merged sweep (mtj-explorer sweep merge) as a heat map:
// pick the axis across (columns), the axis down (rows), the metric (held-out accuracy, the deployment drop, ...),
// and a value for every other axis (the gradient source, the training mode); each cell shows the mean over its
// runs (the seeds) and their spread, and hovering it lists the runs behind it. Export as PNG, SVG or CSV.
// The view draws what it is given (setMap); the application opens the file. GUI thread only.
#pragma once

#include <QWidget>
#include <vector>

#include "network/robustness_map.hpp"

class QComboBox;
class QLabel;
class QPushButton;
class QHBoxLayout;

namespace mtj::ui {

class RobustnessHeatMap;

class RobustnessMapView : public QWidget {
    Q_OBJECT
public:
    explicit RobustnessMapView(QWidget* parent = nullptr);

    /// Shows a map (`source`: where it came from, for the title); picks the first two axes with more than one value
    /// and the first value of the others.
    void setMap(const RobustnessMap& map, const QString& source);
    [[nodiscard]] const RobustnessMap& map() const { return map_; }
    [[nodiscard]] bool hasMap() const { return !map_.runs.empty(); }

    /// Chooses the axes (indices into map().axes; y -1 for one row), a held axis's value and the metric.
    void showAxes(int x, int y);
    void holdAxis(int axis, int valueIndex);
    void showMetric(RobustnessMetric metric);

    [[nodiscard]] const std::vector<RobustnessCell>& cells() const;
    [[nodiscard]] int columns() const;
    [[nodiscard]] int rows() const;
    /// The text of the cell under `position` (heat map coordinates) as the hover shows it; empty outside a cell.
    [[nodiscard]] QString cellDetails(int row, int column) const;
    [[nodiscard]] RobustnessHeatMap* heatMap() const { return heatMap_; }
    [[nodiscard]] QLabel* detailsLabel() const { return details_; }

    /// Exports: the heat map as a PNG (twice its size), an SVG, or the cells as CSV. False with `error` set on
    /// failure (the path and the reason); an existing file stays as it was.
    bool savePng(const QString& path, QString* error = nullptr) const;
    bool saveSvg(const QString& path, QString* error = nullptr) const;
    bool saveCsv(const QString& path, QString* error = nullptr) const;
    [[nodiscard]] QString cellsCsv() const;

signals:
    /// File > Open robustness map, or the view's Open button, chose a file.
    void openMapRequested(const QString& path);

private:
    void rebuildHeldAxes();
    void recompute();
    void chooseExport();

    RobustnessMap map_;
    QString source_;
    int x_ = 0, y_ = -1;
    std::vector<int> held_;
    RobustnessMetric metric_ = RobustnessMetric::HeldOut;
    QComboBox *xAxis_, *yAxis_, *metricBox_;
    QHBoxLayout* heldLayout_;
    std::vector<QWidget*> heldWidgets_;
    QPushButton *open_, *export_;
    RobustnessHeatMap* heatMap_;
    QLabel* details_;
    bool updating_ = false;
};

/// The heat map itself: cells coloured by their mean on one colour scale, with the mean, the spread and the number
/// of runs written in each, the axes' keys and values around it and a colour bar. Hover shows a cell's runs.
class RobustnessHeatMap : public QWidget {
    Q_OBJECT
public:
    explicit RobustnessHeatMap(QWidget* parent = nullptr);
    struct Content {
        QString title, xTitle, yTitle, metricTitle;
        QStringList xValues, yValues;
        std::vector<RobustnessCell> cells;
        bool percent = true;  // accuracies as %, a cosine as a number
    };
    void setContent(Content content);
    [[nodiscard]] const Content& content() const { return content_; }
    /// The cell rectangle of (row, column), and the cell at a point (-1, -1 outside).
    [[nodiscard]] QRectF cellRect(int row, int column) const;
    [[nodiscard]] std::pair<int, int> cellAt(const QPointF& position) const;
    /// Paints the map on any device (the widget, an image, an SVG) of size `size`.
    void render(QPainter& painter, const QSizeF& size) const;
    /// The colour of a value on the map's scale.
    [[nodiscard]] QColor colourOf(double value) const;
    [[nodiscard]] std::pair<double, double> scale() const { return {lo_, hi_}; }

signals:
    void hovered(int row, int column);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    [[nodiscard]] QRectF plotArea(const QSizeF& size) const;
    [[nodiscard]] QString valueText(double v) const;
    Content content_;
    double lo_ = 0, hi_ = 1;
};

}  // namespace mtj::ui
