// SPDX-License-Identifier: GPL-3.0-or-later
// From a preset to a training experiment and back to JSON: the glue between the preset files (Qt) and the engine's
// runExperiment (no Qt), shared by `mtj-explorer train`, `reproduce`, the benchmarks and the training view.
#pragma once

#include <QByteArray>

#include "network/experiment.hpp"
#include "preset.hpp"

namespace mtj::app {

/// The experiment a preset describes, with the data paths of this installation.
ExperimentSpec experimentFromPreset(const Preset& preset);

/// docs/formats.md's train JSON: final, folds, epochs, gradient_cosine, seconds (non-finite numbers as null).
QByteArray experimentToJson(const Preset& preset, const ExperimentResult& result);

}  // namespace mtj::app
