// SPDX-License-Identifier: GPL-3.0-or-later
// What the program writes for the user: files saved atomically (a temporary file renamed into place, so an
// interrupted write never leaves half a file), activation curves as docs/formats.md's CSV, and training results as the
// `train` JSON. Shared by the command line and the window's File menu. Any thread; plain values.
#pragma once

#include <QByteArray>
#include <QString>
#include <vector>

#include "common/status.hpp"
#include "device/activation_curve.hpp"
#include "network/experiment.hpp"
#include "preset.hpp"

namespace mtj::app {

/// Writes `bytes` to `path` through the durable writer (engine/common/durable_file.hpp: a temporary beside it, every
/// write checked, fsync, the size on disk compared, then the rename); through a symbolic link, to the file it points
/// at. The error names the file and the reason, and the previous file stays byte for byte.
Status writeFileAtomically(const QString& path, const QByteArray& bytes);
/// Writes `bytes` to standard output, every write checked, and a redirection to a file synced and its length checked;
/// an error (a closed pipe, a full device, a file-size limit) is returned.
Status writeStandardOutput(const QByteArray& bytes);

/// docs/formats.md's curve CSV: x,y,dydx_fd,dydx_ref,state (and branch, up then down, for a hysteresis sweep), then
/// y_stderr and dydx_fd_stderr, and y_sampled for a model whose y is a mean (ActivationCurve::readingsSampled).
QByteArray curveToCsv(const ActivationCurve& curve);

/// The results of a run in the window as JSON: for one gradient source exactly `mtj-explorer train`'s JSON, for a
/// comparison {"runs": [one such object per source]}. `preset` gives the name and the settings; each run's gradient
/// source is `sources[i]`.
QByteArray trainingResultsToJson(const Preset& preset, const std::vector<GradientSource>& sources,
                                 const std::vector<ExperimentResult>& results);

}  // namespace mtj::app
