#include "device/derivative_analysis.hpp"

#include <cmath>
#include <limits>

#include "device/activation_curve.hpp"

namespace mtj {

Status analyseStepError(const NeuronSettings& settings, double x, double minimumStep, double maximumStep, int count,
                        StepErrorAnalysis& analysis, const std::atomic<bool>* cancel, unsigned threads) {
    if (!(minimumStep > 0.0) || !(maximumStep > minimumStep) || count < 2 || !std::isfinite(x)) {
        return Status::error("step analysis: needs 0 < minimum step < maximum step, at least 2 steps and a finite x");
    }
    NeuronSettings noiseless = settings;
    noiseless.device.temperatureKelvin = 0.0;
    StepErrorAnalysis a;
    a.x = x;
    a.currentStep = settings.derivative.step;
    // Each reading's noise: the read noise and, at T > 0, the thermal noise of its averaging window (the standard
    // error of a thermal reading at x): delta* = (3 sigma / |f'''|)^(1/3) moves with the temperature.
    if (settings.device.temperatureKelvin > 0.0) {
        CurveOptions thermal;
        thermal.withDerivatives = false;
        thermal.threads = threads;
        thermal.cancel = cancel;
        const ActivationCurve at = computeActivationCurve(settings, {x}, thermal);
        if (!at.status) return at.status;
        a.thermalNoise = at.up.front().yStandardError;
    }
    const double sigma = std::sqrt(settings.derivative.readNoise * settings.derivative.readNoise + a.thermalNoise * a.thermalNoise);
    a.readingNoise = sigma;
    for (int i = 0; i < count; ++i) {
        a.steps.push_back(minimumStep * std::pow(maximumStep / minimumStep, static_cast<double>(i) / (count - 1)));
    }
    // All readings in one batch: x +- h for f''' (h relative to the x range), then every stencil point.
    const double h = 1e-2 * (settings.drive.inputMaximum - settings.drive.inputMinimum);
    std::vector<double> xs = {x, x + h, x - h};
    std::vector<FiniteDifferenceStencil> stencils;
    for (double step : a.steps) {
        stencils.push_back(finiteDifferenceStencil(settings.derivative.scheme, step));
        for (double offset : stencils.back().offsets) xs.push_back(x + offset);
    }
    std::vector<double> y, dydx;
    if (Status s = readActivation(noiseless, xs, y, &dydx, threads, cancel); !s) return s;
    a.referenceDerivative = dydx[0];
    a.thirdDerivative = (dydx[1] - 2.0 * dydx[0] + dydx[2]) / (h * h);
    a.optimalStep = (sigma > 0.0 && a.thirdDerivative != 0.0)
                        ? std::cbrt(3.0 * sigma / std::abs(a.thirdDerivative))
                        : std::numeric_limits<double>::infinity();
    std::size_t next = 3;
    for (std::size_t i = 0; i < a.steps.size(); ++i) {
        const FiniteDifferenceStencil& stencil = stencils[i];
        double estimate = 0.0;
        for (double w : stencil.weights) estimate += w * y[next++];
        const double bias = estimate - a.referenceDerivative;
        const double noise = sigma * stencil.noiseGain();
        a.rmsError.push_back(std::sqrt(bias * bias + noise * noise));
        const double step = a.steps[i];
        const double modelBias = step * step * a.thirdDerivative / 6.0;
        a.modelRmsError.push_back(std::sqrt(modelBias * modelBias + sigma * sigma / (2.0 * step * step)));
    }
    analysis = std::move(a);
    return Status::ok();
}

}  // namespace mtj
