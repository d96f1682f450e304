// SPDX-License-Identifier: GPL-3.0-or-later
#include "thread_handoff.hpp"
#include "device_worker.hpp"

#include <QMetaObject>
#include <chrono>

#include "common/parallel.hpp"
#include "device/derivative_analysis.hpp"
#include "device/device_model.hpp"
#include "device/energy_landscape.hpp"
#include "device/fixed_point.hpp"
#include "device/lookup_table.hpp"
#include "physics/derived_figures.hpp"
#include <algorithm>

namespace mtj::app {

DeviceWorker::DeviceWorker(QObject* parent) : QObject(parent) {
    qRegisterMetaType<mtj::DeviceRequest>();
    qRegisterMetaType<mtj::CurveResult>();
    qRegisterMetaType<mtj::StepAnalysisResult>();
    qRegisterMetaType<mtj::FamilyResult>();
    qRegisterMetaType<mtj::TrajectoryResult>();
}

DeviceWorker::~DeviceWorker() {
    // Deleted on its own thread once the window thread's shutdown() has run: taking the mutex shutdown() held makes
    // that order explicit (ThreadSanitizer cannot see the QThread::quit that already guarantees it).
    std::lock_guard<std::mutex> lock(mutex_);
}

void DeviceWorker::post(const mtj::DeviceRequest& request) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ = request;
    cancel_.store(true);
    if (!scheduled_) {
        scheduled_ = true;
        QMetaObject::invokeMethod(this, &DeviceWorker::run, Qt::QueuedConnection);
    }
}

void DeviceWorker::shutdown() {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.reset();
    cancel_.store(true);
}

std::optional<mtj::DeviceRequest> DeviceWorker::takePending() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::optional<mtj::DeviceRequest> next = std::move(pending_);
    pending_.reset();
    if (!next) {
        scheduled_ = false;
    } else {
        cancel_.store(false);
    }
    return next;
}

void DeviceWorker::run() {
    while (std::optional<mtj::DeviceRequest> request = takePending()) {
        compute(*request);
    }
}

bool DeviceWorker::sendTrajectory(const DeviceModel& model, const mtj::DeviceRequest& request) {
    mtj::TrajectoryResult result;
    result.id = request.id;
    if (Status s = model.trajectory(request.analysisX, 2000, request.variability.seed, result.trajectory, &cancel_);
        !s) {
        if (cancel_.load()) return false;
        result.error = s.message();
    } else {
        // The energy landscape under the drive of the same input, with the fixed points of the full flow: the free
        // layer's, whichever model reads it.
        const NeuronModel neuron = NeuronModel::fromSettings(request.settings);
        const Drive drive = neuron.dcDrive(request.analysisX);
        result.landscape = computeEnergyLandscape(neuron.device, drive);
        result.fixedPoints = findFixedPoints(neuron.device, drive);
        result.device = neuron.device;
    }
    {
        std::lock_guard<std::mutex> fence(ui::threadHandoffFence());  // ui/thread_handoff.hpp
        emit trajectoryReady(result);
    }
    return !cancel_.load();
}

void DeviceWorker::compute(const mtj::DeviceRequest& request) {
    // Every device model through the seam (device/device_model.hpp): the activation curve with both derivatives, the
    // step analysis, the trajectory of the reading at the analysis input (m(t) of the macrospin, the telegraph trace
    // of a superparamagnetic junction) and the family of sampled devices.
    const NeuronSettings& settings = request.settings;
    // Leave one core to the GUI thread: a window that paints while the engine computes never stalls.
    const unsigned threads = std::max(1u, hardwareThreads() - 1u);
    std::unique_ptr<DeviceModel> model;
    const Status made = makeDeviceModel(settings, model);
    const auto emitUnderFence = [this](auto signal, const auto& result) {
        std::lock_guard<std::mutex> fence(ui::threadHandoffFence());  // ui/thread_handoff.hpp
        emit(this->*signal)(result);
    };
    // 1. The activation curve with both derivatives: what the slider moves.
    {
        mtj::CurveResult result;
        result.id = request.id;
        const auto start = std::chrono::steady_clock::now();
        const auto elapsedMilliseconds = [&start] {
            return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        };
        if (!made) {
            result.error = made.message();
        } else {
            const DerivedFigures figures = derivedFigures(JunctionCoefficients::fromParameters(settings.device));
            CurveOptions options;
            options.noiseSeed = request.variability.seed;
            options.cancel = &cancel_;
            options.threads = threads;
            const std::vector<double> inputs =
                evenlySpacedInputs(settings.drive.inputMinimum, settings.drive.inputMaximum, request.points);
            // At T > 0 a curve takes a while: draw it in passes, every 8th point, then every 4th, 2nd and all, each
            // pass computing only its new points (a reading does not depend on which others are computed with it:
            // its noise is keyed by its input) and replacing the picture. A newer request cancels the passes in
            // flight. A hysteresis sweep (reset "previous") chains its readings and is read whole.
            const bool progressive = settings.device.temperatureKelvin > 0.0 &&
                                     settings.readout.reset != ResetState::Previous && inputs.size() >= 32;
            if (progressive) {
                std::vector<CurvePoint> merged(inputs.size());
                std::vector<bool> have(inputs.size(), false);
                for (int stride : {8, 4, 2, 1}) {
                    std::vector<double> xs;
                    std::vector<std::size_t> where;
                    for (std::size_t i = 0; i < inputs.size(); i += static_cast<std::size_t>(stride)) {
                        if (have[i]) continue;
                        xs.push_back(inputs[i]);
                        where.push_back(i);
                    }
                    // The first, coarse pass on every core: it is what the user waits for after a move.
                    CurveOptions passOptions = options;
                    if (stride == 8) passOptions.threads = hardwareThreads();
                    const ActivationCurve part = model->readActivation(xs, passOptions);
                    if (!part.status) {
                        if (cancel_.load()) return;
                        result.curve = part;
                        break;
                    }
                    for (std::size_t k = 0; k < where.size(); ++k) {
                        merged[where[k]] = part.up[k];
                        have[where[k]] = true;
                    }
                    result.curve = ActivationCurve{};
                    result.curve.readingsSampled = part.readingsSampled;
                    for (std::size_t i = 0; i < inputs.size(); ++i) {
                        if (have[i]) result.curve.up.push_back(merged[i]);
                    }
                    if (stride > 1) {
                        mtj::CurveResult coarse = result;
                        coarse.refining = true;
                        coarse.figures = figures;
                        coarse.milliseconds = elapsedMilliseconds();
                        emitUnderFence(&DeviceWorker::curveReady, coarse);
                        if (cancel_.load()) return;
                    }
                }
            } else {
                result.curve = model->readActivation(inputs, options);
            }
            if (!result.curve.status) {
                if (cancel_.load()) return;
                result.error = result.curve.status.message();
            }
            result.figures = figures;
            // The step against the ramp, for a model whose reading has a rise time.
            if (request.compareProtocols && model->capabilities().readingHasRiseTime && result.curve.status) {
                NeuronSettings other = settings;
                other.readout.inputRiseNanoseconds =
                    mtj::comparisonRiseNanoseconds(settings.readout.inputRiseNanoseconds);
                options.withDerivatives = false;
                result.otherRiseNanoseconds = other.readout.inputRiseNanoseconds;
                std::unique_ptr<DeviceModel> otherModel;
                if (makeDeviceModel(other, otherModel))
                    result.otherProtocol = otherModel->readActivation(inputs, options);
                if (!result.otherProtocol.status) {
                    if (cancel_.load()) return;
                    result.otherProtocol = ActivationCurve{};
                }
            }
        }
        result.milliseconds = elapsedMilliseconds();
        emitUnderFence(&DeviceWorker::curveReady, result);
        if (!result.error.empty()) return;
    }
    if (cancel_.load()) return;
    // 2. The derivative error against the step at the analysis input, on the model's own readings and noise.
    {
        mtj::StepAnalysisResult result;
        result.id = request.id;
        const double span = settings.drive.inputMaximum - settings.drive.inputMinimum;
        if (Status s = model->analyseStepError(request.analysisX, 1e-4 * span, 0.25 * span, 41, result.analysis,
                                               &cancel_, threads);
            !s) {
            if (cancel_.load()) return;
            result.error = s.message();
        }
        emitUnderFence(&DeviceWorker::stepAnalysisReady, result);
    }
    if (cancel_.load()) return;
    // 3. The trajectory of the reading at the analysis input.
    if (!sendTrajectory(*model, request)) return;
    // 4. The family of sampled devices (the slowest part; cancelled by any newer request): the activation each
    // device's lookup table would hold.
    {
        mtj::FamilyResult result;
        result.id = request.id;
        result.inputs = evenlySpacedInputs(settings.drive.inputMinimum, settings.drive.inputMaximum, 101);
        if (Status s = model->readTableActivation(result.inputs, result.nominal, nullptr, threads, &cancel_); !s) {
            if (cancel_.load()) return;
            result.error = s.message();
            emitUnderFence(&DeviceWorker::familyReady, result);
            return;
        }
        for (int i = 0; i < request.familySize; ++i) {
            if (cancel_.load()) return;
            const std::unique_ptr<DeviceModel> device = model->sample(request.variability, static_cast<std::size_t>(i));
            std::vector<double> y;
            if (Status s = device->readTableActivation(result.inputs, y, nullptr, threads, &cancel_); !s) {
                if (cancel_.load()) return;
                result.error = s.message();
                break;
            }
            result.devices.push_back(std::move(y));
            // At T > 0 each device takes a while: show the family growing, every fourth device.
            if (settings.device.temperatureKelvin > 0.0 && i + 1 < request.familySize && (i + 1) % 4 == 0) {
                mtj::FamilyResult partial = result;
                partial.refining = true;
                emitUnderFence(&DeviceWorker::familyReady, partial);
            }
        }
        emitUnderFence(&DeviceWorker::familyReady, result);
    }
}

}  // namespace mtj::app
