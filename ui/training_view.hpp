// SPDX-License-Identifier: GPL-3.0-or-later
// TrainingView: the second view of the main window, where a network of MTJ neurons learns while you watch.
// Controls on the left (data set, hidden layers, gradient source, optimiser, learning rate (live), batch size,
// epochs, folds, variability, read noise, seed, comparison); Play/Pause (Space), Step (one batch; Shift+Step one
// epoch), Reset; a progress bar with elapsed and remaining time; live charts (loss and accuracy, gradient agreement,
// derivative scatter) and tabs for the network, the confusion matrix, the decision map and the comparison table.
// The view owns no run: it emits requests and draws what its presenter gives it (app/training_presenter.hpp: the
// worker trains, the run document keeps the record). GUI thread only.
#pragma once

#include <QWidget>

#include "training_messages.hpp"

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QLineEdit;
class QPushButton;
class QProgressBar;
class QLabel;
class QScrollArea;
class QCheckBox;
class QTableWidget;
class QTabWidget;

namespace mtj::ui {

class LossAccuracyChart;
class AgreementChart;
class AccuracyBarChart;
class DerivativeScatter;
class NetworkView;
class ConfusionView;
class DecisionMapView;

class TrainingView : public QWidget {
    Q_OBJECT
public:
    explicit TrainingView(QWidget* parent = nullptr);
    ~TrainingView() override;

    /// Shows a preset's network and training settings; the device, drive and readout come along as the neurons.
    /// The device, drive and readout to train with (from the device explorer), and its variability; the network and
    /// training settings stay. The Devices section says what the run trains with.
    void useDevice(const NeuronSettings& neuron, const VariabilitySettings& variability);
    [[nodiscard]] QString deviceSummary() const;
    void setPreset(const NeuronSettings& neuron, const VariabilitySettings& variability, const NetworkSettings& network,
                   const TrainingSettings& training);
    /// The request the controls describe (sources: the gradient source, or the comparison's when `compare`).
    [[nodiscard]] TrainingRequest currentRequest(bool compare) const;

    // For tests.
    QPushButton* playButton() const { return play_; }
    QPushButton* stepButton() const { return step_; }
    QPushButton* resetButton() const { return reset_; }
    QPushButton* compareButton() const { return compare_; }
    /// The tabs beside the loss chart: network, decision map, confusion matrix and the comparison of runs.
    QTabWidget* chartTabs() const { return tabs_; }
    QComboBox* speedBox() const { return speed_; }
    /// The status line under the controls (what the run is doing, or why it cannot).
    QString statusText() const;
    AgreementChart* agreementChart() const { return agreement_; }
    ConfusionView* confusionView() const { return confusion_; }
    DecisionMapView* decisionMap() const { return map_; }
    QDoubleSpinBox* learningRateBox() const { return learningRate_; }
    LossAccuracyChart* lossChart() const { return loss_; }
    DerivativeScatter* derivativeScatter() const { return scatter_; }
    NetworkView* networkView() const { return network_; }
    /// The progress, weights and state of the newest snapshot drawn (its series accumulate from the run's start).
    [[nodiscard]] const TrainingSnapshot& lastSnapshot() const { return last_; }
    [[nodiscard]] bool running() const { return playing_; }
    QTableWidget* comparisonTable() const { return table_; }
    AccuracyBarChart* accuracyBars() const { return bars_; }

signals:
    /// A new run of the controls' settings (its runId is 0: the run document numbers it).
    void startRequested(const mtj::TrainingRequest& request);
    void playRequested();
    void pauseRequested();
    void stepRequested(int batches);
    void stepEpochRequested();
    void resetRequested();
    void learningRateChanged(double learningRate);
    void neuronOpenRequested(int layer, int neuron);
    /// The speed: 0 = as fast as possible; else epochs (perEpoch) or batches per second.
    void paceChanged(double rate, bool perEpoch);
    /// A training setting was edited (the autosave listens: docs/files.md, "Autosave").
    void settingsEdited();

public slots:
    /// A gradient source of the run begins (every chart keeps the sources before it).
    void showSetup(const mtj::TrainingSetup& setup);
    /// What the run did since the last snapshot.
    void showSnapshot(const mtj::TrainingSnapshot& snapshot);
    /// After a saved run was drawn: the controls describe it, and Play trains a new run.
    void showRestored();
    /// After a restored run was drawn and the worker was put where it stopped: Play continues it (epoch `epoch` of
    /// fold `fold` done), until a setting changes.
    void showResumable(int fold, int epoch);
    void togglePlay();
    void stepOnce();
    /// Every chart, the confusion matrix, the map, the bars and the table back to empty.
    void clearViews();
    void stepBatchOnce();
    void stepEpochOnce();

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildControls();
    /// Sizes that follow the font: the control column's width and the progress text's.
    void fitToFont();
    void fitProgressText();
    void showProgressText();
    QWidget* buildCharts();
    void configurationChanged();
    void ensureStarted(bool compare);
    void updateButtons();

    NeuronSettings neuron_;  // the preset's; the controls override what they show
    VariabilitySettings variability_;
    NetworkSettings networkSettings_;
    TrainingSettings training_;
    QComboBox *dataset_, *gradient_, *optimizer_;
    QLineEdit* hidden_;
    QDoubleSpinBox *learningRate_, *decay_, *variabilitySpread_, *offsetSpread_, *readNoise_, *step_Delta_, *noise2d_;
    QSpinBox *batch_, *epochs_, *folds_, *seed_, *samples_;
    QCheckBox *compareFd_, *compareExact_, *compareNominal_, *compareTanh_;
    QPushButton *play_, *step_, *reset_, *compare_;
    QProgressBar* progress_;
    QLabel *progressLabel_, *status_;
    QLabel* deviceSummary_;
    LossAccuracyChart* loss_;
    AgreementChart* agreement_;
    DerivativeScatter* scatter_;
    NetworkView* network_;
    ConfusionView* confusion_;
    DecisionMapView* map_;
    QTableWidget* table_;
    QComboBox* speed_;
    AccuracyBarChart* bars_;
    QWidget* comparison_;
    QTabWidget* tabs_;
    QScrollArea* controls_ = nullptr;
    int baseFontHeight_ = 0;
    QString
        progressText_;  ///< the full progress text (the label may show it shortened)  ///< the font's height when built: presentation mode scales from it

    bool started_ = false, dirty_ = true, playing_ = false;
    TrainingSetup setup_;
    TrainingSnapshot last_;
    QStringList sourceNames_;
    int finishedRuns_ = 0;          // sources finished on screen: the table's rows are theirs
    int frame_ = 0;                 // which chart redraws on this snapshot (one per frame while training runs)
    QString scatterSourceName_;     // the source whose derivatives the scatter shows
    TrainingSnapshot latestViews_;  // the newest scatter, network and epoch-end data not drawn yet
};

}  // namespace mtj::ui
