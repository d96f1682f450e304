// SPDX-License-Identifier: GPL-3.0-or-later
#include "training_view.hpp"

#include "chart_style.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "device/neuron_settings.hpp"
#include "device/variability.hpp"
#include "network/training_settings.hpp"
#include "training_charts.hpp"

namespace mtj::ui {
namespace {

QString duration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("–");
    if (seconds < 10.0) return QStringLiteral("%1 s").arg(seconds, 0, 'f', 1);
    const int s = static_cast<int>(std::round(seconds));
    return s >= 60 ? QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'))
                   : QStringLiteral("%1 s").arg(s);
}

/// True while the box shows `given` as it would after setValue(given): the user has not changed it.
bool showsValue(const QDoubleSpinBox* box, double given) {
    if (given < box->minimum() || given > box->maximum()) return false;
    return box->value() == QString::number(given, 'f', box->decimals()).toDouble();
}

/// `given` while the box still shows it, else the box's value.
double valueOr(const QDoubleSpinBox* box, double given) { return showsValue(box, given) ? given : box->value(); }

QString percent(double v) {
    return std::isfinite(v) ? QString::number(100.0 * v, 'f', 1) + QStringLiteral(" %") : QStringLiteral("–");
}

/// A spin box whose range reaches far (what validation accepts) keeps the narrow width of an everyday value: Qt sizes
/// a box for its largest value, which would push the panel past the window's width.
void keepNarrow(QAbstractSpinBox* box) { box->setMinimumWidth(box->fontMetrics().averageCharWidth() * 9 + 24); }

/// A spin box's range and tooltip from a parameter-table row (engine/common/parameter_table.hpp): the physical range
/// (an open lower end starts one step above it), capped at `most` (a box as wide as its largest value fits the panel).
template <class Settings>
void takeRow(QSpinBox* box, const Parameter<Settings>& row, double most = 100000) {
    const double lo = row.physical.loOpen ? row.physical.lo + 1 : row.physical.lo;
    box->setRange(static_cast<int>(lo), static_cast<int>(std::min(row.physical.hi, most)));
    box->setToolTip(QString::fromStdString(row.tooltip));
    keepNarrow(box);
}
template <class Settings>
void takeRow(QDoubleSpinBox* box, const Parameter<Settings>& row, double scale = 1.0) {
    const double step = std::pow(10.0, -box->decimals());
    box->setRange(scale * row.physical.lo + (row.physical.loOpen ? step : 0.0), scale * row.physical.hi);
    box->setToolTip(QString::fromStdString(row.tooltip));
    keepNarrow(box);
}
template <class Settings>
void takeRow(QComboBox* box, const Parameter<Settings>& row) {
    for (const std::string& choice : row.choices) box->addItem(QString::fromStdString(choice));
    box->setToolTip(QString::fromStdString(row.tooltip));
}
const Parameter<TrainingSettings>& trainingRow(const char* key) {
    return *findParameter(trainingParameterTable(), key);
}

}  // namespace

TrainingView::~TrainingView() = default;

TrainingView::TrainingView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("trainingView"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildControls());
    splitter->addWidget(buildCharts());
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 980});
    layout->addWidget(splitter);
    // Keys of the training tab, wherever the focus is in the window while the tab is showing (also right after
    // Ctrl+2, with the focus on the tab bar): Space plays and pauses, N or Right steps a batch, Shift+N an epoch,
    // R resets.
    auto shortcut = [this](const QKeySequence& keys, auto&& action) {
        auto* s = new QShortcut(keys, this);
        s->setContext(Qt::WindowShortcut);
        connect(s, &QShortcut::activated, this, [this, action] {
            if (isVisible()) action();
        });
    };
    shortcut(QKeySequence(Qt::Key_Space), [this] { togglePlay(); });
    shortcut(QKeySequence(Qt::Key_N), [this] { stepBatchOnce(); });
    shortcut(QKeySequence(Qt::Key_Right), [this] { stepBatchOnce(); });
    shortcut(QKeySequence(Qt::SHIFT | Qt::Key_N), [this] { stepEpochOnce(); });
    shortcut(QKeySequence(Qt::Key_R), [this] { reset_->click(); });
    setPreset(NeuronSettings{}, VariabilitySettings{}, NetworkSettings{}, TrainingSettings{});
    baseFontHeight_ = fontMetrics().height();
    fitToFont();
}

void TrainingView::fitToFont() {
    // The control column and the progress text grow with the font (presentation mode), so nothing is cut off.
    const double scale = static_cast<double>(fontMetrics().height()) / std::max(1, baseFontHeight_);
    controls_->setMinimumWidth(static_cast<int>(280 * scale));
    controls_->setMaximumWidth(static_cast<int>(380 * scale));
    fitProgressText();
}

void TrainingView::fitProgressText() {
    // Its own row under the buttons, word-wrapped, as many lines as its width needs for a long progress text: the
    // text is never shortened and never sets the window's width. The height changes only with the width or the
    // font, so a new text 30 times a second never re-lays out the charts.
    const QString longest =
        QStringLiteral("nominal-model · fold 10/10 · epoch 200/200 · 10:00 elapsed, ~10:00 left · lr 0.001");
    const int width = std::max(100, progressLabel_->width());
    const int lines = std::max(1, (fontMetrics().horizontalAdvance(longest) + width - 1) / width);
    const int height = lines * fontMetrics().height() + 4;
    if (progressLabel_->minimumHeight() != height) progressLabel_->setFixedHeight(height);
    showProgressText();
}

void TrainingView::showProgressText() { progressLabel_->setText(progressText_); }

bool TrainingView::eventFilter(QObject* watched, QEvent* event) {
    if ((watched == progress_->parentWidget() || watched == progressLabel_) && event->type() == QEvent::Resize)
        fitProgressText();
    return QWidget::eventFilter(watched, event);
}

void TrainingView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && baseFontHeight_ > 0) fitToFont();
}

QWidget* TrainingView::buildControls() {
    auto* scroll = controls_ = new QScrollArea;
    scroll->setWidgetResizable(true);
    auto* panel = new QWidget;
    auto* column = new QVBoxLayout(panel);

    auto* data = new QGroupBox(tr("Data"));
    auto* dataForm = new QFormLayout(data);
    dataset_ = new QComboBox;
    dataset_->addItems({QStringLiteral("iris"), QStringLiteral("mnist"), QStringLiteral("xor"),
                        QStringLiteral("circles"), QStringLiteral("spirals"), QStringLiteral("moons"),
                        tr("CSV file…")});
    // Ranges, choices and tooltips from the parameter tables (network/training_settings.hpp, device/variability.hpp,
    // device/neuron_settings.hpp): what a box allows is what validation accepts.
    dataset_->setToolTip(QString::fromStdString(trainingRow("training.dataset").tooltip));
    samples_ = new QSpinBox;
    takeRow(samples_, trainingRow("training.samples"));
    noise2d_ = new QDoubleSpinBox;
    takeRow(noise2d_, trainingRow("training.noise"));
    noise2d_->setSingleStep(0.02);
    dataForm->addRow(tr("Data set"), dataset_);
    dataForm->addRow(tr("Points (2-D sets)"), samples_);
    dataForm->addRow(tr("Noise (2-D sets)"), noise2d_);
    column->addWidget(data);

    auto* network = new QGroupBox(tr("Network"));
    auto* networkForm = new QFormLayout(network);
    hidden_ = new QLineEdit;
    hidden_->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("^\\s*\\d+(\\s*,\\s*\\d+)*\\s*$")), hidden_));
    hidden_->setToolTip(QString::fromStdString(findParameter(networkParameterTable(), "network.hidden")->tooltip) +
                        tr(" Comma-separated: add a layer with \", 16\", remove one by deleting it."));
    gradient_ = new QComboBox;
    takeRow(gradient_, trainingRow("training.gradient"));
    optimizer_ = new QComboBox;
    takeRow(optimizer_, trainingRow("training.optimizer"));
    learningRate_ = new QDoubleSpinBox;
    learningRate_->setDecimals(5);
    takeRow(learningRate_, trainingRow("training.learning_rate"));
    learningRate_->setSingleStep(0.001);
    learningRate_->setKeyboardTracking(false);
    learningRate_->setToolTip(learningRate_->toolTip() +
                              tr(" Changeable while training runs: the new rate applies from the next batch."));
    decay_ = new QDoubleSpinBox;
    decay_->setDecimals(3);
    takeRow(decay_, trainingRow("training.learning_rate_decay"));
    decay_->setSingleStep(0.05);
    batch_ = new QSpinBox;
    takeRow(batch_, trainingRow("training.batch_size"));
    epochs_ = new QSpinBox;
    takeRow(epochs_, trainingRow("training.epochs"));
    folds_ = new QSpinBox;
    takeRow(folds_, trainingRow("training.folds"));
    seed_ = new QSpinBox;
    takeRow(seed_, trainingRow("training.seed"), 1.0e6);
    networkForm->addRow(tr("Hidden layers"), hidden_);
    networkForm->addRow(tr("Gradient source"), gradient_);
    networkForm->addRow(tr("Optimiser"), optimizer_);
    networkForm->addRow(tr("Learning rate"), learningRate_);
    networkForm->addRow(tr("Rate decay / epoch"), decay_);
    networkForm->addRow(tr("Batch size"), batch_);
    networkForm->addRow(tr("Epochs"), epochs_);
    networkForm->addRow(tr("Folds"), folds_);
    networkForm->addRow(tr("Seed"), seed_);
    column->addWidget(network);

    auto* devices = new QGroupBox(tr("Devices"));
    auto* deviceForm = new QFormLayout(devices);
    variabilitySpread_ = new QDoubleSpinBox;
    takeRow(variabilitySpread_, *findParameter(variabilityParameterTable(), "variability.relative_sigma"), 100.0);
    variabilitySpread_->setSuffix(QStringLiteral(" %"));
    offsetSpread_ = new QDoubleSpinBox;
    takeRow(offsetSpread_, *findParameter(variabilityParameterTable(), "variability.offset_field_sigma_mT"));
    offsetSpread_->setSuffix(QStringLiteral(" mT"));
    readNoise_ = new QDoubleSpinBox;
    readNoise_->setDecimals(4);
    takeRow(readNoise_, *findParameter(neuronParameterTable(), "derivative.read_noise"));
    readNoise_->setSingleStep(0.001);
    step_Delta_ = new QDoubleSpinBox;
    step_Delta_->setDecimals(3);
    takeRow(step_Delta_, *findParameter(neuronParameterTable(), "derivative.step"));
    step_Delta_->setSingleStep(0.01);
    deviceForm->addRow(tr("Spread"), variabilitySpread_);
    deviceForm->addRow(tr("Offset spread"), offsetSpread_);
    deviceForm->addRow(tr("Read noise σ"), readNoise_);
    deviceForm->addRow(tr("Finite-difference step δ"), step_Delta_);
    deviceSummary_ = new QLabel;
    deviceSummary_->setWordWrap(true);
    deviceSummary_->setToolTip(
        tr("The device every neuron is sampled from, with its drive and readout: the preset's, or "
           "the one sent from the device explorer with \"Train with this device\"."));
    deviceForm->addRow(deviceSummary_);
    column->addWidget(devices);

    auto* compare = new QGroupBox(tr("Compare gradient sources"));
    auto* compareLayout = new QVBoxLayout(compare);
    compareFd_ = new QCheckBox(QStringLiteral("device-fd"));
    compareExact_ = new QCheckBox(QStringLiteral("device-exact"));
    compareNominal_ = new QCheckBox(QStringLiteral("nominal-model"));
    compareTanh_ = new QCheckBox(QStringLiteral("tanh"));
    compareFd_->setChecked(true);
    compareNominal_->setChecked(true);
    compareTanh_->setChecked(true);
    compare_ = new QPushButton(tr("Run comparison"));
    compare_->setToolTip(
        tr("Train with each checked source in turn on the same data, the same devices and the same seed."));
    for (QWidget* w :
         std::initializer_list<QWidget*>{compareFd_, compareExact_, compareNominal_, compareTanh_, compare_})
        compareLayout->addWidget(w);
    column->addWidget(compare);
    column->addStretch(1);
    scroll->setWidget(panel);

    for (QComboBox* box : {dataset_, gradient_, optimizer_})
        connect(box, &QComboBox::currentIndexChanged, this, &TrainingView::configurationChanged);
    for (QSpinBox* box : {batch_, epochs_, folds_, seed_, samples_})
        connect(box, &QSpinBox::valueChanged, this, &TrainingView::configurationChanged);
    for (QDoubleSpinBox* box : {decay_, variabilitySpread_, offsetSpread_, readNoise_, step_Delta_, noise2d_}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &TrainingView::configurationChanged);
    }
    connect(hidden_, &QLineEdit::textEdited, this, &TrainingView::configurationChanged);
    connect(learningRate_, &QDoubleSpinBox::valueChanged, this, [this](double lr) {
        emit learningRateChanged(lr);
        emit settingsEdited();
    });
    connect(compare_, &QPushButton::clicked, this, [this] {
        ensureStarted(true);
        emit playRequested();
        playing_ = true;
        updateButtons();
    });
    connect(dataset_, &QComboBox::activated, this, [this](int index) {
        if (dataset_->itemText(index) != tr("CSV file…")) return;
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open a CSV data set"), QString(), tr("CSV (*.csv)"));
        if (path.isEmpty()) return;
        dataset_->insertItem(dataset_->count() - 1, QStringLiteral("csv:") + path);
        dataset_->setCurrentIndex(dataset_->count() - 2);
    });
    return scroll;
}

QWidget* TrainingView::buildCharts() {
    auto* area = new QWidget;
    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    play_ = new QPushButton(tr("Play"));
    play_->setToolTip(tr("Start or pause training (Space)"));
    step_ = new QPushButton(tr("Step"));
    step_->setToolTip(tr("Train one batch; with Shift held, one epoch"));
    reset_ = new QPushButton(tr("Reset"));
    reset_->setToolTip(tr("Back to the initial weights of the seed"));
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setTextVisible(true);
    progressLabel_ = new QLabel;
    progressLabel_->setObjectName(QStringLiteral("progressText"));
    progressLabel_->setWordWrap(true);
    // Fixed height (fitProgressText), any width: a label that changes 30 times a second must not re-lay out the charts.
    progressLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    speed_ = new QComboBox;
    // (label, rate, per epoch): 0 is as fast as possible.
    const struct {
        QString label;
        double rate;
        bool perEpoch;
    } speeds[] = {{tr("full speed"), 0.0, true},   {tr("20 epochs/s"), 20.0, true}, {tr("5 epochs/s"), 5.0, true},
                  {tr("2 epochs/s"), 2.0, true},   {tr("1 epoch/s"), 1.0, true},    {tr("10 batches/s"), 10.0, false},
                  {tr("2 batches/s"), 2.0, false}, {tr("1 batch/s"), 1.0, false}};
    for (const auto& sp : speeds) speed_->addItem(sp.label, QVariantList{sp.rate, sp.perEpoch});
    speed_->setToolTip(
        tr("Training speed: as fast as possible, or a set number of epochs or batches per second "
           "(slow motion for a lecture); every frame is drawn."));
    connect(speed_, &QComboBox::currentIndexChanged, this, [this] {
        const QVariantList v = speed_->currentData().toList();
        emit paceChanged(v.value(0).toDouble(), v.value(1).toBool());
    });
    for (QWidget* w : std::initializer_list<QWidget*>{play_, step_, reset_, speed_}) bar->addWidget(w);
    bar->addWidget(progress_, 1);
    layout->addLayout(bar);
    layout->addWidget(progressLabel_);
    area->installEventFilter(this);  // its width sets the progress text's (fitProgressText)
    progressLabel_->installEventFilter(this);
    connect(play_, &QPushButton::clicked, this, &TrainingView::togglePlay);
    connect(step_, &QPushButton::clicked, this, &TrainingView::stepOnce);
    connect(reset_, &QPushButton::clicked, this, [this] {
        playing_ = false;
        if (started_ && !dirty_) {
            clearViews();
            emit resetRequested();
        } else {
            ensureStarted(false);
        }
        updateButtons();
    });

    auto* grid = new QGridLayout;
    grid->setSpacing(4);
    loss_ = new LossAccuracyChart;
    agreement_ = new AgreementChart;
    scatter_ = new DerivativeScatter;
    network_ = new NetworkView;
    confusion_ = new ConfusionView;
    map_ = new DecisionMapView;
    bars_ = new AccuracyBarChart;
    table_ = new QTableWidget(0, 6);
    table_->setHorizontalHeaderLabels(
        {tr("run"), tr("held out, mean ± sd"), tr("folds"), tr("train"), tr("gradient cosine"), tr("time")});
    table_->setToolTip(
        tr("One row per bar of the chart above: the held-out accuracy's mean and standard deviation over "
           "the folds, each fold's figure, the training accuracy, the mean gradient agreement and the time."));
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);  // the source names take the rest
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tabs_ = new QTabWidget;
    tabs_->addTab(network_, tr("Network"));
    tabs_->addTab(map_, tr("Map"));
    tabs_->addTab(confusion_, tr("Confusion"));
    auto* comparison = new QSplitter(Qt::Vertical);
    comparison->addWidget(bars_);
    comparison->addWidget(table_);
    comparison->setStretchFactor(0, 1);
    comparison->setStretchFactor(1, 1);
    // In a low pane (a projector's font at 1280 x 720) the table keeps its header and two runs in sight.
    table_->setMinimumHeight(table_->fontMetrics().height() * 6 + 8);
    comparison->setCollapsible(0, false);
    comparison->setCollapsible(1, false);
    comparison_ = comparison;
    tabs_->addTab(comparison, tr("Compare"));
    tabs_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    grid->addWidget(
        withCaption(
            loss_,
            tr("Loss and accuracy per epoch: the mean over the folds, the band from the worst fold to the best.")),
        0, 0);
    grid->addWidget(
        withCaption(
            tabs_,
            tr("The network and its devices, the decision map, the confusion matrix and the comparison of runs.")),
        0, 1);
    grid->addWidget(
        withCaption(agreement_,
                    tr("Cosine between the gradient used and the exact gradient of the devices (1: same direction).")),
        1, 0);
    grid->addWidget(
        withCaption(scatter_,
                    tr("Each neuron's derivative in the last batch: the one training used against the exact one.")),
        1, 1);
    for (int i = 0; i < 2; ++i) {
        grid->setRowStretch(i, 1);
        grid->setColumnStretch(i, 1);
    }
    layout->addLayout(grid, 1);
    status_ = new QLabel;
    status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    layout->addWidget(status_);
    connect(network_, &NetworkView::neuronClicked, this, &TrainingView::neuronOpenRequested);
    updateButtons();
    return area;
}

void TrainingView::setPreset(const NeuronSettings& neuron, const VariabilitySettings& variability,
                             const NetworkSettings& network, const TrainingSettings& training) {
    neuron_ = neuron;
    variability_ = variability;
    networkSettings_ = network;
    training_ = training;
    const QSignalBlocker blocks[] = {
        QSignalBlocker(dataset_),      QSignalBlocker(gradient_),  QSignalBlocker(optimizer_),
        QSignalBlocker(learningRate_), QSignalBlocker(decay_),     QSignalBlocker(batch_),
        QSignalBlocker(epochs_),       QSignalBlocker(folds_),     QSignalBlocker(seed_),
        QSignalBlocker(samples_),      QSignalBlocker(noise2d_),   QSignalBlocker(variabilitySpread_),
        QSignalBlocker(offsetSpread_), QSignalBlocker(readNoise_), QSignalBlocker(step_Delta_)};
    int index = dataset_->findText(QString::fromStdString(training.dataset));
    if (index < 0) {
        dataset_->insertItem(dataset_->count() - 1, QString::fromStdString(training.dataset));
        index = dataset_->count() - 2;
    }
    dataset_->setCurrentIndex(index);
    gradient_->setCurrentIndex(static_cast<int>(training.gradient));
    optimizer_->setCurrentIndex(static_cast<int>(training.optimizer));
    learningRate_->setValue(training.learningRate);
    decay_->setValue(training.learningRateDecay);
    batch_->setValue(training.batchSize);
    epochs_->setValue(training.epochs);
    folds_->setValue(training.folds);
    seed_->setValue(static_cast<int>(training.seed));
    samples_->setValue(training.samples);
    noise2d_->setValue(training.noise);
    QStringList widths;
    for (int w : network.hidden) widths << QString::number(w);
    hidden_->setText(widths.join(QStringLiteral(", ")));
    variabilitySpread_->setValue(100.0 * variability.relativeSigma);
    offsetSpread_->setValue(variability.offsetFieldSigmaMilliTesla);
    readNoise_->setValue(neuron.derivative.readNoise);
    step_Delta_->setValue(neuron.derivative.step);
    deviceSummary_->setText(deviceSummary());
    configurationChanged();
}

void TrainingView::useDevice(const NeuronSettings& neuron, const VariabilitySettings& variability) {
    setPreset(neuron, variability, networkSettings_, training_);
}

QString TrainingView::deviceSummary() const {
    const NeuronSettings& n = neuron_;
    const QString channel = QLatin1String(toString(n.drive.input));
    const QString unit = n.drive.input == InputChannel::Field ? QStringLiteral("mT") : QStringLiteral("µA");
    return tr("Device: %1 input, %2 %3 per unit x; bias %4 µA; field %5 mT (θ %6°, φ %7°); Hk %8 mT, TMR %9 %; "
              "input rise %10 ns")
        .arg(channel)
        .arg(n.drive.inputScale, 0, 'g', 4)
        .arg(unit)
        .arg(n.drive.biasCurrentMicroampere, 0, 'g', 4)
        .arg(n.drive.fieldMilliTesla, 0, 'g', 4)
        .arg(n.drive.fieldThetaDegrees, 0, 'g', 4)
        .arg(n.drive.fieldPhiDegrees, 0, 'g', 4)
        .arg(n.device.anisotropyFieldMilliTesla, 0, 'g', 4)
        .arg(n.device.tmrPercent, 0, 'g', 4)
        .arg(n.readout.inputRiseNanoseconds, 0, 'g', 4);
}

TrainingRequest TrainingView::currentRequest(bool compare) const {
    TrainingRequest r;
    ExperimentSpec& spec = r.spec;
    // The preset's settings, with what the controls show on top. A value a box still shows as the preset gave it
    // stays exactly the preset's (a box rounds to its decimals), and settings without a control (the input gain,
    // early stopping) come from the preset: the window trains the run `mtj-explorer train` trains.
    spec.neuron = neuron_;
    spec.variability = variability_;
    spec.network = networkSettings_;
    spec.training = training_;
    spec.neuron.derivative.readNoise = valueOr(readNoise_, neuron_.derivative.readNoise);
    spec.neuron.derivative.step = valueOr(step_Delta_, neuron_.derivative.step);
    spec.variability.relativeSigma = showsValue(variabilitySpread_, 100.0 * variability_.relativeSigma)
                                         ? variability_.relativeSigma
                                         : variabilitySpread_->value() / 100.0;
    spec.variability.offsetFieldSigmaMilliTesla = valueOr(offsetSpread_, variability_.offsetFieldSigmaMilliTesla);
    spec.network.hidden.clear();
    for (const QString& part : hidden_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const int width = part.trimmed().toInt();
        if (width > 0) spec.network.hidden.push_back(width);
    }
    spec.training.dataset = dataset_->currentText().toStdString();
    parseGradientSource(gradient_->currentText().toStdString(), spec.training.gradient);
    parseOptimizerKind(optimizer_->currentText().toStdString(), spec.training.optimizer);
    spec.training.learningRate = valueOr(learningRate_, training_.learningRate);
    spec.training.learningRateDecay = valueOr(decay_, training_.learningRateDecay);
    spec.training.batchSize = batch_->value();
    spec.training.epochs = epochs_->value();
    spec.training.folds = folds_->value();
    // One seed box: a new seed seeds the weights, the shuffling, the devices and the read noise alike.
    // The box holds seeds up to its maximum: a larger preset seed is shown clamped and stays the preset's until changed.
    const auto shownSeed = std::min<std::uint64_t>(training_.seed, static_cast<std::uint64_t>(seed_->maximum()));
    if (static_cast<std::uint64_t>(seed_->value()) != shownSeed) {
        spec.training.seed = static_cast<std::uint64_t>(seed_->value());
        spec.variability.seed = spec.training.seed;
    }
    spec.training.samples = samples_->value();
    spec.training.noise = valueOr(noise2d_, training_.noise);
    if (compare) {
        const std::pair<QCheckBox*, GradientSource> options[] = {{compareFd_, GradientSource::DeviceFiniteDifference},
                                                                 {compareExact_, GradientSource::DeviceExact},
                                                                 {compareNominal_, GradientSource::NominalModel},
                                                                 {compareTanh_, GradientSource::Tanh}};
        for (const auto& [box, source] : options) {
            if (box->isChecked()) r.sources.push_back(source);
        }
    }
    if (r.sources.empty()) r.sources.push_back(spec.training.gradient);
    return r;
}

void TrainingView::configurationChanged() {
    dirty_ = true;
    updateButtons();
    emit settingsEdited();
}

void TrainingView::ensureStarted(bool compare) {
    if (started_ && !dirty_ && !compare) return;
    started_ = true;
    dirty_ = false;
    clearViews();  // the presenter clears the views too, once the run document has begun the run
    emit startRequested(currentRequest(compare));
    const QVariantList pace = speed_->currentData().toList();
    emit paceChanged(pace.value(0).toDouble(), pace.value(1).toBool());
}

void TrainingView::clearViews() {
    latestViews_ = TrainingSnapshot{};
    finishedRuns_ = 0;
    sourceNames_.clear();
    table_->setRowCount(0);
    bars_->clear();
    loss_->clear();
    agreement_->clear(1, 1);
    scatter_->set({}, {}, QString());
    confusion_->set(Eigen::MatrixXi(), {});
    map_->set(DecisionMap{});
    last_ = TrainingSnapshot{};
}

void TrainingView::stepBatchOnce() {
    ensureStarted(false);
    playing_ = false;
    emit stepRequested(1);
    updateButtons();
}

void TrainingView::stepEpochOnce() {
    ensureStarted(false);
    playing_ = false;
    emit stepEpochRequested();
    updateButtons();
}

void TrainingView::togglePlay() {
    if (playing_) {
        playing_ = false;
        emit pauseRequested();
    } else {
        ensureStarted(false);
        playing_ = true;
        emit playRequested();
    }
    updateButtons();
}

void TrainingView::stepOnce() {
    ensureStarted(false);
    playing_ = false;
    if (QApplication::keyboardModifiers() & Qt::ShiftModifier)
        emit stepEpochRequested();
    else
        emit stepRequested(1);
    updateButtons();
}

void TrainingView::updateButtons() {
    play_->setText(playing_ ? tr("Pause") : tr("Play"));
    status_->setText(dirty_ && started_ ? tr("Settings changed: the next Play starts a new run (the learning rate "
                                             "changes live).")
                                        : status_->text());
}

void TrainingView::showSetup(const TrainingSetup& setup) {
    if (!setup.error.empty()) {
        playing_ = false;
        updateButtons();
        status_->setText(tr("Cannot train: %1").arg(QString::fromStdString(setup.error)));
        return;
    }
    setup_ = setup;
    const QString sourceName = QString::fromStdString(setup.sourceName);
    if (setup.source == 0) {
        // A new run starts with an empty scatter. A later source of a comparison that has no device derivatives
        // (tanh, device-exact) leaves the previous source's scatter, still named after it, until it sends its own.
        latestViews_.finiteDifference.clear();
        latestViews_.exact.clear();
        scatterSourceName_ = sourceName;
        scatter_->set({}, {}, sourceName);
    }
    network_->setSetup(setup);
    loss_->beginSource(setup.source, sourceName, setup.epochs);
    if (setup.source == 0) agreement_->clear(static_cast<int>(setup.widths.size()) - 2, setup.epochs);
    agreement_->beginSource(setup.source, sourceName);
    if (setup.source >= static_cast<int>(sourceNames_.size())) sourceNames_ << sourceName;
    tabs_->setTabEnabled(1, setup.twoDimensional || setup.projected);
    status_->setText(
        tr("%1: %2 × %3 × %4")
            .arg(sourceName, setup.folds == 1 ? tr("1 fold") : tr("%1 folds").arg(setup.folds),
                 setup.epochs == 1 ? tr("1 epoch") : tr("%1 epochs").arg(setup.epochs),
                 setup.batchesPerEpoch == 1 ? tr("1 batch") : tr("%1 batches").arg(setup.batchesPerEpoch)));
}

void TrainingView::showRestored() {
    started_ = false;  // Play trains anew: the worker has no network of this run
    dirty_ = true;
    playing_ = false;
    updateButtons();
}

QString TrainingView::statusText() const { return status_->text(); }

void TrainingView::showResumable(int fold, int epoch) {
    started_ = true;  // the worker holds this run, where it stopped
    dirty_ = false;
    playing_ = false;
    updateButtons();
    status_->setText(last_.folds > 1
                         ? tr("Restored after epoch %1 of fold %2: Play continues the run.").arg(epoch).arg(fold + 1)
                         : tr("Restored after epoch %1: Play continues the run.").arg(epoch));
}

void TrainingView::showSnapshot(const TrainingSnapshot& s) {
    last_.runId = s.runId;
    last_.source = s.source;
    last_.fold = s.fold;
    last_.folds = s.folds;
    last_.epoch = s.epoch;
    last_.epochs = s.epochs;
    last_.step = s.step;
    last_.totalSteps = s.totalSteps;
    last_.learningRate = s.learningRate;
    last_.finished = last_.finished || s.finished;
    last_.playing = s.playing;
    last_.error = s.error;
    last_.weights = s.weights;
    last_.newEpochs.insert(last_.newEpochs.end(), s.newEpochs.begin(), s.newEpochs.end());
    // Every snapshot's data are kept; while training runs, one chart redraws per snapshot (the loss chart every
    // other one), so a frame repaints a single chart and the event loop never stalls. A paused or finished run
    // redraws everything.
    const bool everything = !s.playing || s.finished || !s.error.empty() || s.foldFinished;
    const int turn = frame_++ % 5;
    loss_->add(s, everything || turn == 0 || turn == 2);
    agreement_->add(s, everything || turn == 1);
    if (!s.finiteDifference.empty()) {
        latestViews_.finiteDifference = s.finiteDifference;
        latestViews_.exact = s.exact;
        scatterSourceName_ = QString::fromStdString(setup_.sourceName);
    }
    latestViews_.weights = s.weights;
    latestViews_.neuronInputs = s.neuronInputs;
    if (everything || turn == 3) scatter_->set(latestViews_.finiteDifference, latestViews_.exact, scatterSourceName_);
    if (everything || turn == 4) network_->setState(latestViews_.weights, latestViews_.neuronInputs);
    if (s.confusion.size() > 0) {
        QStringList names;
        for (const std::string& name : setup_.classNames) names << QString::fromStdString(name);
        confusion_->set(s.confusion, names);
    }
    if (!s.map.empty()) map_->set(s.map);
    const double fraction = s.totalSteps > 0 ? static_cast<double>(s.step) / static_cast<double>(s.totalSteps) : 0.0;
    progress_->setValue(static_cast<int>(1000 * fraction));
    progress_->setFormat(QStringLiteral("%1 %").arg(100.0 * fraction, 0, 'f', 1));
    progressText_ = tr("%1 · fold %2/%3 · epoch %4/%5 · %6 elapsed, ~%7 left · lr %8")
                        .arg(QString::fromStdString(setup_.sourceName))
                        .arg(s.fold + 1)
                        .arg(s.folds)
                        .arg(s.epoch)
                        .arg(s.epochs)
                        .arg(duration(s.elapsedSeconds), duration(s.remainingSeconds))
                        .arg(s.learningRate, 0, 'g', 3);
    showProgressText();
    if (s.finished && !s.result.folds.empty()) {
        const int runIndex = finishedRuns_++;
        const QString sourceName =
            runIndex < sourceNames_.size() ? sourceNames_[runIndex] : QString::fromStdString(setup_.sourceName);
        const double held =
            std::isfinite(s.result.validationAccuracy) ? s.result.validationAccuracy : s.result.testAccuracy;
        const int firstBar = static_cast<int>(bars_->bars().size());
        bars_->addRun(sourceName, s.source, s.result);
        // One row per bar, with the same figures.
        for (int b = firstBar; b < bars_->bars().size(); ++b) {
            const AccuracyBarChart::Bar& bar = bars_->bars()[b];
            QStringList folds;
            for (double f : bar.folds) folds << QString::number(100.0 * f, 'f', 1);
            const bool last = b + 1 == bars_->bars().size();
            const QStringList cells = {
                bar.label == bar.group ? bar.label : QStringLiteral("%1, %2").arg(bar.group, bar.label),
                QStringLiteral("%1 ± %2 %").arg(100.0 * bar.mean, 0, 'f', 1).arg(100.0 * bar.deviation, 0, 'f', 1),
                folds.join(QStringLiteral(", ")),
                last ? percent(s.result.trainAccuracy) : QStringLiteral("–"),
                last && std::isfinite(s.result.gradientCosine) ? QString::number(s.result.gradientCosine, 'f', 4)
                                                               : QStringLiteral("–"),
                last ? duration(s.result.seconds) : QStringLiteral("–")};
            const int row = table_->rowCount();
            table_->insertRow(row);
            for (int c = 0; c < cells.size(); ++c) table_->setItem(row, c, new QTableWidgetItem(cells[c]));
        }
        status_->setText(tr("%1 finished: held-out accuracy %2 (mean over %3 folds), gradient cosine %4")
                             .arg(QString::fromStdString(setup_.sourceName), percent(held))
                             .arg(s.result.folds.size())
                             .arg(std::isfinite(s.result.gradientCosine)
                                      ? QString::number(s.result.gradientCosine, 'f', 4)
                                      : QStringLiteral("n/a")));
        if (finishedRuns_ > 1 || bars_->bars().size() > 1) tabs_->setCurrentWidget(comparison_);
    }
    if (!s.error.empty()) status_->setText(tr("Training stopped: %1").arg(QString::fromStdString(s.error)));
    if (!s.playing && playing_ && (s.finished || !s.error.empty() || s.step >= s.totalSteps)) {
        playing_ = false;
        updateButtons();
    }
}

}  // namespace mtj::ui
