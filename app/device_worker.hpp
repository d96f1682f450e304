// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceWorker: the engine side of the device explorer, living in its own QThread.
//
// post() may be called from any thread: it stores the request as the newest, raises the cancel flag of the
// computation under way and schedules run() if it is not already scheduled. Requests coalesce: while one computes,
// newer ones replace each other and only the latest runs next. run() computes, for the newest request, the
// activation curve, the derivative-error analysis, the trajectory at the analysis input and the variability
// family, emitting each result as soon as it is ready, tagged with the request id; a newer request cancels the
// remaining stages (the engine polls the atomic flag between chunks).
#pragma once

#include <QObject>
#include <atomic>
#include <mutex>
#include <optional>

#include "device_messages.hpp"

namespace mtj {
class DeviceModel;
}

namespace mtj::app {

class DeviceWorker : public QObject {
    Q_OBJECT
public:
    explicit DeviceWorker(QObject* parent = nullptr);
    ~DeviceWorker() override;
    void post(const mtj::DeviceRequest& request);
    /// Requests that cancel everything and stop (before the thread quits).
    void shutdown();

signals:
    void curveReady(const mtj::CurveResult& result);
    void stepAnalysisReady(const mtj::StepAnalysisResult& result);
    void familyReady(const mtj::FamilyResult& result);
    void trajectoryReady(const mtj::TrajectoryResult& result);

private slots:
    void run();

private:
    std::optional<mtj::DeviceRequest> takePending();
    void compute(const mtj::DeviceRequest& request);
    /// The trajectory of the reading at the request's analysis input (DeviceModel::trajectory) with the energy
    /// landscape there; false once cancelled.
    bool sendTrajectory(const DeviceModel& model, const mtj::DeviceRequest& request);

    std::mutex mutex_;
    std::optional<mtj::DeviceRequest> pending_;
    bool scheduled_ = false;
    std::atomic<bool> cancel_{false};
};

}  // namespace mtj::app
