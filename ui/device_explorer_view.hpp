// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceExplorerView: the first view of the main window. Knobs on the left (bias current, field magnitude and
// angles, input channel and scale, rf frequency, temperature, derivative step, scheme and read noise, variability,
// and an Advanced group with every device parameter of docs/physics.md), four charts on the right (activation with both
// derivatives, derivative error against the step, the family of varied devices, the trajectory of one reading), and
// a status line with the derived figures and the compute time.
//
// Every change of a knob emits requestChanged() with a new id at once (the engine worker coalesces them); results
// come back through the show*() slots, stale ones (an id older than the newest request) are dropped, and charts are
// redrawn at most about 30 times a second (the first result after a quiet spell at once, later ones on a 33 ms
// timer). GUI thread only.
#pragma once

#include <QWidget>
#include <optional>
#include <string_view>
#include <vector>

#include "device_messages.hpp"
#include "readout_chart_view.hpp"

#include <QValueAxis>

class QComboBox;
class QLabel;
class QSpinBox;
class QCheckBox;
class QPushButton;
class QTimer;
class QGroupBox;
class QBoxLayout;
class QTabWidget;

namespace mtj::ui {

class FramePacer;

class ValueControl;
class ActivationChart;
class StepErrorChart;
class FamilyChart;
class TrajectoryChart;
class AxisControl;
class MagnetisationSphereView;
class EnergyLandscapeView;

class DeviceExplorerView : public QWidget {
    Q_OBJECT
public:
    explicit DeviceExplorerView(QWidget* parent = nullptr);
    ~DeviceExplorerView() override;

    /// Shows these values in every control and emits one request.
    void setSettings(const NeuronSettings& settings, const VariabilitySettings& variability);
    /// The settings the controls show.
    [[nodiscard]] NeuronSettings settings() const;
    [[nodiscard]] VariabilitySettings variability() const;
    [[nodiscard]] quint64 latestRequestId() const { return requestId_; }
    [[nodiscard]] quint64 shownCurveId() const { return shownCurveId_; }
    /// The activation curve on the chart (null before the first): what File > Export curve writes.
    [[nodiscard]] const ActivationCurve* shownCurve() const { return shownCurve_ ? &*shownCurve_ : nullptr; }
    /// True once the curve, the error analysis, the trajectory and the family of the newest request are on screen.
    [[nodiscard]] bool everythingShown() const;
    /// Follows the reading at input x (trajectory, sphere, landscape and derivative error), as a click on the
    /// activation chart does.
    void followInput(double x);
    [[nodiscard]] double followedInput() const { return analysisX_; }
    /// Shows one of the tabs beside the activation chart: "m(t)", "in-plane", "sphere" or "energy"; false if unknown.
    bool showReadingTab(const QString& name);
    [[nodiscard]] QString currentReadingTab() const;

    // For tests and benchmarks.
    ValueControl* biasCurrentControl() const { return biasCurrent_; }
    ValueControl* fieldControl() const { return fieldMagnitude_; }
    ValueControl* readNoiseControl() const { return readNoise_; }
    /// The number knob of the parameter row `key` (a key of neuronParameterTable()); nullptr if that row has none.
    ValueControl* valueControl(std::string_view key) const { return knob(key).value; }
    QCheckBox* compareProtocolsControl() const { return compareProtocols_; }
    QLabel* legendLabel() const { return legend_; }
    QPushButton* trainWithDeviceButton() const { return trainWithDevice_; }
    ActivationChart* activationChart() const { return activation_; }
    FamilyChart* familyChart() const { return family_; }
    MagnetisationSphereView* sphereView() const { return sphere_; }
    EnergyLandscapeView* landscapeView() const { return landscape_; }
    QLabel* statusLabel() const { return status_; }

signals:
    void requestChanged(const mtj::DeviceRequest& request);
    void curveShown(quint64 id);
    /// A coarse pass of a T > 0 curve is on the chart (its points); the final one follows as curveShown.
    void coarseCurveShown(quint64 id, int points);
    void everythingShownChanged(quint64 id);
    void trainWithDeviceRequested();

public slots:
    void showCurve(const mtj::CurveResult& result);
    void showStepAnalysis(const mtj::StepAnalysisResult& result);
    void showFamily(const mtj::FamilyResult& result);
    void showTrajectory(const mtj::TrajectoryResult& result);
    /// Re-emits the current request (after a preset load, or to refresh).
    void requestUpdate();

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QWidget* buildKnobs();
    /// Sizes that follow the font: the fixed heights of the legend and the status line.
    void fitToFont();
    QWidget* buildCharts();
    void updateChannelUnits();
    [[nodiscard]] QList<ReadoutChartView::Marker> physicsMarkers(const CurveResult& result) const;
    void applyPending();
    void scheduleApply();
    [[nodiscard]] bool anythingPending() const;
    void setAnalysisInput(double x);

    // Knobs. Those of the neuron's parameter table (device/neuron_settings.hpp) are made from its rows by addKnobs;
    // a few are also named here for what they do beyond setting their value.
    struct Knob {
        const Parameter<NeuronSettings>* row = nullptr;
        ValueControl* value = nullptr;   // Number, NumberOrAuto
        QCheckBox* automatic = nullptr;  // NumberOrAuto
        AxisControl* axis = nullptr;     // Direction, Vector
        QComboBox* choice = nullptr;     // Choice
    };
    std::vector<Knob> knobs_;
    /// A knob for every row of `place`, in table order.
    void addKnobs(ParameterPlace place, QBoxLayout* layout);
    [[nodiscard]] const Knob& knob(std::string_view key) const;
    ValueControl *biasCurrent_ = nullptr, *fieldMagnitude_ = nullptr, *inputScale_ = nullptr, *rfFrequency_ = nullptr;
    ValueControl* readNoise_ = nullptr;
    QComboBox* channel_ = nullptr;
    AxisControl* inputAxis_ = nullptr;
    VariabilitySettings loadedVariability_;  // keeps what no control shows
    QCheckBox* compareProtocols_;
    QPushButton* trainWithDevice_;
    ValueControl *relativeSigma_, *offsetSigma_;
    QSpinBox *seed_, *familySize_;
    QGroupBox* advanced_;

    // Charts and status.
    ActivationChart* activation_;
    StepErrorChart* stepError_;
    FamilyChart* family_;
    TrajectoryChart *trajectory_, *projection_;
    MagnetisationSphereView* sphere_;
    EnergyLandscapeView* landscape_;
    QTabWidget* readingTabs_;
    QLabel* status_;
    QLabel* legend_ = nullptr;

    quint64 requestId_ = 0;
    quint64 shownCurveId_ = 0, shownAnalysisId_ = 0, shownFamilyId_ = 0, shownTrajectoryId_ = 0;
    double analysisX_ = 0.3;
    std::pair<double, double> analysisRange_{0.0, 0.0};  ///< the input range analysisX_ was chosen in
    std::optional<CurveResult> pendingCurve_;
    std::optional<ActivationCurve> shownCurve_;
    std::optional<StepAnalysisResult> pendingAnalysis_;
    std::optional<FamilyResult> pendingFamily_;
    std::optional<TrajectoryResult> pendingTrajectory_;
    std::optional<TrajectoryResult> pendingTrajectoryViews_;  // its chart shown, the other views on the next frame
    FramePacer* framePacer_;
    bool loading_ = false;
};

}  // namespace mtj::ui
