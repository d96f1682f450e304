// SPDX-License-Identifier: GPL-3.0-or-later
// The error of the device's finite-difference derivative against the step delta (docs/physics.md section 4).
//
// At one input x and for each delta, the estimator of the chosen scheme is applied to noiseless readings with read
// noise N(0, sigma_read) per reading. Its root-mean-square error against the reference derivative is exact, not
// sampled: E[(g - f')^2] = bias^2 + sigma^2 sum_k w_k^2, with bias = sum_k w_k y(x + o_k) - f'(x) from the
// noiseless readings (device/activation_curve.hpp, FiniteDifferenceStencil).
// The model the explorer draws beside it, for the central scheme: bias delta^2 f'''/6, noise sigma / (sqrt(2) delta),
//   rms(delta) = sqrt((delta^2 f'''/6)^2 + sigma^2 / (2 delta^2)),  best step delta* = (3 sigma / |f'''|)^(1/3),
// with f''' from central differences of the reference derivative.
// Readings are those of the T = 0 device (thermal noise is not part of this analysis).
// Any one thread; uses worker threads internally.
#pragma once

#include <atomic>
#include <vector>

#include "common/status.hpp"
#include "device/activation_curve.hpp"
#include "device/neuron_settings.hpp"

namespace mtj {

class DeviceModel;

struct StepErrorAnalysis {
    double x = 0.0;
    double referenceDerivative = 0.0;   // f'(x)
    double thirdDerivative = 0.0;       // f'''(x)
    double optimalStep = 0.0;           // delta* of the central-scheme model (infinite when sigma = 0 or f''' = 0)
    double currentStep = 0.0;           // the settings' delta
    double thermalNoise = 0.0;          // at T > 0: a reading's thermal standard error at x (activation units)
    double readingNoise = 0.0;          // sigma of one reading: sqrt(read_noise^2 + thermalNoise^2)
    std::vector<double> steps;          // delta, ascending
    std::vector<double> rmsError;       // exact rms error of the settings' scheme at each delta
    std::vector<double> modelRmsError;  // the central-scheme model at each delta
};

/// The analysis through the device-model seam (device/device_model.hpp; the default of DeviceModel::analyseStepError),
/// for a model that states its readings' noise: the stencils on its mean activation (CurvePoint::y), f' and f''' from its exact derivative, sigma the
/// standard deviation of one reading at x (CurvePoint::yStandardError: for the superparamagnetic junction the
/// telegraph window noise with the read noise). thermalNoise holds the part beyond the read noise.
Status analyseStepErrorOfReadings(const DeviceModel& model, double x, double minimumStep, double maximumStep, int count,
                                  StepErrorAnalysis& analysis, const std::atomic<bool>* cancel = nullptr);

/// The deltas of an analysis, their stencils and the inputs to read: x, x + h, x - h (for f''', h = 1 % of the x range),
/// then every stencil point. A model's analysis reads plan.inputs and calls finishStepAnalysis.
struct StepPlan {
    std::vector<FiniteDifferenceStencil> stencils;
    std::vector<double> inputs;
    double h = 0.0;
};

/// `count` log-spaced deltas from minimumStep to maximumStep into a.steps, and the plan of readings.
Status planStepAnalysis(const NeuronSettings& settings, double x, double minimumStep, double maximumStep, int count,
                        StepErrorAnalysis& a, StepPlan& plan);

/// The errors at every delta from the readings y of plan.inputs, the exact derivative dydx at its first three and the
/// standard deviation sigma of one reading.
void finishStepAnalysis(const StepPlan& plan, const std::vector<double>& y, const std::vector<double>& dydx,
                        double sigma, StepErrorAnalysis& a);

}  // namespace mtj
