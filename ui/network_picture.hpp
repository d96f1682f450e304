// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The training view's network picture (links, neuron boxes, input histograms, device curves), drawn into an image
// on a thread of its own.
//
// Why a thread: Qt's raster engine hands the spans of every long antialiased stroke to its painting thread pool and
// waits for them. A few hundred weight links came to thousands of such hand-offs per picture (17 ms median on the
// GUI thread while training kept the other core busy), enough to block the event loop. Drawn here, the GUI thread
// only copies the finished image.

#include <QColor>
#include <QImage>
#include <QObject>
#include <QRectF>
#include <QSize>

#include <Eigen/Core>
#include <vector>

#include "training_messages.hpp"

namespace mtj::ui {

/// Everything one picture needs, copied so the drawing thread shares nothing with the widget.
struct NetworkPictureInput {
    TrainingSetup setup;
    std::vector<Eigen::MatrixXf> weights;    // per layer (to x from)
    std::vector<std::vector<float>> inputs;  // per hidden neuron shown: the last batch's inputs x
    QSize size;                              // logical pixels
    qreal pixelRatio = 1.0;
    QColor background, frame;
};

/// Neurons shown per layer (the rest are summarised in the column caption): those a snapshot carries.
constexpr int kNetworkNeuronsShown = kSnapshotNeuronsPerLayer;

/// The box of neuron `row` (of `rows` shown) in layer column `column` of `columns`, in a picture of `size`.
QRectF networkNeuronRect(const QSizeF& size, int columns, int column, int row, int rows);

/// Draws the picture; pure, callable from any thread. Text (captions) is left to the widget.
QImage drawNetworkPicture(const NetworkPictureInput& input);

/// Lives on the drawing thread: draws each request and hands back the image with the request's id.
class NetworkPainter : public QObject {
    Q_OBJECT
public:
    void draw(quint64 id, const NetworkPictureInput& input);

signals:
    void drawn(quint64 id, QImage image);
};

}  // namespace mtj::ui
