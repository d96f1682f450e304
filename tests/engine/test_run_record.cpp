// SPDX-License-Identifier: GPL-3.0-or-later
// The record of a training run (engine/network/run_record.hpp), Qt-free: run numbering, messages of a replaced run
// refused, series accumulated per fold, the newest views kept when a snapshot lacks them, weights only from a
// resting run, results collected, a saved run restored and replayed; and the decision map computed on the engine
// side: every cell is the network's most probable class at the cell's centre, the top row at y = yMax.
#include <QtTest>
#include <cmath>

#include "network/experiment.hpp"
#include "network/run_record.hpp"
#include "neuron_presets.hpp"

using namespace mtj;

namespace {

TrainingSetup setupOf(std::uint64_t runId, int source, int folds = 2) {
    TrainingSetup s;
    s.runId = runId;
    s.source = source;
    s.sourceName = source == 0 ? "device-fd" : "tanh";
    s.widths = {2, 4, 2};
    s.folds = folds;
    s.epochs = 3;
    return s;
}

TrainingSnapshot snapshotOf(std::uint64_t runId, int source, int fold, double loss) {
    TrainingSnapshot s;
    s.runId = runId;
    s.source = source;
    s.fold = fold;
    s.playing = true;
    s.batchLosses = {{0.5, loss}};
    EpochReport e;
    e.epoch = 1;
    e.loss = loss;
    s.newEpochs = {e};
    return s;
}

ExperimentResult resultWith(double accuracy) {
    ExperimentResult r;
    r.validationAccuracy = accuracy;
    FoldResult f;
    f.validationAccuracy = accuracy;
    r.folds = {f};
    return r;
}

}  // namespace

class TestRunRecord : public QObject {
    Q_OBJECT
private slots:
    void eachRunIsNumberedAndAReplacedRunCannotWriteIntoItsSuccessor() {
        RunRecord run;
        QVERIFY(!run.begun());
        TrainingRequest asked;
        asked.sources = {GradientSource::DeviceFiniteDifference};
        const std::uint64_t first = run.begin(asked).runId;
        QVERIFY(first != 0);
        QVERIFY(run.add(setupOf(first, 0)));
        const std::uint64_t second = run.begin(asked).runId;
        QVERIFY(second != first);
        QVERIFY(run.sources().empty());                   // a new run starts empty
        QVERIFY(!run.add(setupOf(first, 0)));             // the replaced run's late setup is refused
        QVERIFY(!run.add(snapshotOf(first, 0, 0, 1.0)));  // and its snapshot
        QVERIFY(run.sources().empty());
        QVERIFY(run.add(setupOf(second, 0)));
        QCOMPARE(run.sources().size(), std::size_t{1});
        QVERIFY(!run.add(snapshotOf(0, 0, 0, 1.0)));  // a message of no run at all
    }

    void seriesAccumulatePerFoldAndTheNewestViewsAreKept() {
        RunRecord run;
        const std::uint64_t id = run.begin({}).runId;
        QVERIFY(run.add(setupOf(id, 0)));
        TrainingSnapshot a = snapshotOf(id, 0, 0, 1.0);
        a.finiteDifference = {0.1f, 0.2f};
        a.exact = {0.1f, 0.25f};
        a.map.resolution = 1;
        a.map.classes = {1};
        a.map.confidence = {0.9f};
        a.confusion = Eigen::MatrixXi::Identity(2, 2);
        QVERIFY(run.add(a));
        QVERIFY(run.add(snapshotOf(id, 0, 0, 0.8)));  // no derivatives, no map, no confusion: the previous stay
        QVERIFY(run.add(snapshotOf(id, 0, 1, 0.7)));  // the second fold
        const SourceRecord& r = run.sources().front();
        QCOMPARE(r.folds.size(), std::size_t{2});
        QCOMPARE(r.folds[0].batchLosses.size(), std::size_t{2});
        QCOMPARE(r.folds[0].batchLosses[1].second, 0.8);
        QCOMPARE(r.folds[0].epochs.size(), std::size_t{2});
        QCOMPARE(r.folds[1].batchLosses.front().second, 0.7);
        QCOMPARE(r.last.fold, 1);
        QVERIFY(r.last.newEpochs.empty() && r.last.batchLosses.empty());  // the series live in the folds
        QCOMPARE(r.last.finiteDifference, a.finiteDifference);
        QCOMPARE(r.last.exact, a.exact);
        QCOMPARE(r.last.map.classes, a.map.classes);
        QCOMPARE(r.last.confusion, a.confusion);
    }

    void messagesThatCannotBelongToTheRunAreRefused() {
        RunRecord run;
        const std::uint64_t id = run.begin({}).runId;
        QVERIFY(!run.add(snapshotOf(id, 0, 0, 1.0)));  // no setup of source 0 yet
        QVERIFY(!run.add(setupOf(id, 1)));             // source 1 before source 0
        QVERIFY(run.sources().empty());
        QVERIFY(run.add(setupOf(id, 0)));
        TrainingSnapshot done = snapshotOf(id, 0, 0, 0.1);
        done.playing = false;
        done.finished = true;
        done.result = resultWith(0.9);
        QVERIFY(run.add(done));
        done.result = resultWith(0.5);
        QVERIFY(!run.add(done));  // a second end of a finished source
        QCOMPARE(run.finishedResults().size(), std::size_t{1});
        QCOMPARE(run.finishedResults()[0].validationAccuracy, 0.9);
        // Reset: the same request begun again under a new id; the old id's messages are refused.
        const std::uint64_t again = run.begin(run.request()).runId;
        QVERIFY(again != id);
        QVERIFY(!run.add(setupOf(id, 0)));
        QVERIFY(run.add(setupOf(again, 0)));
    }

    void weightsComeOnlyFromARestingRun() {
        RunRecord run;
        const std::uint64_t id = run.begin({}).runId;
        QVERIFY(run.add(setupOf(id, 0)));
        TrainingSnapshot resting = snapshotOf(id, 0, 0, 1.0);
        resting.playing = false;
        resting.parameters.weights = {Eigen::MatrixXf::Ones(4, 2), Eigen::MatrixXf::Ones(2, 4)};
        QVERIFY(run.add(resting));
        TrainingSnapshot quiet = snapshotOf(id, 0, 0, 0.9);
        quiet.playing = false;  // at rest without weights: the resting weights stay
        QVERIFY(run.add(quiet));
        QCOMPARE(run.sources().front().last.parameters.weights.size(), std::size_t{2});
        QVERIFY(run.add(snapshotOf(id, 0, 0, 0.8)));  // playing: the weights it rested with are stale
        QVERIFY(run.sources().front().last.parameters.weights.empty());
    }

    void finishedResultsFollowTheSourcesAndClearStartsTheRunAgain() {
        RunRecord run;
        TrainingRequest asked;
        asked.sources = {GradientSource::DeviceFiniteDifference, GradientSource::Tanh};
        const std::uint64_t id = run.begin(asked).runId;
        for (int source = 0; source < 2; ++source) {
            QVERIFY(run.add(setupOf(id, source, 1)));
            TrainingSnapshot done = snapshotOf(id, source, 0, 0.1);
            done.playing = false;
            done.finished = true;
            done.result = resultWith(source == 0 ? 0.9 : 0.8);
            QVERIFY(run.add(done));
            TrainingSnapshot after = snapshotOf(id, source, 0, 0.1);  // a later snapshot carries no result
            after.playing = false;
            after.finished = true;
            QVERIFY(run.add(after));
            QCOMPARE(run.finishedResults().size(), static_cast<std::size_t>(source + 1));
        }
        QCOMPARE(run.finishedResults()[0].validationAccuracy, 0.9);
        QCOMPARE(run.finishedResults()[1].validationAccuracy, 0.8);
        run.clear();  // Reset: the same run from its start
        QVERIFY(run.sources().empty() && run.finishedResults().empty());
        QCOMPARE(run.request().runId, id);
        QVERIFY(run.add(setupOf(id, 0)));  // the worker's messages after Reset carry the same id
    }

    void aRestoredRunIsRelabelledAndReplaysAsItWasRecorded() {
        RunRecord recorded;
        const std::uint64_t id = recorded.begin({}).runId;
        QVERIFY(recorded.add(setupOf(id, 0)));
        QVERIFY(recorded.add(snapshotOf(id, 0, 0, 1.0)));
        QVERIFY(recorded.add(snapshotOf(id, 0, 1, 0.5)));
        TrainingSnapshot done = snapshotOf(id, 0, 1, 0.4);
        done.playing = false;
        done.finished = true;
        done.result = resultWith(0.95);
        QVERIFY(recorded.add(done));

        RunRecord shown;
        shown.begin({});
        shown.begin({});  // the window had other runs before
        const std::uint64_t restoredId = shown.restore(recorded.request(), recorded.sources()).runId;
        QVERIFY(restoredId != id);
        QCOMPARE(shown.sources().front().setup.runId, restoredId);
        QCOMPARE(shown.sources().front().last.runId, restoredId);
        QCOMPARE(shown.finishedResults().size(), std::size_t{1});
        QCOMPARE(shown.finishedResults()[0].validationAccuracy, 0.95);

        // Replayed into an empty record, the snapshots rebuild the same series and the same last state.
        const std::vector<TrainingSnapshot> replay = replaySnapshots(shown.sources().front(), restoredId, 0);
        QCOMPARE(replay.size(), std::size_t{3});  // two folds' series, then the last state at rest
        QVERIFY(replay[0].playing && replay[1].playing && !replay[2].playing);
        RunRecord again;
        const std::uint64_t againId = again.begin({}).runId;
        TrainingSetup setup = shown.sources().front().setup;
        setup.runId = againId;
        QVERIFY(again.add(setup));
        for (TrainingSnapshot s : replay) {
            s.runId = againId;
            QVERIFY(again.add(s));
        }
        const SourceRecord &a = again.sources().front(), &b = recorded.sources().front();
        QCOMPARE(a.folds.size(), b.folds.size());
        for (std::size_t f = 0; f < a.folds.size(); ++f) {
            QCOMPARE(a.folds[f].batchLosses, b.folds[f].batchLosses);
            QCOMPARE(a.folds[f].epochs.size(), b.folds[f].epochs.size());
        }
        QCOMPARE(again.finishedResults().size(), std::size_t{1});
        QCOMPARE(a.last.step, b.last.step);
    }

    void decisionMapCellsAreTheNetworksClassAtTheirCentres() {
        ExperimentSpec spec;
        spec.neuron = testing::defaultNeuron();
        // Without read noise a forward pass of one point is the pass of that point inside the grid (the noise is
        // keyed by the column), so every cell can be checked alone.
        spec.neuron.derivative.readNoise = 0.0;
        spec.network.hidden = {6};
        spec.training.dataset = "moons";
        spec.training.samples = 200;
        spec.training.folds = 0;
        spec.training.epochs = 5;
        ExperimentPlan plan;
        QVERIFY(prepareExperiment(spec, plan, nullptr).isOk());
        Trainer trainer = makeFoldTrainer(plan, 0);
        for (int b = 0; b < 3 * trainer.batchesPerEpoch(); ++b) QVERIFY(trainer.stepBatch(nullptr, nullptr).isOk());
        const Dataset& train = trainer.trainingSet();
        const Dataset& shown = trainer.testSet().size() > 0 ? trainer.testSet() : train;
        constexpr int n = 24;
        const DecisionMap map = computeDecisionMap(trainer.network(), train, shown, n);
        QCOMPARE(map.resolution, n);
        QCOMPARE(map.classes.size(), std::size_t{n * n});
        QCOMPARE(map.confidence.size(), std::size_t{n * n});
        QCOMPARE(map.points.size(), shown.size());
        QCOMPARE(map.labels.size(), shown.size());
        QCOMPARE(map.xLabel, std::string("x1 (standardised)"));
        QVERIFY(map.xMin < map.xMax && map.yMin < map.yMax);
        // Every sample lies inside the map (with its margin).
        for (const auto& p : map.points) {
            QVERIFY(p[0] > map.xMin && p[0] < map.xMax);
            QVERIFY(p[1] > map.yMin && p[1] < map.yMax);
        }
        int classesSeen[2] = {0, 0};
        for (int r = 0; r < n; r += 5) {
            for (int c = 0; c < n; c += 5) {
                const std::size_t cell = static_cast<std::size_t>(r * n + c);
                Eigen::MatrixXf centre(2, 1);
                centre(0, 0) = static_cast<float>(map.xMin + (map.xMax - map.xMin) * (c + 0.5) / n);
                centre(1, 0) = static_cast<float>(map.yMax - (map.yMax - map.yMin) * (r + 0.5) / n);  // top row first
                const Eigen::MatrixXf p = trainer.network().probabilities(centre, 0xDEC15);
                Eigen::Index best = 0;
                const float confidence = p.col(0).maxCoeff(&best);
                QCOMPARE(static_cast<int>(map.classes[cell]), static_cast<int>(best));
                QVERIFY(std::abs(map.confidence[cell] - confidence) < 1e-5f);
                QVERIFY(map.confidence[cell] >= 0.5f - 1e-6f && map.confidence[cell] <= 1.0f);
                ++classesSeen[map.classes[cell]];
            }
        }
        QVERIFY2(classesSeen[0] > 0 && classesSeen[1] > 0, "a trained moons network splits the plane");
    }
};

QTEST_APPLESS_MAIN(TestRunRecord)
#include "test_run_record.moc"
