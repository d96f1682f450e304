// SPDX-License-Identifier: GPL-3.0-or-later
// The four charts of the device explorer, each a QChartView that owns its series and updates them with
// QXYSeries::replace() (never clear-and-append):
//   ActivationChart  y(x) (both hysteresis branches), the device's finite-difference derivative and the reference
//                    derivative on a second axis, precessing and switched points marked; hover readout of x, y and
//                    both derivatives; a click selects the input of the trajectory and error analysis.
//   StepErrorChart   rms error of the finite difference against delta (log-log), the model, delta* and the current delta.
//   FamilyChart      the curves of N sampled devices with the nominal curve on top.
//   TrajectoryChart  m_x, m_y, m_z against time, or the in-plane projection (m_x, m_y).
// GUI thread only.
#pragma once

#include <QChartView>
#include <functional>

#include "readout_chart_view.hpp"

#include "device/activation_curve.hpp"
#include "device/derivative_analysis.hpp"
#include "device/trajectory.hpp"

class QAreaSeries;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
class QLogValueAxis;

namespace mtj::ui {

class ActivationChart : public ReadoutChartView {
    Q_OBJECT
public:
    explicit ActivationChart(QWidget* parent = nullptr);
    /// The curve; with `other`, the same neuron read by the other protocol (a step against a slow ramp), drawn as a
    /// second line named `otherName`, and the legend says where the two part.
    void setCurve(const ActivationCurve& curve, const ActivationCurve* other = nullptr, const QString& otherName = {});
    void setSelectedInput(double x);
    /// The points shown (up branch), for tests.
    [[nodiscard]] QList<QPointF> activationPoints() const;
    [[nodiscard]] QList<QPointF> downBranchPoints() const;
    [[nodiscard]] QList<QPointF> finiteDifferencePoints() const;
    [[nodiscard]] QList<QPointF> referencePoints() const;
    [[nodiscard]] QList<QPointF> otherProtocolPoints() const;
    /// The band of +- 2 standard errors around y at T > 0 (upper, lower); empty at T = 0.
    [[nodiscard]] std::pair<QList<QPointF>, QList<QPointF>> errorBand() const;
    /// The input axis (for markers placed in input units).
    [[nodiscard]] QValueAxis* inputAxis() const { return axisX_; }
    /// What the legend says of the two protocols ("coincide" or where they part); empty without a comparison.
    [[nodiscard]] QString protocolNote() const { return protocolNote_; }

signals:
    /// A compact legend (HTML) listing only what the current curve shows; the chart's own legend is hidden because
    /// seven entries do not fit under a half-width chart.
    void legendChanged(const QString& html);

private:
    QString readoutAt(double x) const;
    ActivationCurve curve_;
    QString legend_;
    QString protocolNote_;
    QLineSeries *up_, *down_, *reference_, *referenceDown_, *selected_, *otherProtocol_;
    QLineSeries *errorUpper_, *errorLower_;  // y +- 2 standard errors of the thermal readings
    QList<QLineSeries*> referencePieces_;    // the exact derivative after a gap (precessing readings have none)
    QAreaSeries* errorBand_;
    QScatterSeries *finiteDifference_, *precessing_, *switched_;
    QValueAxis *axisX_, *axisY_, *axisSlope_;
};

class StepErrorChart : public ReadoutChartView {
    Q_OBJECT
public:
    explicit StepErrorChart(QWidget* parent = nullptr);
    void setAnalysis(const StepErrorAnalysis& analysis, double readNoise);

private:
    StepErrorAnalysis analysis_;
    QLineSeries *measured_, *model_, *optimum_, *current_;
    QLogValueAxis *axisX_, *axisY_;
};

class FamilyChart : public ReadoutChartView {
    Q_OBJECT
public:
    explicit FamilyChart(QWidget* parent = nullptr);
    void setFamily(const std::vector<double>& inputs, const std::vector<double>& nominal,
                   const std::vector<std::vector<double>>& devices);
    [[nodiscard]] int deviceCurves() const;

private:
    QList<QLineSeries*> devices_;
    QLineSeries* nominal_;
    QValueAxis *axisX_, *axisY_;
};

class TrajectoryChart : public ReadoutChartView {
    Q_OBJECT
public:
    enum class Mode { Components, InPlane };
    explicit TrajectoryChart(Mode mode, QWidget* parent = nullptr);
    void setTrajectory(const Trajectory& trajectory);

private:
    Mode mode_;
    QLineSeries *x_, *y_, *z_;
    QValueAxis *axisX_, *axisY_;
};

}  // namespace mtj::ui
