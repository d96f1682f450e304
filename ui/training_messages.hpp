// The values between the training view (GUI thread) and the training worker (its own thread). Every message carries
// the id of the run it belongs to, so the view drops messages of a run it has replaced. Registered meta-types.
#pragma once

#include <Eigen/Core>
#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <vector>

#include "network/experiment.hpp"

namespace mtj::ui {

/// What the view asks for: the experiment, and the gradient sources to run one after the other (the first is the
/// main run; more than one is a comparison on the same data, devices and seed).
struct TrainingRequest {
    quint64 runId = 0;
    ExperimentSpec spec;
    std::vector<GradientSource> sources;
};

/// Sent once a run is prepared: what the network view draws that does not change while training.
struct TrainingSetup {
    quint64 runId = 0;
    int source = 0;  // index into the request's sources
    QString sourceName;
    std::vector<int> widths;  // inputs, hidden..., classes
    QStringList classNames;
    double xMin = -2.0, xMax = 2.0;  // the devices' input range
    /// Device curves of the first neurons of every hidden layer (layer, neuron) -> y at `curveInputs`.
    std::vector<std::vector<std::vector<double>>> deviceCurves;
    std::vector<double> curveInputs;
    int folds = 1;
    int epochs = 0;
    int batchesPerEpoch = 0;
    bool twoDimensional = false;  // a generated 2-D set: decision map in the input plane
    bool projected = false;       // Iris and other sets: decision map in the plane of two principal components
    std::string error;            // preparation failed
};

struct DecisionMap {
    QImage image;  // class colours over the plane, rows top to bottom
    double xMin = 0, xMax = 1, yMin = 0, yMax = 1;
    std::vector<QPointF> points;  // samples in the plane (validation or test set)
    std::vector<int> labels;
    QString xLabel, yLabel;
};

struct TrainingSnapshot {
    quint64 runId = 0;
    int source = 0;
    int fold = 0, folds = 1;
    int epoch = 0, epochs = 0;
    long step = 0, totalSteps = 0;  // over every fold of this source
    double elapsedSeconds = 0.0, remainingSeconds = 0.0;
    double learningRate = 0.0;
    bool playing = false, finished = false, foldFinished = false;
    std::vector<EpochReport> newEpochs;                  // completed since the last snapshot (this fold)
    std::vector<std::pair<double, double>> batchLosses;  // (fractional epoch, loss) since the last snapshot
    std::vector<std::pair<double, std::vector<float>>> batchCosines;  // (fractional epoch, cosine per hidden layer)
    std::vector<float> finiteDifference, exact;                       // neuron derivatives of the last batch (a sample)
    std::vector<Eigen::MatrixXf> weights;                             // all layers (the network view draws a subset)
    std::vector<std::vector<float>> neuronInputs;  // x of the first neurons of each hidden layer, last batch
    Eigen::MatrixXi confusion;                     // at the last epoch end (validation, else test, else train)
    DecisionMap map;                               // at the last epoch end, when the set has one
    bool hasMap = false;
    DeploymentReport deployment;  // model-then-deploy: this fold's deployment, once done
    ExperimentResult result;      // when finished
    ParameterSet parameters;      // every weight and bias, when paused or finished (sessions)
    std::string error;
};

/// What one fold of one gradient source put on the charts.
struct FoldRecord {
    std::vector<EpochReport> epochs;
    std::vector<std::pair<double, double>> batchLosses;
    std::vector<std::pair<double, std::vector<float>>> batchCosines;
};

/// Everything the view showed of one gradient source, enough to show it again (a session file keeps it).
struct SourceRecord {
    TrainingSetup setup;
    std::vector<FoldRecord> folds;
    /// The newest views, progress and (when finished) result; its series (newEpochs, batchLosses, batchCosines)
    /// are empty: they are in `folds`.
    TrainingSnapshot last;
};

}  // namespace mtj::ui

Q_DECLARE_METATYPE(mtj::ui::TrainingRequest)
Q_DECLARE_METATYPE(mtj::ui::TrainingSetup)
Q_DECLARE_METATYPE(mtj::ui::TrainingSnapshot)
