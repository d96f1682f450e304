// SPDX-License-Identifier: GPL-3.0-or-later
#include "thread_handoff.hpp"
#include "frame_pacer.hpp"
#include "text_fit.hpp"
#include "device/device_model.hpp"
#include "device_explorer_view.hpp"

#include "chart_style.hpp"

#include <QCheckBox>
#include <QPushButton>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "explorer_charts.hpp"
#include "energy_landscape_view.hpp"
#include "magnetisation_sphere.hpp"
#include "value_control.hpp"

namespace mtj::ui {

/// Three spin boxes for a direction or a field vector. A value given by setValue() is kept exactly (a preset's
/// 0.0875 stays 0.0875, although the box shows 0.088) until the user edits that component.
class AxisControl : public QWidget {
    Q_OBJECT
public:
    AxisControl(const QString& label, double range, const QString& tooltip, QWidget* parent = nullptr)
        : QWidget(parent) {
        auto* layout = new QHBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(3);
        auto* name = new QLabel(label, this);
        layout->addWidget(name, 1);
        for (auto*& box : boxes_) {
            box = new QDoubleSpinBox(this);
            box->setRange(-range, range);
            box->setDecimals(3);
            box->setSingleStep(0.1);
            box->setKeyboardTracking(false);
            box->setMaximumWidth(72);
            box->setToolTip(tooltip);
            layout->addWidget(box);
            connect(box, &QDoubleSpinBox::valueChanged, this, [this, box](double value) {
                exact_[box == boxes_[0] ? 0 : box == boxes_[1] ? 1 : 2] = value;
                emit changed();
            });
        }
        setToolTip(tooltip);
    }
    [[nodiscard]] Vec3 value() const { return {exact_[0], exact_[1], exact_[2]}; }
    void setValue(const Vec3& v) {
        const double c[3] = {v.x, v.y, v.z};
        for (int i = 0; i < 3; ++i) {
            const QSignalBlocker block(boxes_[i]);
            boxes_[i]->setValue(c[i]);
            exact_[i] = std::clamp(c[i], boxes_[i]->minimum(), boxes_[i]->maximum());
        }
    }
signals:
    void changed();

private:
    QDoubleSpinBox* boxes_[3] = {};
    double exact_[3] = {};
};

DeviceExplorerView::~DeviceExplorerView() {
    // Results still queued for this view are destroyed with it, on this thread: after the fence, like a delivered one.
    passThreadHandoffFence();
}

DeviceExplorerView::DeviceExplorerView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("deviceExplorer"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildKnobs());
    splitter->addWidget(buildCharts());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({330, 950});
    layout->addWidget(splitter);
    framePacer_ = new FramePacer(this, [this] {
        if (anythingPending()) applyPending();
    });
    setSettings(NeuronSettings{}, VariabilitySettings{});
}

namespace {

/// The unit of a parameter table row as the window shows it (the table spells units in ASCII, as messages do).
QString displayUnit(const std::string& unit) {
    QString u = QString::fromStdString(unit);
    u.replace(QStringLiteral("Ohm um^2"), QStringLiteral("Ω µm²")).replace(QStringLiteral("Ohm"), QStringLiteral("Ω"));
    u.replace(QStringLiteral("uA"), QStringLiteral("µA")).replace(QStringLiteral("deg"), QStringLiteral("°"));
    return u;
}

}  // namespace

void DeviceExplorerView::addKnobs(ParameterPlace place, QBoxLayout* layout) {
    for (const Parameter<NeuronSettings>& row : neuronParameterTable()) {
        if (row.place != place) continue;
        Knob knob{&row};
        const QString label = QString::fromStdString(row.label), tooltip = QString::fromStdString(row.tooltip);
        switch (row.kind) {
            case ParameterKind::NumberOrAuto:
                knob.automatic = new QCheckBox(QString::fromStdString(row.automaticLabel));
                knob.automatic->setToolTip(tooltip);
                layout->addWidget(knob.automatic);
                [[fallthrough]];
            case ParameterKind::Number:
                knob.value = new ValueControl(label, displayUnit(row.unit), row.control.lo, row.control.hi,
                                              row.control.step, row.control.decimals, tooltip, row.control.slider);
                layout->addWidget(knob.value);
                break;
            case ParameterKind::Direction:
            case ParameterKind::Vector:
                knob.axis = new AxisControl(label, row.control.hi, tooltip);
                layout->addWidget(knob.axis);
                break;
            case ParameterKind::Choice: {
                knob.choice = new QComboBox;
                for (const std::string& c : row.choices) knob.choice->addItem(QString::fromStdString(c));
                knob.choice->setToolTip(tooltip);
                std::size_t longest = 0;
                for (const std::string& c : row.choices) longest = std::max(longest, c.size());
                if (longest > 10) {
                    // A long name ("superparamagnetic") gets the group's whole width, under its label, so that a
                    // projector's larger font does not cut it.
                    layout->addWidget(new QLabel(label));
                    layout->addWidget(knob.choice);
                } else {
                    auto* choiceRow = new QHBoxLayout;
                    choiceRow->addWidget(new QLabel(label), 1);
                    choiceRow->addWidget(knob.choice);
                    layout->addLayout(choiceRow);
                }
                break;
            }
            case ParameterKind::Integer:
            case ParameterKind::IntegerList:
            case ParameterKind::Text: break;  // no row of the neuron is one
        }
        knobs_.push_back(knob);
    }
}

const DeviceExplorerView::Knob& DeviceExplorerView::knob(std::string_view key) const {
    for (const Knob& k : knobs_) {
        if (k.row->key == key) return k;
    }
    static const Knob none{};
    return none;
}

QWidget* DeviceExplorerView::buildKnobs() {
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(260);
    scroll->setMaximumWidth(420);
    auto* panel = new QWidget;
    auto* column = new QVBoxLayout(panel);
    column->setSpacing(6);

    auto* knobs = new QGroupBox(tr("Drive"));
    auto* knobLayout = new QVBoxLayout(knobs);
    addKnobs(ParameterPlace::Drive, knobLayout);
    column->addWidget(knobs);

    auto* protocol = new QGroupBox(tr("Reading protocol"));
    auto* protocolLayout = new QVBoxLayout(protocol);
    compareProtocols_ = new QCheckBox(tr("Compare step and ramp"));
    compareProtocols_->setToolTip(
        tr("Draws the same neuron read with a step and with a slow ramp. Where both end in the same state the curves "
           "coincide; where the basin of attraction matters (near an instability) the pulsed reading switches while "
           "the swept one stays: a pulsed measurement is not a slow sweep."));
    addKnobs(ParameterPlace::Protocol, protocolLayout);
    protocolLayout->addWidget(compareProtocols_);
    column->addWidget(protocol);
    trainWithDevice_ = new QPushButton(tr("Train with this device"));
    trainWithDevice_->setToolTip(
        tr("Send this device, its drive (bias current, field, input channel) and its readout to "
           "the training view: the next run trains a network of such devices, with the "
           "variability set here."));
    connect(trainWithDevice_, &QPushButton::clicked, this, &DeviceExplorerView::trainWithDeviceRequested);
    column->addWidget(trainWithDevice_);

    auto* derivative = new QGroupBox(tr("Derivative the device measures"));
    auto* derivativeLayout = new QVBoxLayout(derivative);
    addKnobs(ParameterPlace::Derivative, derivativeLayout);
    column->addWidget(derivative);

    auto* variability = new QGroupBox(tr("Variability"));
    auto* variabilityLayout = new QFormLayout(variability);
    // The population's knobs from its parameter table (device/variability.hpp); the relative spread in percent.
    const auto populationRow = [](const char* key) -> const Parameter<VariabilitySettings>& {
        return *findParameter(variabilityParameterTable(), key);
    };
    const Parameter<VariabilitySettings>& spread = populationRow("variability.relative_sigma");
    relativeSigma_ = new ValueControl(QString::fromStdString(spread.label), QStringLiteral("%"),
                                      100 * spread.control.lo, 100 * spread.control.hi, 100 * spread.control.step,
                                      spread.control.decimals - 2, QString::fromStdString(spread.tooltip), false);
    const Parameter<VariabilitySettings>& offset = populationRow("variability.offset_field_sigma_mT");
    offsetSigma_ = new ValueControl(QString::fromStdString(offset.label), displayUnit(offset.unit), offset.control.lo,
                                    offset.control.hi, offset.control.step, offset.control.decimals,
                                    QString::fromStdString(offset.tooltip), false);
    seed_ = new QSpinBox;
    seed_->setRange(0, 1000000);
    seed_->setToolTip(QString::fromStdString(populationRow("variability.seed").tooltip));
    familySize_ = new QSpinBox;
    familySize_->setRange(0, 64);
    familySize_->setToolTip(tr("Number of sampled devices drawn in the variability chart."));
    variabilityLayout->addRow(relativeSigma_);
    variabilityLayout->addRow(offsetSigma_);
    variabilityLayout->addRow(tr("Seed"), seed_);
    variabilityLayout->addRow(tr("Devices shown"), familySize_);
    column->addWidget(variability);

    advanced_ = new QGroupBox(tr("Advanced: device and readout"));
    advanced_->setCheckable(true);
    advanced_->setChecked(false);
    auto* advancedContent = new QWidget;
    auto* advancedLayout = new QVBoxLayout(advancedContent);
    advancedLayout->setContentsMargins(0, 0, 0, 0);
    addKnobs(ParameterPlace::Advanced, advancedLayout);
    auto* advancedBox = new QVBoxLayout(advanced_);
    advancedBox->addWidget(advancedContent);
    advancedContent->setVisible(false);
    connect(advanced_, &QGroupBox::toggled, advancedContent, &QWidget::setVisible);
    column->addWidget(advanced_);
    column->addStretch(1);
    biasCurrent_ = knob("drive.bias_current_uA").value;
    fieldMagnitude_ = knob("drive.field_mT").value;
    inputScale_ = knob("drive.input_scale").value;
    rfFrequency_ = knob("drive.rf_frequency_GHz").value;
    readNoise_ = knob("derivative.read_noise").value;
    channel_ = knob("drive.input").choice;
    inputAxis_ = knob("drive.input_axis").axis;
    scroll->setWidget(panel);

    // Every control requests an update.
    for (ValueControl* c : {relativeSigma_, offsetSigma_})
        connect(c, &ValueControl::valueChanged, this, &DeviceExplorerView::requestUpdate);
    for (const Knob& k : knobs_) {
        if (k.value) connect(k.value, &ValueControl::valueChanged, this, &DeviceExplorerView::requestUpdate);
        if (k.axis) connect(k.axis, &AxisControl::changed, this, &DeviceExplorerView::requestUpdate);
        if (k.choice) {
            connect(k.choice, &QComboBox::currentIndexChanged, this, [this] {
                updateChannelUnits();
                requestUpdate();
            });
        }
        if (k.automatic) {
            connect(k.automatic, &QCheckBox::toggled, this, [this] {
                updateChannelUnits();
                requestUpdate();
            });
        }
    }
    connect(compareProtocols_, &QCheckBox::toggled, this, [this] {
        fitToFont();
        requestUpdate();
    });
    connect(seed_, &QSpinBox::valueChanged, this, &DeviceExplorerView::requestUpdate);
    connect(familySize_, &QSpinBox::valueChanged, this, &DeviceExplorerView::requestUpdate);
    return scroll;
}

QWidget* DeviceExplorerView::buildCharts() {
    auto* area = new QWidget;
    auto* grid = new QGridLayout(area);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    activation_ = new ActivationChart;
    stepError_ = new StepErrorChart;
    family_ = new FamilyChart;
    trajectory_ = new TrajectoryChart(TrajectoryChart::Mode::Components);
    projection_ = new TrajectoryChart(TrajectoryChart::Mode::InPlane);
    sphere_ = new MagnetisationSphereView;
    sphere_->setObjectName(QStringLiteral("magnetisationSphere"));
    auto* trajectoryTabs = readingTabs_ = new QTabWidget;
    trajectoryTabs->addTab(trajectory_, tr("m(t)"));
    trajectoryTabs->addTab(projection_, tr("in-plane"));
    trajectoryTabs->addTab(sphere_, tr("sphere"));
    landscape_ = new EnergyLandscapeView;
    landscape_->setObjectName(QStringLiteral("energyLandscape"));
    landscape_->setMinimumSize(220, 170);  // the tab sets its size; the window must not grow for it
    sphere_->setMinimumSize(220, 170);
    trajectoryTabs->addTab(landscape_, tr("energy"));
    trajectoryTabs->setTabToolTip(
        3, tr("The free layer's energy over all directions under the drive at the selected x (field, "
              "anisotropy, demagnetisation), with the fixed points of the full dynamics: wells, "
              "saddles and the barrier between them"));
    trajectoryTabs->setTabToolTip(0, tr("The components of m against time"));
    trajectoryTabs->setTabToolTip(1, tr("The in-plane projection (m_x, m_y) of the trajectory"));
    trajectoryTabs->setTabToolTip(
        2, tr("m on the unit sphere with the reference layer, the effective field and the torques; "
              "drag to turn it, play it in slow motion"));
    trajectoryTabs->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    trajectoryTabs->setToolTip(
        tr("The reading at the selected x (click the activation chart) followed in time from its reset state."));
    auto* activationBox = new QWidget;
    activationBox->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    auto* activationLayout = new QVBoxLayout(activationBox);
    activationLayout->setContentsMargins(0, 0, 0, 0);
    activationLayout->setSpacing(0);
    activationLayout->addWidget(activation_, 1);
    auto* legend = legend_ = new QLabel;
    legend->setObjectName(QStringLiteral("activationLegend"));
    legend->setWordWrap(true);
    legend->setAlignment(Qt::AlignCenter);
    legend->setTextFormat(Qt::RichText);
    legend->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    // A fixed height (fitToFont): a legend that changes length must not re-lay out the charts.
    activationLayout->addWidget(legend);
    connect(activation_, &ActivationChart::legendChanged, legend, [this](const QString& html) {
        legend_->setText(html);
        fitToFont();
    });
    activationLayout->addWidget(
        captionLabel(tr("The neuron's output y against its input x, with the derivative the device measures "
                        "(x ± δ) and the exact one.")));
    grid->addWidget(activationBox, 0, 0);
    grid->addWidget(
        withCaption(trajectoryTabs, tr("The free layer's magnetisation during the reading at the selected x.")), 0, 1);
    grid->addWidget(
        withCaption(stepError_, tr("How far the measured derivative is from the exact one, against the step δ.")), 1,
        0);
    grid->addWidget(withCaption(family_, tr("The same neuron on 16 devices sampled with the spread below.")), 1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    status_ = new QLabel;
    status_->setObjectName(QStringLiteral("deviceStatus"));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true);
    status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    grid->addWidget(status_, 2, 0, 1, 2);
    fitToFont();
    connect(activation_, &ActivationChart::clickedAt, this, [this](QPointF p) { setAnalysisInput(p.x()); });
    return area;
}

void DeviceExplorerView::updateChannelUnits() {
    const int channel = channel_->currentIndex();
    inputScale_->setUnit(channel == 0 ? QStringLiteral("mT/x") : QStringLiteral("µA/x"));
    // A knob is live where the device model reads its parameter (DeviceModel::parameters) and the channel uses it.
    const QComboBox* modelChoice = knob("device.model").choice;
    const int modelIndex = modelChoice ? modelChoice->currentIndex() : 0;
    const Parameter<NeuronSettings>* modelRow = findParameter(neuronParameterTable(), "device.model");
    const std::string& modelKind = modelRow->choices[static_cast<std::size_t>(std::max(0, modelIndex))];
    const std::vector<const NeuronParameter*> read = parametersOfModel(modelKind);
    for (const Knob& k : knobs_) {
        bool live = k.row == modelRow || std::find(read.begin(), read.end(), k.row) != read.end();
        if (k.row->key == "drive.rf_frequency_GHz") live = live && channel == 2;
        if (k.row->key == "drive.input_axis") live = live && channel == 0;
        if (k.automatic) {
            k.automatic->setEnabled(live);
            live = live && !k.automatic->isChecked();
        }
        if (k.value) k.value->setEnabled(live);
        if (k.axis) k.axis->setEnabled(live);
        if (k.choice) k.choice->setEnabled(live);
    }
    // Comparing a step with a ramp: for a model whose readings have a rise time (DeviceCapabilities).
    compareProtocols_->setEnabled(capabilitiesOfModel(modelKind).readingHasRiseTime);
}

void DeviceExplorerView::setSettings(const NeuronSettings& s, const VariabilitySettings& v) {
    loadedVariability_ = v;
    loading_ = true;
    for (const Knob& k : knobs_) {
        const Parameter<NeuronSettings>& row = *k.row;
        if (k.automatic) {
            const QSignalBlocker block(k.automatic);
            k.automatic->setChecked(row.automaticIn(s));
        }
        if (k.value) k.value->setValue(k.automatic && row.automaticIn(s) ? k.value->value() : row.numberIn(s));
        if (k.axis) k.axis->setValue(row.vectorIn(s));
        if (k.choice) {
            const QSignalBlocker block(k.choice);
            k.choice->setCurrentIndex(row.choiceIndex(s));
        }
    }
    {
        const QSignalBlocker b5(seed_), b6(familySize_);
        seed_->setValue(static_cast<int>(v.seed));
        if (familySize_->value() == 0) familySize_->setValue(16);
    }
    relativeSigma_->setValue(100.0 * v.relativeSigma);
    offsetSigma_->setValue(v.offsetFieldSigmaMilliTesla);
    updateChannelUnits();
    // The analysis input: where the range has its middle, nudged off a symmetric point; kept where the user put it
    // while the range stays (an undo, a reset).
    if (s.drive.inputMinimum != analysisRange_.first || s.drive.inputMaximum != analysisRange_.second) {
        analysisX_ = s.drive.inputMinimum + 0.575 * (s.drive.inputMaximum - s.drive.inputMinimum);
        analysisRange_ = {s.drive.inputMinimum, s.drive.inputMaximum};
    }
    loading_ = false;
    requestUpdate();
}

NeuronSettings DeviceExplorerView::settings() const {
    NeuronSettings s;
    for (const Knob& k : knobs_) {
        const Parameter<NeuronSettings>& row = *k.row;
        if (k.automatic) row.automatic(s) = k.automatic->isChecked();
        if (k.value) row.number(s) = k.value->value();
        if (k.axis) row.vector(s) = k.axis->value();
        if (k.choice) row.setChoiceIndex(s, k.choice->currentIndex());
    }
    return s;
}

VariabilitySettings DeviceExplorerView::variability() const {
    // The per-parameter spreads (Hk, TMR, RA, thickness) have no control here: they stay as the preset set them.
    VariabilitySettings v = loadedVariability_;
    v.relativeSigma = relativeSigma_->value() / 100.0;
    v.offsetFieldSigmaMilliTesla = offsetSigma_->value();
    v.seed = static_cast<std::uint64_t>(seed_->value());
    return v;
}

void DeviceExplorerView::fitToFont() {
    // Two lines of legend (three with the protocol comparison's note) and one of status, whatever the font
    // (presentation mode enlarges it).
    // As many lines as the width needs (heightForWidth), set only when that changes: a legend or status text of the
    // same height must not re-lay out the charts.
    // At most eight lines: wrapped to a width it did not have yet (a curve arriving behind the training tab), the
    // status line became hundreds of pixels tall and grew the window at every tab switch, up to 4175 px (the soak
    // benchmark's memory growth was that window's backing store).
    const auto wrappedHeight = [this](QLabel* label) {
        const int width = std::max(100, label->width());
        return std::min(wrappedLabelHeight(label, width), 8 * fontMetrics().height());
    };
    const int legendLines = compareProtocols_ != nullptr && compareProtocols_->isChecked() ? 3 : 2;
    const int legendHeight = std::max(legendLines * fontMetrics().height() + 4, wrappedHeight(legend_) + 2);
    if (legend_->height() != legendHeight || legend_->minimumHeight() != legendHeight)
        legend_->setFixedHeight(legendHeight);
    const int statusHeight = std::max(fontMetrics().height() + 6, wrappedHeight(status_) + 4);
    if (status_->minimumHeight() != statusHeight) status_->setFixedHeight(statusHeight);
}

void DeviceExplorerView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitToFont();
}

void DeviceExplorerView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) fitToFont();
}

void DeviceExplorerView::requestUpdate() {
    if (loading_) return;
    DeviceRequest request;
    request.id = ++requestId_;
    request.settings = settings();
    request.variability = variability();
    request.familySize = familySize_->value();
    request.compareProtocols = compareProtocols_->isChecked();
    request.analysisX =
        std::clamp(analysisX_, request.settings.drive.inputMinimum, request.settings.drive.inputMaximum);
    emit requestChanged(request);
}

QList<ReadoutChartView::Marker> DeviceExplorerView::physicsMarkers(const CurveResult& result) const {
    // The landmarks physics puts on this chart: where the current reaches -I_c0 (the parallel state's instability
    // at zero field) on a current axis, where each branch of a hysteresis sweep switched, and for the spin diode
    // the rf frequency against the Kittel frequency.
    const NeuronSettings s = settings();
    QList<ReadoutChartView::Marker> marks;
    const DerivedFigures& f = result.figures;
    if (s.drive.input == InputChannel::Current && s.drive.inputScale != 0.0 &&
        std::isfinite(f.criticalCurrentMicroampere)) {
        const double x = (-f.criticalCurrentMicroampere - s.drive.biasCurrentMicroampere) / s.drive.inputScale;
        marks << ReadoutChartView::Marker{x, tr("−I_c0 %1 µA").arg(f.criticalCurrentMicroampere, 0, 'f', 0),
                                          QColor(0x8e, 0x44, 0xad)};
    }
    auto switched = [&](const std::vector<CurvePoint>& branch, const QString& name) {
        for (const CurvePoint& p : branch) {
            if (p.state != ReadingState::Switched) continue;
            const QString label = s.drive.input == InputChannel::Field
                                      ? tr("%1 %2 mT").arg(name).arg(p.x * s.drive.inputScale, 0, 'f', 1)
                                      : tr("%1 x = %2").arg(name).arg(p.x, 0, 'g', 3);
            marks << ReadoutChartView::Marker{p.x, label, QColor(0xc0, 0x39, 0x2b)};
            break;
        }
    };
    if (!result.curve.down.empty()) {
        switched(result.curve.up, QStringLiteral("↑"));
        switched(result.curve.down, QStringLiteral("↓"));
    }
    if (s.drive.input == InputChannel::Radiofrequency && !result.curve.up.empty()) {
        marks << ReadoutChartView::Marker{result.curve.up.front().x,
                                          tr("rf %1 GHz · Kittel %2 GHz")
                                              .arg(s.drive.rfFrequencyGigahertz, 0, 'f', 3)
                                              .arg(f.kittelFrequencyGigahertz, 0, 'f', 3),
                                          QColor(0x2c, 0x3e, 0x50)};
    }
    return marks;
}

void DeviceExplorerView::followInput(double x) { setAnalysisInput(x); }

namespace {
/// The tabs beside the activation chart, in order (the names lessons and `screenshot --tab` use).
const QStringList& readingTabNames() {
    static const QStringList names = {QStringLiteral("m(t)"), QStringLiteral("in-plane"), QStringLiteral("sphere"),
                                      QStringLiteral("energy")};
    return names;
}
}  // namespace

bool DeviceExplorerView::showReadingTab(const QString& name) {
    const int index = static_cast<int>(readingTabNames().indexOf(name));
    if (index < 0 || index >= readingTabs_->count()) return false;
    readingTabs_->setCurrentIndex(index);
    return true;
}

QString DeviceExplorerView::currentReadingTab() const { return readingTabNames().value(readingTabs_->currentIndex()); }

void DeviceExplorerView::setAnalysisInput(double x) {
    analysisX_ = x;
    activation_->setSelectedInput(x);
    requestUpdate();
}

bool DeviceExplorerView::everythingShown() const {
    return shownCurveId_ == requestId_ && shownAnalysisId_ == requestId_ && shownTrajectoryId_ == requestId_ &&
           shownFamilyId_ == requestId_;
}

void DeviceExplorerView::showCurve(const CurveResult& result) {
    passThreadHandoffFence();            // from a worker thread: ui/thread_handoff.hpp
    if (result.id < requestId_) return;  // stale
    pendingCurve_ = result;
    scheduleApply();
}
void DeviceExplorerView::showStepAnalysis(const StepAnalysisResult& result) {
    passThreadHandoffFence();  // from a worker thread: ui/thread_handoff.hpp
    if (result.id < requestId_) return;
    pendingAnalysis_ = result;
    scheduleApply();
}
void DeviceExplorerView::showFamily(const FamilyResult& result) {
    passThreadHandoffFence();  // from a worker thread: ui/thread_handoff.hpp
    if (result.id < requestId_) return;
    pendingFamily_ = result;
    scheduleApply();
}
void DeviceExplorerView::showTrajectory(const TrajectoryResult& result) {
    passThreadHandoffFence();  // from a worker thread: ui/thread_handoff.hpp
    if (result.id < requestId_) return;
    pendingTrajectory_ = result;
    scheduleApply();
}

bool DeviceExplorerView::anythingPending() const {
    return pendingCurve_ || pendingAnalysis_ || pendingTrajectory_ || pendingTrajectoryViews_ || pendingFamily_;
}

void DeviceExplorerView::scheduleApply() {
    // At once when the window has painted the last change; otherwise just after it does (ui/frame_pacer.hpp).
    if (!framePacer_->frameInFlight()) applyPending();
}

void DeviceExplorerView::applyPending() {
    // One chart per painted frame, the activation chart first: each frame then updates and repaints a single chart
    // (a few milliseconds), the event loop never stalls, and while a slider moves the curve keeps up with the frames
    // while the slower charts catch up as soon as it rests.
    bool drew = false;
    if (pendingCurve_) {
        const CurveResult r = std::move(*pendingCurve_);
        pendingCurve_.reset();
        if (r.id >= requestId_) {
            if (r.error.empty()) {
                const bool compared = !r.otherProtocol.up.empty();
                const QString otherName =
                    r.otherRiseNanoseconds > 0.0 ? tr("%1 ns ramp").arg(r.otherRiseNanoseconds, 0, 'g', 3) : tr("step");
                activation_->setCurve(r.curve, compared ? &r.otherProtocol : nullptr, otherName);
                // Export curve writes only a complete curve of the settings on screen: none while refining.
                if (r.refining)
                    shownCurve_.reset();
                else
                    shownCurve_ = r.curve;
                activation_->setSelectedInput(analysisX_);
                activation_->setMarkers(physicsMarkers(r), activation_->inputAxis());
                const DerivedFigures& f = r.figures;
                status_->setText(tr("R_P %1 Ω · R_AP %2 Ω · TMR %3 % · Δ %4 · Kittel %5 GHz · I_c0 %6 µA · "
                                    "%7 points in %8 ms%9")
                                     .arg(f.parallelResistanceOhm, 0, 'f', 1)
                                     .arg(f.antiparallelResistanceOhm, 0, 'f', 1)
                                     .arg(f.tmrPercent, 0, 'f', 0)
                                     .arg(std::isfinite(f.thermalStability)
                                              ? QString::number(f.thermalStability, 'f', 1)
                                              : tr("%1 at 300 K").arg(f.thermalStabilityAt300Kelvin, 0, 'f', 1))
                                     .arg(f.kittelFrequencyGigahertz, 0, 'f', 3)
                                     .arg(f.criticalCurrentMicroampere, 0, 'f', 0)
                                     .arg(r.curve.up.size() + r.curve.down.size())
                                     .arg(r.milliseconds, 0, 'f', 1)
                                     .arg(r.refining ? tr(" · refining") : QString()));
                fitToFont();
            } else {
                status_->setText(tr("Cannot compute this device: %1").arg(QString::fromStdString(r.error)));
                fitToFont();
            }
            drew = true;
            if (r.refining) {
                emit coarseCurveShown(r.id, static_cast<int>(r.curve.up.size()));
            } else {
                shownCurveId_ = r.id;
                emit curveShown(r.id);
            }
        }
    } else if (pendingAnalysis_) {
        const StepAnalysisResult r = std::move(*pendingAnalysis_);
        pendingAnalysis_.reset();
        if (r.id >= requestId_) {
            if (r.error.empty()) stepError_->setAnalysis(r.analysis, readNoise_->value());
            shownAnalysisId_ = r.id;
            drew = true;
        }
    } else if (pendingTrajectory_) {
        const TrajectoryResult r = std::move(*pendingTrajectory_);
        pendingTrajectory_.reset();
        if (r.id >= requestId_) {
            if (r.error.empty()) {
                trajectory_->setTrajectory(r.trajectory);
                pendingTrajectoryViews_ = r;  // the projection, sphere and landscape on the next frame
            } else {
                shownTrajectoryId_ = r.id;
            }
            drew = true;
        }
    } else if (pendingTrajectoryViews_) {
        const TrajectoryResult r = std::move(*pendingTrajectoryViews_);
        pendingTrajectoryViews_.reset();
        if (r.id >= requestId_) {
            {
                projection_->setTrajectory(r.trajectory);
                sphere_->setTrajectory(r.trajectory, r.device);
                landscape_->setLandscape(r.landscape, r.fixedPoints);
                landscape_->setTitle(tr("Energy landscape at x = %1").arg(r.trajectory.x, 0, 'g', 3));
                landscape_->setMarks(r.trajectory.magnetization.empty()
                                         ? std::optional<Vec3>{}
                                         : std::optional<Vec3>{r.trajectory.magnetization.back()},
                                     r.device.referenceAxis);
            }
            shownTrajectoryId_ = r.id;
            drew = true;
        }
    } else if (pendingFamily_) {
        const FamilyResult r = std::move(*pendingFamily_);
        pendingFamily_.reset();
        if (r.id >= requestId_) {
            if (r.error.empty()) family_->setFamily(r.inputs, r.nominal, r.devices);
            if (!r.refining) shownFamilyId_ = r.id;  // a partial family: more devices follow
            drew = true;
        }
    }
    if (drew) framePacer_->frameStarted();
    const bool more = anythingPending();
    if (!drew && more) {
        applyPending();  // the one taken was stale: try the next
        return;
    }
    if (drew && everythingShown()) emit everythingShownChanged(requestId_);
}

}  // namespace mtj::ui

#include "device_explorer_view.moc"
