// SPDX-License-Identifier: GPL-3.0-or-later
#include "physics/derived_figures.hpp"

#include <cmath>
#include <limits>

#include "physics/resistance.hpp"
#include "physics/units.hpp"

namespace mtj {

double thermalStability(const JunctionCoefficients& model, double temperatureKelvin) {
    if (temperatureKelvin <= 0.0) {
        return std::numeric_limits<double>::infinity();
    }
    return units::mu0 * model.saturationMagnetization * model.anisotropyField * model.volumeCubicMeters /
           (2.0 * units::boltzmann * temperatureKelvin);
}

double kittelFrequencyHertz(const JunctionCoefficients& model, double field) {
    const double inPlane = field + model.anisotropyField;
    const double outOfPlane = inPlane + model.effectiveDemagField;
    const double product = inPlane * outOfPlane;
    if (product <= 0.0) {
        return 0.0;
    }
    return units::gamma0 / (2.0 * units::pi) * std::sqrt(product);
}

double criticalCurrentAmpere(const JunctionCoefficients& model) {
    const double eta = model.spinTorqueEfficiency(1.0);
    return (2.0 * units::electronCharge / units::reducedPlanck) *
           (model.damping * units::mu0 * model.saturationMagnetization * model.volumeCubicMeters / eta) *
           (model.anisotropyField + 0.5 * model.effectiveDemagField);
}

DerivedFigures derivedFigures(const JunctionCoefficients& model) {
    DerivedFigures figures;
    figures.parallelResistanceOhm = model.parallelResistanceOhm;
    figures.antiparallelResistanceOhm = antiparallelResistanceOhm(model);
    figures.tmrPercent = model.tmrZeroBias * 100.0;
    figures.thermalStability = thermalStability(model, model.temperatureKelvin);
    figures.thermalStabilityAt300Kelvin = thermalStability(model, 300.0);
    figures.kittelFrequencyGigahertz = kittelFrequencyHertz(model, 0.0) * 1e-9;
    figures.criticalCurrentMicroampere = criticalCurrentAmpere(model) * 1e6;
    return figures;
}

}  // namespace mtj
