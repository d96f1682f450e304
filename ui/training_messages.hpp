// SPDX-License-Identifier: GPL-3.0-or-later
// The training run's messages (engine/network/run_record.hpp: Qt-free) registered with Qt's meta-type system, so
// that they cross from the training worker's thread to the run document in queued signals.
#pragma once

#include <QMetaType>

#include "network/run_record.hpp"

Q_DECLARE_METATYPE(mtj::TrainingRequest)
Q_DECLARE_METATYPE(mtj::TrainingSetup)
Q_DECLARE_METATYPE(mtj::TrainingSnapshot)
