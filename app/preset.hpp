// SPDX-License-Identifier: GPL-3.0-or-later
// Preset files (docs/formats.md): JSON with the sections device, drive, readout, derivative, variability, network and
// training. Every key is optional (a missing key keeps the default of docs/physics.md); an unknown key, a wrong type, a
// non-finite number or a value out of its physical range is an error naming the file, the key and the reason.
// `--set KEY=VALUE` overrides one key by its dotted path after the file is read.
// Written back with a stable key order (the order of the schema), so presets diff cleanly.
// Main thread or the engine worker; plain values.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <string>

#include "common/status.hpp"
#include "device/neuron_settings.hpp"
#include "device/variability.hpp"
#include "network/training_settings.hpp"

namespace mtj::app {

inline constexpr const char* presetSchema = "mtj-explorer/preset-1";

struct Preset {
    std::string name = "Untitled";
    std::string description;
    NeuronSettings neuron;
    VariabilitySettings variability;
    NetworkSettings network;
    TrainingSettings training;
};

/// Reads and validates `path`, then applies `overrides` ("section.key=value"). On error `preset` is unchanged and
/// the message starts with the file name (or "--set" for an override).
Status loadPreset(const QString& path, const QStringList& overrides, Preset& preset);

/// Parses preset JSON text (the body of loadPreset); `origin` names the source in messages.
Status parsePreset(const QByteArray& json, const QString& origin, const QStringList& overrides, Preset& preset);

/// The preset as JSON with every key, in schema order.
QByteArray presetToJson(const Preset& preset);

/// Every dotted key the schema knows (for help texts and tests).
QStringList presetKeys();

}  // namespace mtj::app
