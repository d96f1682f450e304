// SPDX-License-Identifier: GPL-3.0-or-later
#include "robustness_map_presenter.hpp"

#include <QFileInfo>

#include "robustness_map_view.hpp"
#include "sweep.hpp"

namespace mtj::app {

RobustnessMapPresenter::RobustnessMapPresenter(ui::RobustnessMapView* view, QObject* parent)
    : QObject(parent), view_(view) {}

Status RobustnessMapPresenter::open(const QString& path) {
    RobustnessMap map;
    if (Status status = loadRobustnessMap(path, map); !status) return status;
    view_->setMap(map, QFileInfo(path).absoluteFilePath());
    return Status::ok();
}

}  // namespace mtj::app
