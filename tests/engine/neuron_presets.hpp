// SPDX-License-Identifier: GPL-3.0-or-later
// The settings of presets/default.json, current-input.json, spin-diode.json, hysteresis.json and
// spin-torque-oscillator.json, spelled out in
// C++ for the engine tests (which run without Qt and so without the JSON loader). tests/app/test_preset.cpp checks
// that the files load to these same values. Every other preset reads with a 10 ns ramp (the default).
#pragma once

#include "device/neuron_settings.hpp"

namespace mtj::testing {

inline NeuronSettings defaultNeuron() {
    NeuronSettings s;
    s.device.referenceAxis = {0, 1, 0};
    s.device.temperatureKelvin = 0;
    s.drive.input = InputChannel::Field;
    s.drive.inputScale = 20;
    s.drive.inputAxis = {0, -1, 0};
    s.drive.biasCurrentMicroampere = 100;
    s.drive.fieldMilliTesla = 5;
    s.drive.fieldThetaDegrees = 90;
    s.drive.fieldPhiDegrees = 0;
    s.drive.inputMinimum = -2;
    s.drive.inputMaximum = 2;
    s.readout.gainPerVolt = 20;
    return s;
}

inline NeuronSettings currentInputNeuron() {
    NeuronSettings s;
    s.device.referenceAxis = {1, 0, 0};
    s.device.temperatureKelvin = 0;
    s.drive.input = InputChannel::Current;
    s.drive.inputScale = 300;
    s.drive.biasCurrentMicroampere = 0;
    s.drive.fieldMilliTesla = 8;
    s.drive.fieldThetaDegrees = 90;
    s.drive.fieldPhiDegrees = 90;
    s.drive.inputMinimum = -1.2;
    s.drive.inputMaximum = 2;
    s.readout.referenceAuto = false;
    s.readout.referenceOhm = 723.4;
    s.readout.gainPerVolt = 40;
    return s;
}

inline NeuronSettings spinDiodeNeuron() {
    NeuronSettings s;
    s.device.referenceAxis = {0, 1, 0};
    s.device.fieldLikeRatio = 0.0;
    s.device.temperatureKelvin = 0;
    s.drive.input = InputChannel::Radiofrequency;
    s.drive.inputScale = 50;
    s.drive.biasCurrentMicroampere = 0;
    s.drive.fieldMilliTesla = 0;
    s.drive.rfFrequencyGigahertz = 2.5223;
    s.drive.inputMinimum = 0;
    s.drive.inputMaximum = 2;
    s.readout.gainPerVolt = -100;
    s.readout.settleNanoseconds = 8;
    s.readout.averageNanoseconds = 4;
    s.readout.inputRiseNanoseconds = 0;  // the rf source is switched on: a step
    return s;
}

inline NeuronSettings hysteresisNeuron() {
    NeuronSettings s;
    s.device.referenceAxis = {1, 0, 0};
    s.device.temperatureKelvin = 0;
    s.drive.input = InputChannel::Field;
    s.drive.inputScale = 20;
    s.drive.inputAxis = {1, 0.0875, 0};
    s.drive.biasCurrentMicroampere = 100;
    s.drive.fieldMilliTesla = 0;
    s.drive.inputMinimum = -1;
    s.drive.inputMaximum = 1;
    s.readout.gainPerVolt = 20;
    s.readout.reset = ResetState::Previous;
    return s;
}

/// presets/spin-torque-oscillator.json: a DC current against a field that holds the antiparallel state, at 300 K.
inline NeuronSettings spinTorqueOscillatorNeuron() {
    NeuronSettings s;
    s.device.referenceAxis = {1, 0, 0};
    s.device.temperatureKelvin = 300;
    s.drive.input = InputChannel::Current;
    s.drive.inputScale = 300;
    s.drive.biasCurrentMicroampere = 0;
    s.drive.fieldMilliTesla = 20;
    s.drive.fieldThetaDegrees = 90;
    s.drive.fieldPhiDegrees = 180;
    s.drive.inputMinimum = -1;
    s.drive.inputMaximum = 3;
    s.readout.gainPerVolt = 10;
    s.readout.reset = ResetState::EasyMinus;
    return s;
}

}  // namespace mtj::testing
