// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/derivative_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "device/device_model.hpp"

namespace mtj {

Status planStepAnalysis(const NeuronSettings& settings, double x, double minimumStep, double maximumStep, int count,
                        StepErrorAnalysis& a, StepPlan& plan) {
    if (!(minimumStep > 0.0) || !(maximumStep > minimumStep) || count < 2 || !std::isfinite(x)) {
        return Status::error("step analysis: needs 0 < minimum step < maximum step, at least 2 steps and a finite x");
    }
    a.x = x;
    a.currentStep = settings.derivative.step;
    for (int i = 0; i < count; ++i) {
        a.steps.push_back(minimumStep * std::pow(maximumStep / minimumStep, static_cast<double>(i) / (count - 1)));
    }
    // All readings in one batch: x +- h for f''' (h relative to the x range), then every stencil point.
    plan.h = 1e-2 * (settings.drive.inputMaximum - settings.drive.inputMinimum);
    plan.inputs = {x, x + plan.h, x - plan.h};
    for (double step : a.steps) {
        plan.stencils.push_back(finiteDifferenceStencil(settings.derivative.scheme, step));
        for (double offset : plan.stencils.back().offsets) plan.inputs.push_back(x + offset);
    }
    return Status::ok();
}

void finishStepAnalysis(const StepPlan& plan, const std::vector<double>& y, const std::vector<double>& dydx,
                        double sigma, StepErrorAnalysis& a) {
    a.readingNoise = sigma;
    a.referenceDerivative = dydx[0];
    a.thirdDerivative = (dydx[1] - 2.0 * dydx[0] + dydx[2]) / (plan.h * plan.h);
    a.optimalStep = (sigma > 0.0 && a.thirdDerivative != 0.0) ? std::cbrt(3.0 * sigma / std::abs(a.thirdDerivative))
                                                              : std::numeric_limits<double>::infinity();
    std::size_t next = 3;
    for (std::size_t i = 0; i < a.steps.size(); ++i) {
        const FiniteDifferenceStencil& stencil = plan.stencils[i];
        double estimate = 0.0;
        for (double w : stencil.weights) estimate += w * y[next++];
        const double bias = estimate - a.referenceDerivative;
        const double noise = sigma * stencil.noiseGain();
        a.rmsError.push_back(std::sqrt(bias * bias + noise * noise));
        const double step = a.steps[i];
        const double modelBias = step * step * a.thirdDerivative / 6.0;
        a.modelRmsError.push_back(std::sqrt(modelBias * modelBias + sigma * sigma / (2.0 * step * step)));
    }
}

Status analyseStepErrorOfReadings(const DeviceModel& model, double x, double minimumStep, double maximumStep, int count,
                                  StepErrorAnalysis& analysis, const std::atomic<bool>* cancel) {
    const NeuronSettings& settings = model.settings();
    StepErrorAnalysis a;
    StepPlan plan;
    if (Status s = planStepAnalysis(settings, x, minimumStep, maximumStep, count, a, plan); !s) return s;
    // The seam reads ascending inputs: read them sorted, then put each reading back in the plan's order.
    std::vector<std::size_t> order(plan.inputs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t i, std::size_t j) { return plan.inputs[i] < plan.inputs[j]; });
    std::vector<double> sorted;
    for (std::size_t i : order) sorted.push_back(plan.inputs[i]);
    CurveOptions options;
    options.cancel = cancel;
    const ActivationCurve curve = model.readActivation(sorted, options);
    if (!curve.status) return curve.status;
    std::vector<double> y(plan.inputs.size()), dydx(plan.inputs.size()), deviation(plan.inputs.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        y[order[k]] = curve.up[k].y;
        dydx[order[k]] = curve.up[k].derivativeReference;
        deviation[order[k]] = curve.up[k].yStandardError;
    }
    const double sigma = deviation[0];
    const double read = settings.derivative.readNoise;
    a.thermalNoise = std::sqrt(std::max(0.0, sigma * sigma - read * read));
    finishStepAnalysis(plan, y, dydx, sigma, a);
    analysis = std::move(a);
    return Status::ok();
}

}  // namespace mtj
