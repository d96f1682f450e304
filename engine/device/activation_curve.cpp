// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/activation_curve.hpp"

#include <algorithm>
#include <cmath>

#include "physics/resistance.hpp"

namespace mtj {

BridgeOutput bridgeOutput(const NeuronModel& neuron, double cosine, double currentAmpere) {
    const double v = solveJunctionVoltage(neuron.device, cosine, currentAmpere).voltageVolts;
    const JunctionVoltageSlopes slopes = junctionVoltageSlopes(neuron.device, cosine, v);
    return {neuron.gainPerVolt * (v - currentAmpere * neuron.referenceOhm) - neuron.outputOffset,
            neuron.gainPerVolt * (slopes.perAmpere - neuron.referenceOhm), neuron.gainPerVolt * slopes.perCosine};
}

double FiniteDifferenceStencil::noiseGain() const {
    double sum = 0.0;
    for (double w : weights) sum += w * w;
    return std::sqrt(sum);
}

FiniteDifferenceStencil finiteDifferenceStencil(DerivativeScheme scheme, double step) {
    FiniteDifferenceStencil s;
    switch (scheme) {
        case DerivativeScheme::Forward:
            s.offsets = {step, 0.0};
            s.weights = {1.0 / step, -1.0 / step};
            break;
        case DerivativeScheme::LockIn:
            for (int k = 0; k < lockInSamples; ++k) {
                const double phase = 2.0 * 3.14159265358979323846 * k / lockInSamples;
                s.offsets.push_back(step * std::sin(phase));
                s.weights.push_back(2.0 * std::sin(phase) / (lockInSamples * step));
            }
            break;
        case DerivativeScheme::Central:
        default:
            s.offsets = {step, -step};
            s.weights = {0.5 / step, -0.5 / step};
            break;
    }
    return s;
}

std::vector<double> evenlySpacedInputs(double lo, double hi, int count) {
    std::vector<double> xs(std::max(count, 2));
    const double span = hi - lo;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        xs[i] = lo + span * static_cast<double>(i) / static_cast<double>(xs.size() - 1);
    }
    return xs;
}

}  // namespace mtj
