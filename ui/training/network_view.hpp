// SPDX-License-Identifier: GPL-3.0-or-later
// NetworkView: the network as columns of neurons with their device curves and weighted links. One widget of the training view (ui/training_charts.hpp lists them); GUI thread only.
#pragma once

#include <QImage>
#include <QThread>
#include <QWidget>

#include "network_picture.hpp"

#include "training_messages.hpp"

namespace mtj::ui {

class NetworkView : public QWidget {
    Q_OBJECT
public:
    /// The caption over column c: inputs, each hidden layer, outputs, with how many neurons are drawn of how many.
    [[nodiscard]] QString columnCaption(int column) const;
    explicit NetworkView(QWidget* parent = nullptr);
    ~NetworkView() override;
    void setSetup(const TrainingSetup& setup);
    void setState(const std::vector<Eigen::MatrixXf>& weights, const std::vector<std::vector<float>>& inputs);
    /// True when the picture on screen shows the latest state at the current size (nothing left to draw).
    [[nodiscard]] bool pictureCurrent() const;
    /// The tooltip over a neuron: its layer and index, where its inputs fell in the last batch (empty elsewhere).
    [[nodiscard]] QString toolTipAt(const QPointF& position) const;

signals:
    void neuronClicked(int layer, int neuron);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    /// (column, row) of the neuron under `position`, or (-1, -1).
    [[nodiscard]] std::pair<int, int> neuronAt(const QPointF& position) const;
    void requestPicture();
    void sendPicture();
    void showPicture(quint64 id, const QImage& image);

    TrainingSetup setup_;
    std::vector<Eigen::MatrixXf> weights_;
    std::vector<std::vector<float>> inputs_;
    QThread* drawingThread_;
    NetworkPainter* painter_;
    quint64 requested_ = 0;  ///< id of the newest state
    quint64 sent_ = 0;       ///< id of the picture being drawn (requests made meanwhile wait for it: latest wins)
    quint64 shown_ = 0;      ///< id of the picture on screen
    QImage picture_;
};

}  // namespace mtj::ui
