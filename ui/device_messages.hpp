// SPDX-License-Identifier: GPL-3.0-or-later
// The device explorer's messages (engine/device/explorer_messages.hpp: Qt-free) registered with Qt's meta-type
// system, so that they cross from the engine worker's thread to the view in queued signals.
#pragma once

#include <QMetaType>

#include "device/explorer_messages.hpp"

Q_DECLARE_METATYPE(mtj::DeviceRequest)
Q_DECLARE_METATYPE(mtj::CurveResult)
Q_DECLARE_METATYPE(mtj::StepAnalysisResult)
Q_DECLARE_METATYPE(mtj::FamilyResult)
Q_DECLARE_METATYPE(mtj::TrajectoryResult)
