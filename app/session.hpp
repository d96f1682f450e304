// SPDX-License-Identifier: GPL-3.0-or-later
// Session files (docs/formats.md): a preset plus what a run produced, so that opening the file shows the training view as
// it was. JSON with the schema "mtj-explorer/session-1":
//   preset    the run's settings, as a preset file writes them
//   sources   the gradient sources of the run, in order (more than one: a comparison)
//   runs      per source: the view's setup (layer widths, class names, the shown neurons' device curves), the series
//             of every fold (epoch reports, per-batch losses and gradient cosines), the last views (derivative
//             scatter, network picture, confusion matrix, decision map as class and confidence cells), the progress, the result when
//             finished, and every trained weight and bias (float32, little-endian, base64) when paused or finished
//   devices   the sampled device of every hidden neuron, layer by layer (the preset's device keys)
// Written atomically. Reading validates everything and names the file, the key and the reason on error.
// GUI thread or any other; plain values.
#pragma once

#include <QByteArray>
#include <QString>
#include <vector>

#include "common/status.hpp"
#include "preset.hpp"
#include "network/run_record.hpp"

namespace mtj::app {

inline constexpr const char* sessionSchema = "mtj-explorer/session-1";

struct Session {
    Preset preset;
    std::vector<GradientSource> sources;
    std::vector<SourceRecord> runs;
};

/// The session as JSON (every sampled device included).
QByteArray sessionToJson(const Session& session);

/// Parses and validates session JSON; `origin` (the file) starts every message. On error `session` is unchanged.
Status parseSession(const QByteArray& json, const QString& origin, Session& session);

/// Reads and validates a session file.
Status loadSession(const QString& path, Session& session);

/// True when the file is JSON with the session schema (to tell a dropped session from a preset).
bool looksLikeSession(const QString& path);

}  // namespace mtj::app
