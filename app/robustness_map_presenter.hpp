// SPDX-License-Identifier: GPL-3.0-or-later
// RobustnessMapPresenter: the robustness-map view's presenter. It opens a merged sweep (app/sweep.hpp,
// loadRobustnessMap) when the view or File > Open robustness map asks, shows it in the view, and reports a file it
// cannot read without losing the map on screen. GUI thread.
#pragma once

#include <QObject>
#include <QString>

#include "common/status.hpp"

namespace mtj::ui {
class RobustnessMapView;
}

namespace mtj::app {

class RobustnessMapPresenter : public QObject {
    Q_OBJECT
public:
    explicit RobustnessMapPresenter(ui::RobustnessMapView* view, QObject* parent = nullptr);

    /// Reads the map and shows it; on error the view keeps what it shows and the status says why.
    Status open(const QString& path);

private:
    ui::RobustnessMapView* view_;
};

}  // namespace mtj::app
