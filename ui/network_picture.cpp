// SPDX-License-Identifier: GPL-3.0-or-later
#include "network_picture.hpp"

#include "chart_style.hpp"
#include "thread_handoff.hpp"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>

namespace mtj::ui {

QRectF networkNeuronRect(const QSizeF& size, int columns, int column, int row, int rows) {
    const double w = size.width(), h = size.height() - 20;  // the top 20 px hold the captions
    const double cellWidth = w / std::max(1, columns);
    const double side = std::min({cellWidth * 0.55, (h / std::max(1, rows)) * 0.8, 60.0});
    const double x = cellWidth * (column + 0.5) - side / 2;
    const double y = 20 + (h / std::max(1, rows)) * (row + 0.5) - side / 2;
    return QRectF(x, y, side, side);
}

namespace {

int shown(int width) { return std::min(width, kNetworkNeuronsShown); }

/// Links, under the neurons. Each link falls in one of kLevels magnitude levels per sign, and each level is drawn with
/// one pen in one drawLines call (Qt strokes 16 lines per call) rather than a stroke per link.
void drawLinks(QPainter& painter, const NetworkPictureInput& in) {
    constexpr int kLevels = 8;
    const int columns = static_cast<int>(in.setup.widths.size());
    std::array<std::vector<QLineF>, 2 * kLevels> links;
    for (int l = 0; l + 1 < columns && l < static_cast<int>(in.weights.size()); ++l) {
        const Eigen::MatrixXf& w = in.weights[static_cast<std::size_t>(l)];
        const int from = std::min<int>(shown(in.setup.widths[static_cast<std::size_t>(l)]), static_cast<int>(w.cols()));
        const int to =
            std::min<int>(shown(in.setup.widths[static_cast<std::size_t>(l + 1)]), static_cast<int>(w.rows()));
        if (from <= 0 || to <= 0) continue;
        const float scale = std::max(1e-6f, w.topLeftCorner(to, from).cwiseAbs().maxCoeff());
        for (int j = 0; j < to; ++j) {
            for (int i = 0; i < from; ++i) {
                const float value = w(j, i) / scale;
                const int level = std::clamp(static_cast<int>(std::abs(value) * kLevels), 0, kLevels - 1);
                links[static_cast<std::size_t>((value >= 0 ? 0 : kLevels) + level)].emplace_back(
                    networkNeuronRect(in.size, columns, l, i, from).center(),
                    networkNeuronRect(in.size, columns, l + 1, j, to).center());
            }
        }
    }
    for (int bucket = 0; bucket < 2 * kLevels; ++bucket) {
        const auto& lines = links[static_cast<std::size_t>(bucket)];
        if (lines.empty()) continue;
        const double magnitude = (bucket % kLevels + 0.5) / kLevels;  // the level's centre, in (0, 1)
        QColor colour = bucket < kLevels ? QColor(0x29, 0x80, 0xb9) : QColor(0xc0, 0x39, 0x2b);
        colour.setAlphaF(std::min(1.0, 0.15 + 0.85 * magnitude));
        painter.setPen(chartPen(colour, 0.3 + 2.5 * magnitude));
        painter.drawLines(lines.data(), static_cast<int>(lines.size()));
    }
}

/// The histogram of a hidden neuron's inputs x over the device range, as orange bars in its box.
void drawHistogram(QPainter& painter, const QRectF& box, const std::vector<float>& inputs, double xMin, double xMax) {
    constexpr int kBins = 12;
    int counts[kBins] = {};
    for (float x : inputs) {
        const int b = static_cast<int>((x - xMin) / (xMax - xMin) * kBins);
        if (b >= 0 && b < kBins) ++counts[b];
    }
    const int peak = std::max(1, *std::max_element(counts, counts + kBins));
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xe6, 0x7e, 0x22, 110));
    const double bw = box.width() / kBins;
    for (int b = 0; b < kBins; ++b) {
        const double bh = box.height() * 0.9 * counts[b] / peak;
        painter.drawRect(QRectF(box.left() + b * bw, box.bottom() - bh, bw, bh));
    }
}

/// A neuron's device curve y(x), scaled to its box.
void drawDeviceCurve(QPainter& painter, const QRectF& box, const std::vector<double>& curve) {
    if (curve.size() < 2) return;
    const auto [lo, hi] = std::minmax_element(curve.begin(), curve.end());
    const double span = std::max(1e-9, *hi - *lo);
    QPainterPath path;
    for (std::size_t k = 0; k < curve.size(); ++k) {
        const QPointF p(box.left() + box.width() * static_cast<double>(k) / static_cast<double>(curve.size() - 1),
                        box.bottom() - 3 - (box.height() - 6) * (curve[k] - *lo) / span);
        if (k == 0)
            path.moveTo(p);
        else
            path.lineTo(p);
    }
    painter.setPen(chartPen(QColor(0x1f, 0x4e, 0x9c), 1.4));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(path);
}

}  // namespace

QImage drawNetworkPicture(const NetworkPictureInput& in) {
    QImage image(in.size * in.pixelRatio, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) return image;
    image.setDevicePixelRatio(in.pixelRatio);
    image.fill(in.background);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    drawLinks(painter, in);
    const int columns = static_cast<int>(in.setup.widths.size());
    std::size_t inputIndex = 0;
    for (int c = 0; c < columns; ++c) {
        const int rows = shown(in.setup.widths[static_cast<std::size_t>(c)]);
        const bool hidden = c > 0 && c + 1 < columns;
        for (int r = 0; r < rows; ++r) {
            const QRectF box = networkNeuronRect(in.size, columns, c, r, rows);
            painter.setPen(chartPen(in.frame, 1.0));
            painter.setBrush(in.background);
            if (!hidden) {
                painter.drawEllipse(box.center(), box.width() * 0.22, box.width() * 0.22);
                continue;
            }
            painter.drawRoundedRect(box, 3, 3);
            if (inputIndex < in.inputs.size())
                drawHistogram(painter, box, in.inputs[inputIndex], in.setup.xMin, in.setup.xMax);
            ++inputIndex;
            const auto layer = static_cast<std::size_t>(c - 1);
            if (layer < in.setup.deviceCurves.size() && r < static_cast<int>(in.setup.deviceCurves[layer].size()))
                drawDeviceCurve(painter, box, in.setup.deviceCurves[layer][static_cast<std::size_t>(r)]);
        }
    }
    return image;
}

void NetworkPainter::draw(quint64 id, const NetworkPictureInput& input) {
    QImage picture = drawNetworkPicture(input);
    std::lock_guard<std::mutex> fence(threadHandoffFence());  // the window passes it in showPicture
    emit drawn(id, picture);
}

}  // namespace mtj::ui
