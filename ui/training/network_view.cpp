// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/network_view.hpp"

#include "training/chart_support.hpp"
#include "thread_handoff.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace mtj::ui {

NetworkView::NetworkView(QWidget* parent)
    : QWidget(parent), drawingThread_(new QThread(this)), painter_(new NetworkPainter) {
    setMinimumSize(280, 200);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    setAttribute(Qt::WA_OpaquePaintEvent);  // paints every pixel: the tab page behind it need not be drawn first
    setToolTip(
        tr("Layers as columns (up to 12 neurons each). Hidden neurons show their own device curve and a "
           "histogram of where the last batch's inputs fall on it; links are blue for positive and red for "
           "negative weights, thicker for larger ones. Click a neuron to open its device in the device explorer."));
    drawingThread_->setObjectName(QStringLiteral("network picture"));
    painter_->moveToThread(drawingThread_);
    deleteWhenThreadFinishes(painter_, drawingThread_);
    connect(painter_, &NetworkPainter::drawn, this, &NetworkView::showPicture);
    drawingThread_->start();
}

NetworkView::~NetworkView() {
    drawingThread_->quit();
    drawingThread_->wait();
    passThreadHandoffFence();  // the painter was deleted on its thread: deleteWhenThreadFinishes
}

void NetworkView::setSetup(const TrainingSetup& setup) {
    setup_ = setup;
    weights_.clear();
    inputs_.clear();
    requestPicture();
}

void NetworkView::setState(const std::vector<Eigen::MatrixXf>& weights, const std::vector<std::vector<float>>& inputs) {
    weights_ = weights;
    inputs_ = inputs;
    requestPicture();
}

bool NetworkView::pictureCurrent() const {
    return setup_.widths.empty() || (shown_ == requested_ && picture_.deviceIndependentSize().toSize() == size());
}

void NetworkView::resizeEvent(QResizeEvent*) { requestPicture(); }

void NetworkView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) requestPicture();  // the picture's background is the palette's
}

void NetworkView::requestPicture() {
    ++requested_;
    if (sent_ == shown_) sendPicture();  // else the picture under way is followed by the newest state when it lands
    update();
}

void NetworkView::sendPicture() {
    if (setup_.widths.empty()) {
        shown_ = sent_ = requested_;
        return;
    }
    NetworkPictureInput input{
        setup_, weights_, inputs_, size(), devicePixelRatioF(), palette().base().color(), QColor(90, 90, 90)};
    sent_ = requested_;
    invokeAcrossThreads(painter_,
                        [painter = painter_, id = sent_, input = std::move(input)] { painter->draw(id, input); });
}

void NetworkView::showPicture(quint64 id, const QImage& image) {
    passThreadHandoffFence();  // from the painter thread: ui/thread_handoff.hpp
    shown_ = id;
    picture_ = image;
    if (sent_ < requested_) sendPicture();
    update();
}

void NetworkView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (setup_.widths.empty()) {
        painter.fillRect(rect(), palette().base());
        painter.drawText(rect(), Qt::AlignCenter, tr("Start a run to see the network"));
        return;
    }
    if (picture_.isNull()) {
        painter.fillRect(rect(), palette().base());
    } else {
        // Until the picture at a new size lands, the last one is stretched to fit.
        painter.drawImage(QRectF(rect()), picture_);
    }
    const int columns = static_cast<int>(setup_.widths.size());
    const double cellWidth = width() / static_cast<double>(columns);
    painter.setPen(palette().text().color());
    for (int c = 0; c < columns; ++c) {
        const int neurons = setup_.widths[static_cast<std::size_t>(c)];
        const QString caption = columnCaption(c);
        painter.drawText(QRectF(cellWidth * c, 0, cellWidth, 18), Qt::AlignCenter, caption);
        const int rows = std::min(neurons, kNetworkNeuronsShown);
        if (setup_.deviceCurves.empty() && c > 0 && c + 1 < columns && rows > 0) {  // tanh neurons have no device curve
            // "tanh" in a font small enough for the box (the whole word, never a cut one).
            const QRectF box = networkNeuronRect(size(), columns, c, 0, rows);
            QFont small = painter.font();
            small.setPixelSize(std::max(5, static_cast<int>(QFontMetricsF(font()).height())));
            while (small.pixelSize() > 5 &&
                   QFontMetricsF(small).horizontalAdvance(QStringLiteral("tanh")) > box.width() * 0.9) {
                small.setPixelSize(small.pixelSize() - 1);
            }
            painter.save();
            painter.setFont(small);
            for (int r = 0; r < rows; ++r)
                painter.drawText(networkNeuronRect(size(), columns, c, r, rows), Qt::AlignCenter,
                                 QStringLiteral("tanh"));
            painter.restore();
        }
    }
}

QString NetworkView::columnCaption(int c) const {
    const int columns = static_cast<int>(setup_.widths.size());
    if (c < 0 || c >= columns) return {};
    const int neurons = setup_.widths[static_cast<std::size_t>(c)];
    // A layer wider than kNetworkNeuronsShown says how many of its neurons are drawn.
    const int drawn = std::min(neurons, kNetworkNeuronsShown);
    const QString count = drawn < neurons ? tr("%1 of %2").arg(drawn).arg(neurons) : QString::number(neurons);
    return c == 0             ? tr("inputs: %1").arg(count)
           : c + 1 == columns ? tr("outputs: %1").arg(count)
                              : tr("layer %1: %2").arg(c).arg(count);
}

std::pair<int, int> NetworkView::neuronAt(const QPointF& position) const {
    const int columns = static_cast<int>(setup_.widths.size());
    for (int c = 0; c < columns; ++c) {
        const int rows = std::min(setup_.widths[static_cast<std::size_t>(c)], kNetworkNeuronsShown);
        for (int r = 0; r < rows; ++r)
            if (networkNeuronRect(size(), columns, c, r, rows).contains(position)) return {c, r};
    }
    return {-1, -1};
}

void NetworkView::mousePressEvent(QMouseEvent* event) {
    const auto [column, row] = neuronAt(event->position());
    if (column > 0 && column + 1 < static_cast<int>(setup_.widths.size())) emit neuronClicked(column - 1, row);
}

QString NetworkView::toolTipAt(const QPointF& position) const {
    const auto [column, row] = neuronAt(position);
    const int columns = static_cast<int>(setup_.widths.size());
    if (column < 0) return {};
    if (column == 0) return tr("input %1").arg(row + 1);
    if (column + 1 == columns)
        return tr("output %1%2")
            .arg(row + 1)
            .arg(static_cast<std::size_t>(row) < setup_.classNames.size()
                     ? QStringLiteral(": ") + QString::fromStdString(setup_.classNames[static_cast<std::size_t>(row)])
                     : QString());
    QString text = tr("layer %1, neuron %2").arg(column).arg(row + 1);
    // The hidden neurons shown, layer after layer, index the last batch's inputs.
    std::size_t index = static_cast<std::size_t>(row);
    for (int c = 1; c < column; ++c)
        index += static_cast<std::size_t>(std::min(setup_.widths[static_cast<std::size_t>(c)], kNetworkNeuronsShown));
    if (index < inputs_.size() && !inputs_[index].empty()) {
        const auto& x = inputs_[index];
        const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
        double mean = 0.0;
        for (float v : x) mean += v;
        mean /= static_cast<double>(x.size());
        text += tr("\ninputs x of the last batch: %1 to %2, mean %3 (device range %4 to %5)")
                    .arg(*lo, 0, 'f', 2)
                    .arg(*hi, 0, 'f', 2)
                    .arg(mean, 0, 'f', 2)
                    .arg(setup_.xMin, 0, 'g', 3)
                    .arg(setup_.xMax, 0, 'g', 3);
    }
    if (!setup_.deviceCurves.empty()) text += tr("\nclick: open this neuron's device in the device explorer");
    return text;
}

bool NetworkView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip)
        return showToolTipFor(this, event, [this](const QPointF& p) { return toolTipAt(p); });
    return QWidget::event(event);
}

}  // namespace mtj::ui
