// SPDX-License-Identifier: GPL-3.0-or-later
// How often the window redraws what the engine workers send: at most one frame every kFrameMilliseconds (about 30 a
// second), live to the eye and leaving the cores to the engine. The device explorer's chart throttle, the training
// worker's snapshots and the sphere's animation all use it.
#pragma once

namespace mtj::ui {

inline constexpr int kFrameMilliseconds = 33;

}  // namespace mtj::ui
