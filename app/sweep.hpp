// SPDX-License-Identifier: GPL-3.0-or-later
// Sweeps (docs/formats.md, schema "mtj-explorer/sweep-1"): many trainings of one base preset over axes of preset keys and
// seeds, split into deterministic shards that run anywhere (one laptop, GNU parallel over ssh hosts, a Slurm job
// array) and merge into one robustness map.
//
// A sweep file:
//   {"schema": "mtj-explorer/sweep-1", "name": "...", "description": "...",
//    "base": "../deploy-iris.json",                 the base preset, relative to the sweep file
//    "set": ["training.epochs=60"],                 optional --set assignments on the base
//    "axes": [{"key": "variability.relative_sigma", "values": [0, 0.1, 0.2]},
//             {"key": "variability.offset_field_sigma_mT", "range": {"from": 0, "to": 10, "count": 3}}],
//    "seeds": [1, 2, 3]  or  {"from": 1, "count": 5},  each seed sets training.seed and variability.seed
//    "keep": ["final", "folds", "gradient_cosine"]}  which parts of the `train` JSON each run keeps
// The runs are the product of the axes' values (the last axis fastest) and, innermost, the seeds; run k has the id
// "r" + k. Shard i of N (1 <= i <= N) runs the runs k with k % N == i - 1.
//
// `sweep run` writes DIR/plan.json (the resolved sweep) and appends one JSON line per finished run to
// DIR/shard-I-of-N.jsonl, synced to disk; run again, it skips every run finished in any shard file of DIR (a line cut
// short by a crash is dropped), and DIR/shard-I-of-N.lock keeps a second process off the same shard.
// `sweep merge DIR` checks every run of the plan is there exactly once and writes the map (schema
// "mtj-explorer/sweep-map-1"): the plan and the runs in order, each with its settings, seed, kept results and time.
// Main thread; plain values.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

#include "common/status.hpp"
#include "network/robustness_map.hpp"

namespace mtj::app {

inline constexpr const char* sweepSchema = "mtj-explorer/sweep-1";
inline constexpr const char* sweepMapSchema = "mtj-explorer/sweep-map-1";

struct SweepAxis {
    QString key;
    std::vector<QJsonValue> values;
};

struct Sweep {
    QString name, description;
    QJsonObject base;  // the base preset with `set` applied, as a preset file writes it
    std::vector<SweepAxis> axes;
    std::vector<std::uint64_t> seeds;
    QStringList keep;
    QString fingerprint;  // SHA-256 of the resolved plan: lines of another sweep are refused
    [[nodiscard]] int runCount() const;
};

struct SweepRun {
    int index = 0;
    QString id;
    std::vector<int> at;  // per axis, the index of its value
    std::uint64_t seed = 0;
    QStringList assignments;  // KEY=VALUE for the axes and the seed
};

/// Reads and validates a sweep file: every axis key is a preset key and every value of every axis is one the preset
/// reader accepts. parseSweep reads the same from bytes; `directory` is where a relative base preset is found.
Status loadSweep(const QString& path, Sweep& sweep);
Status parseSweep(const QByteArray& json, const QString& origin, const QString& directory, Sweep& sweep);
/// The resolved plan as JSON (DIR/plan.json), and back.
QJsonObject planToJson(const Sweep& sweep);
Status planFromJson(const QJsonObject& plan, const QString& origin, Sweep& sweep);

SweepRun sweepRun(const Sweep& sweep, int index);
/// The runs of shard `shard` of `shards` (1-based), in order.
std::vector<int> shardRuns(const Sweep& sweep, int shard, int shards);

/// What `sweep run` reports as it goes.
struct SweepProgress {
    virtual ~SweepProgress() = default;
    virtual void skipped(int finished, int ofShard) = 0;
    virtual void started(const SweepRun& run, int position, int ofShard) = 0;
    virtual void finished(const SweepRun& run, const QJsonObject& line) = 0;
    /// A run that failed for a reason that is not its own (missing data here): not recorded, it runs again.
    virtual void failed(const SweepRun& run, const QString& message) = 0;
    /// A run continued from the shard's checkpoint: `finishedFolds` folds and `epoch` epochs of the next were done.
    virtual void resumed(const SweepRun& run, int finishedFolds, int epoch) {
        (void)run, (void)finishedFolds, (void)epoch;
    }
};

/// Runs shard `shard` of `shards` into `directory`, resuming: a run with a complete line in any shard file of the
/// folder is skipped. A lock file refuses a second process on the same shard. A run whose training diverged or whose
/// settings the preset reader refuses is recorded with its error; one that failed for another reason (its data is
/// missing on this machine) is not, and the shard ends with an error naming it after running the others.
Status runSweepShard(const Sweep& sweep, int shard, int shards, const QString& directory, SweepProgress& progress);

/// Checks `directory` holds every run of its plan exactly once and writes the merged map to `out`.
Status mergeSweep(const QString& directory, const QString& out, int& runs);

/// Reads a merged map (the window's robustness-map view, `screenshot --map`); parseRobustnessMap from bytes.
Status loadRobustnessMap(const QString& path, RobustnessMap& map);
Status parseRobustnessMap(const QByteArray& json, const QString& origin, RobustnessMap& map);

}  // namespace mtj::app
