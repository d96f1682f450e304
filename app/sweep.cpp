// SPDX-License-Identifier: GPL-3.0-or-later
#include "sweep.hpp"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include "common/durable_file.hpp"
#include "run_checkpoint.hpp"
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <cmath>
#include <limits>
#include <map>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "exports.hpp"
#include "json_reading.hpp"
#include "preset.hpp"
#include "training_run.hpp"

namespace mtj::app {
namespace {

constexpr qint64 maximumSweepBytes = 16LL * 1024 * 1024;
constexpr int maximumRuns = 1000000;
constexpr long long maximumSeed = 9000000000000000LL;  // training.seed and variability.seed accept [0, 9e15]
constexpr qint64 maximumPlanBytes = 64LL * 1024 * 1024;
const QStringList keepable = {QStringLiteral("final"),           QStringLiteral("folds"), QStringLiteral("epochs"),
                              QStringLiteral("gradient_cosine"), QStringLiteral("mode"),  QStringLiteral("gradient")};

/// A value as the sweep writes it: "0.1", "device-fd", "[16,16]"; also its --set text.
QString valueText(const QJsonValue& v) {
    if (v.isString()) return v.toString();
    const QByteArray compact = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(compact.mid(1, compact.size() - 2));
}

Status readFile(const QString& path, qint64 limit, QByteArray& bytes) {
    if (!QFileInfo(path).isFile()) return Status::error(path.toStdString() + ": not a regular file");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::error(path.toStdString() + ": cannot read: " + file.errorString().toStdString());
    if (file.size() > limit) return Status::error(path.toStdString() + ": too large");
    bytes = file.read(limit);
    return Status::ok();
}

QString fingerprintOf(QJsonObject plan) {
    plan.remove(QStringLiteral("fingerprint"));
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(plan).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
            .toHex());
}

std::vector<QJsonValue> axisValues(const QJsonObject& axis, const QString& path) {
    std::vector<QJsonValue> values;
    const bool listed = axis.contains(QStringLiteral("values")), ranged = axis.contains(QStringLiteral("range"));
    if (listed == ranged)
        json::fail(path, QStringLiteral("needs \"values\" (a list) or \"range\" ({from, to, count})"));
    if (listed) {
        const QJsonArray list = json::asArray(axis.value(QStringLiteral("values")), json::key(path, "values"), 1000);
        if (list.isEmpty()) json::fail(json::key(path, "values"), QStringLiteral("needs at least one value"));
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonValue v = list[i];
            if (!(v.isDouble() || v.isString() || v.isArray()))
                json::fail(json::index(json::key(path, "values"), i),
                           QStringLiteral("must be a number, a name or a list"));
            values.push_back(v);
        }
    } else {
        const QString rangePath = json::key(path, "range");
        const QJsonObject range = json::asObject(axis.value(QStringLiteral("range")), rangePath);
        json::refuseUnknown(range, rangePath, {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("count")});
        const double from = json::numberAt(range, rangePath, "from"), to = json::numberAt(range, rangePath, "to");
        const auto count = static_cast<int>(json::integerAt(range, rangePath, "count", 1, 1000));
        if (count == 1 && from != to) json::fail(json::key(rangePath, "count"), QStringLiteral("1 needs from = to"));
        // The ends exactly as written; the values between rounded to 12 significant digits, so that 0.1 to 0.5 in
        // 5 steps reads 0.1, 0.2, 0.3, ... and not 0.30000000000000004.
        for (int k = 0; k < count; ++k) {
            const double v = k == 0 ? from : k == count - 1 ? to : from + (to - from) * k / (count - 1);
            values.emplace_back(QString::number(v, 'g', 12).toDouble());
        }
    }
    return values;
}

/// The sweep's parts that are not the base preset, read from a sweep file or a plan.
void readPlanParts(const QJsonObject& o, Sweep& s) {
    s.name = o.contains(QStringLiteral("name")) ? json::stringAt(o, QString(), "name") : QString();
    s.description = o.contains(QStringLiteral("description")) ? json::stringAt(o, QString(), "description") : QString();
    const QJsonArray axes = json::asArray(json::member(o, QString(), "axes"), QStringLiteral("axes"), 8);
    if (axes.isEmpty()) json::fail(QStringLiteral("axes"), QStringLiteral("needs at least one axis"));
    const QStringList keys = presetKeys();
    QSet<QString> seen;
    for (qsizetype a = 0; a < axes.size(); ++a) {
        const QString path = json::index(QStringLiteral("axes"), a);
        const QJsonObject axis = json::asObject(axes[a], path);
        json::refuseUnknown(axis, path, {QStringLiteral("key"), QStringLiteral("values"), QStringLiteral("range")});
        SweepAxis x;
        x.key = json::stringAt(axis, path, "key");
        if (!keys.contains(x.key))
            json::fail(json::key(path, "key"), QStringLiteral("'%1' is not a preset key").arg(x.key));
        if (x.key == QLatin1String("training.seed") || x.key == QLatin1String("variability.seed"))
            json::fail(json::key(path, "key"), QStringLiteral("seeds are set with \"seeds\", not an axis"));
        if (seen.contains(x.key))
            json::fail(json::key(path, "key"), QStringLiteral("'%1' is an axis twice").arg(x.key));
        seen.insert(x.key);
        x.values = axisValues(axis, path);
        // A value twice makes the same trainings twice and two columns that mean the same: refused.
        for (std::size_t i = 0; i < x.values.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                const QJsonValue &a = x.values[i], &b = x.values[j];
                const bool same = a.isDouble() && b.isDouble() ? a.toDouble() == b.toDouble()
                                                               : valueText(a).trimmed() == valueText(b).trimmed();
                if (same) {
                    json::fail(json::index(json::key(path, "values"), static_cast<qsizetype>(i)),
                               QStringLiteral("repeats values[%1] (%2)").arg(j).arg(valueText(b)));
                }
            }
        }
        s.axes.push_back(std::move(x));
    }
    const QJsonValue seeds = json::member(o, QString(), "seeds");
    if (seeds.isObject()) {
        const QJsonObject range = seeds.toObject();
        json::refuseUnknown(range, QStringLiteral("seeds"), {QStringLiteral("from"), QStringLiteral("count")});
        const auto from = json::integerAt(range, QStringLiteral("seeds"), "from", 0, maximumSeed);
        const auto count = json::integerAt(range, QStringLiteral("seeds"), "count", 1, 1000);
        if (from + count - 1 > maximumSeed) {
            json::fail(QStringLiteral("seeds"), QStringLiteral("from %1 with count %2 ends past %3, the largest seed")
                                                    .arg(from)
                                                    .arg(count)
                                                    .arg(maximumSeed));
        }
        for (long long k = 0; k < count; ++k) s.seeds.push_back(static_cast<std::uint64_t>(from + k));
    } else {
        const QJsonArray list = json::asArray(seeds, QStringLiteral("seeds"), 1000);
        if (list.isEmpty()) json::fail(QStringLiteral("seeds"), QStringLiteral("needs at least one seed"));
        for (qsizetype i = 0; i < list.size(); ++i) {
            s.seeds.push_back(static_cast<std::uint64_t>(
                json::asInteger(list[i], json::index(QStringLiteral("seeds"), i), 0, maximumSeed)));
            for (qsizetype j = 0; j < i; ++j) {
                if (s.seeds[static_cast<std::size_t>(j)] == s.seeds.back())
                    json::fail(json::index(QStringLiteral("seeds"), i), QStringLiteral("repeats seeds[%1]").arg(j));
            }
        }
    }
    s.keep = {QStringLiteral("final"), QStringLiteral("folds"), QStringLiteral("gradient_cosine")};
    if (o.contains(QStringLiteral("keep"))) {
        s.keep.clear();
        const QJsonArray keep = json::asArray(o.value(QStringLiteral("keep")), QStringLiteral("keep"), 16);
        for (qsizetype i = 0; i < keep.size(); ++i) {
            const QString part = json::asString(keep[i], json::index(QStringLiteral("keep"), i));
            if (!keepable.contains(part)) {
                json::fail(json::index(QStringLiteral("keep"), i),
                           QStringLiteral("must be one of %1").arg(keepable.join(QStringLiteral(", "))));
            }
            s.keep << part;
        }
        if (!s.keep.contains(QStringLiteral("final")))
            json::fail(QStringLiteral("keep"), QStringLiteral("needs \"final\" (the map is made of it)"));
    }
    double runs = static_cast<double>(s.seeds.size());
    for (const SweepAxis& axis : s.axes) runs *= static_cast<double>(axis.values.size());
    if (runs > maximumRuns)
        json::fail(QStringLiteral("axes"), QStringLiteral("make %1 runs, more than %2").arg(runs).arg(maximumRuns));
}

QJsonObject runLine(const Sweep& sweep, const SweepRun& run) {
    QJsonObject settings;
    for (std::size_t a = 0; a < sweep.axes.size(); ++a)
        settings.insert(sweep.axes[a].key, sweep.axes[a].values[static_cast<std::size_t>(run.at[a])]);
    return {{"sweep", sweep.fingerprint},
            {"run", run.index},
            {"id", run.id},
            {"seed", static_cast<double>(run.seed)},
            {"settings", settings}};
}

/// Reads a shard file's lines: `complete` holds each finished line's (line number, object); `cut` is true when the
/// file ends inside a line (a crash mid-write). A finished line that is not a JSON object is an error.
Status readLines(const QString& path, std::vector<std::pair<int, QJsonObject>>& complete, bool& cut, QByteArray& kept) {
    QByteArray bytes;
    if (Status s = readFile(path, 4LL * 1024 * 1024 * 1024, bytes); !s) return s;
    const qsizetype end = bytes.lastIndexOf('\n') + 1;
    cut = end < bytes.size();
    kept = bytes.left(end);
    int number = 0;
    for (const QByteArray& line : kept.split('\n')) {
        ++number;
        if (line.trimmed().isEmpty()) continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            return Status::error(QStringLiteral("%1:%2: not a run's JSON line (%3)")
                                     .arg(path)
                                     .arg(number)
                                     .arg(error.errorString())
                                     .toStdString());
        }
        complete.emplace_back(number, doc.object());
    }
    return Status::ok();
}

Status appendLine(const QString& path, const QJsonObject& line) {
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    return appendDurably(QFile::encodeName(path).toStdString(), std::string_view(bytes.constData(), bytes.size()));
}

/// What is wrong with a run's line, or empty: another sweep's, a run the plan does not have, a wrong id. `k` is the
/// run's index when the line is right.
QString lineProblem(const Sweep& sweep, const QJsonObject& line, int& k) {
    if (line.value(QStringLiteral("sweep")).toString() != sweep.fingerprint)
        return QStringLiteral("a run of another sweep");
    k = line.value(QStringLiteral("run")).toInt(-1);
    if (k < 0 || k >= sweep.runCount())
        return QStringLiteral("run %1 is not in the plan (0 to %2)").arg(k).arg(sweep.runCount() - 1);
    const QString id = sweepRun(sweep, k).id;
    if (line.value(QStringLiteral("id")).toString() != id)
        return QStringLiteral("run %1 must have the id %2").arg(k).arg(id);
    return {};
}

/// An exclusive lock (flock) on DIR/shard-I-of-N.lock while the shard runs: a second process on the same shard (a
/// requeued Slurm task whose first copy still runs, a rerun while a lost host still works) is refused instead of
/// writing the same runs twice. The kernel releases it when the process ends, however it ends.
class ShardLock {
public:
    ShardLock() = default;
    ShardLock(const ShardLock&) = delete;
    ShardLock& operator=(const ShardLock&) = delete;
    ~ShardLock() {
        if (fd_ >= 0) ::close(fd_);
    }
    Status acquire(const QString& path, int shard, int shards) {
        fd_ = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ < 0) return Status::error(path.toStdString() + ": cannot create the lock: " + std::strerror(errno));
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            return Status::error(QStringLiteral("shard %1/%2 is running in another process (%3 is held): wait for it "
                                                "to end, or stop it first")
                                     .arg(shard)
                                     .arg(shards)
                                     .arg(path)
                                     .toStdString());
        }
        return Status::ok();
    }

private:
    int fd_ = -1;
};

/// Reads every shard file of the folder, in name order. A file that ends inside a line goes to `cut` (its path and
/// its complete lines) first; then each complete line is checked against the plan and given to `visit` (its place
/// "shard-I-of-N.jsonl:LINE", its run, the line). The first problem, or the first error of cut or visit, ends it.
template <class Cut, class Visit>
Status readShardFiles(const QDir& dir, const Sweep& sweep, Cut&& cut, Visit&& visit) {
    const QStringList files = dir.entryList({QStringLiteral("*.jsonl")}, QDir::Files, QDir::Name);
    for (const QString& name : files) {
        const QString path = dir.filePath(name);
        std::vector<std::pair<int, QJsonObject>> lines;
        bool cutShort = false;
        QByteArray kept;
        if (Status s = readLines(path, lines, cutShort, kept); !s) return s;
        if (cutShort) {
            if (Status s = cut(path, kept); !s) return s;
        }
        for (const auto& [number, line] : lines) {
            const QString place = QStringLiteral("%1:%2").arg(name).arg(number);
            int k = -1;
            if (const QString problem = lineProblem(sweep, line, k); !problem.isEmpty())
                return Status::error((place + QStringLiteral(": ") + problem).toStdString());
            if (Status s = visit(place, k, line); !s) return s;
        }
    }
    return Status::ok();
}

}  // namespace

int Sweep::runCount() const {
    long long runs = static_cast<long long>(seeds.size());
    for (const SweepAxis& axis : axes) runs *= static_cast<long long>(axis.values.size());
    return static_cast<int>(runs);
}

QJsonObject planToJson(const Sweep& sweep) {
    QJsonArray axes, seeds;
    for (const SweepAxis& axis : sweep.axes) {
        QJsonArray values;
        for (const QJsonValue& v : axis.values) values.append(v);
        axes.append(QJsonObject{{"key", axis.key}, {"values", values}});
    }
    for (std::uint64_t s : sweep.seeds) seeds.append(static_cast<double>(s));
    QJsonObject plan{{"schema", QLatin1String(sweepSchema)},
                     {"name", sweep.name},
                     {"description", sweep.description},
                     {"base", sweep.base},
                     {"axes", axes},
                     {"seeds", seeds},
                     {"keep", QJsonArray::fromStringList(sweep.keep)}};
    plan.insert(QStringLiteral("fingerprint"), fingerprintOf(plan));
    return plan;
}

Status planFromJson(const QJsonObject& plan, const QString& origin, Sweep& sweep) {
    return json::read(origin, [&] {
        Sweep s;
        json::refuseUnknown(
            plan, QString(),
            {QStringLiteral("schema"), QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("base"),
             QStringLiteral("axes"), QStringLiteral("seeds"), QStringLiteral("keep"), QStringLiteral("fingerprint")});
        if (json::stringAt(plan, QString(), "schema") != QLatin1String(sweepSchema))
            json::fail(QStringLiteral("schema"), QStringLiteral("must be \"%1\"").arg(QLatin1String(sweepSchema)));
        s.base = json::asObject(json::member(plan, QString(), "base"), QStringLiteral("base"));
        Preset base;
        if (Status st = parsePreset(QJsonDocument(s.base).toJson(), origin + QStringLiteral(": base"), {}, base); !st)
            json::failWith(st);
        readPlanParts(plan, s);
        s.fingerprint = fingerprintOf(plan);
        if (json::stringAt(plan, QString(), "fingerprint") != s.fingerprint)
            json::fail(QStringLiteral("fingerprint"), QStringLiteral("does not match the plan (the file was edited)"));
        sweep = std::move(s);
    });
}

Status loadSweep(const QString& path, Sweep& sweep) {
    QByteArray bytes;
    if (Status s = readFile(path, maximumSweepBytes, bytes); !s) return s;
    return parseSweep(bytes, path, QFileInfo(path).absolutePath(), sweep);
}

Status parseSweep(const QByteArray& bytes, const QString& path, const QString& directory, Sweep& sweep) {
    return json::read(path, [&] {
        const QJsonObject o = json::parseObject(bytes);
        json::refuseUnknown(
            o, QString(),
            {QStringLiteral("schema"), QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("base"),
             QStringLiteral("set"), QStringLiteral("axes"), QStringLiteral("seeds"), QStringLiteral("keep")});
        const QString schema = json::stringAt(o, QString(), "schema");
        if (schema != QLatin1String(sweepSchema)) {
            json::fail(
                QStringLiteral("schema"),
                QStringLiteral("must be \"%1\" (a sweep file), not \"%2\"").arg(QLatin1String(sweepSchema), schema));
        }
        Sweep s;
        QStringList set;
        if (o.contains(QStringLiteral("set"))) {
            const QJsonArray list = json::asArray(o.value(QStringLiteral("set")), QStringLiteral("set"), 1000);
            for (qsizetype i = 0; i < list.size(); ++i)
                set << json::asString(list[i], json::index(QStringLiteral("set"), i));
        }
        const QString basePath = QDir(directory).filePath(json::stringAt(o, QString(), "base"));  // relative to it
        Preset base;
        if (Status st = loadPreset(basePath, set, base); !st) json::failWith(st);
        s.base = QJsonDocument::fromJson(presetToJson(base)).object();
        readPlanParts(o, s);
        // Every value of every axis applied alone to the base: a value the preset reader refuses is named here,
        // before any run starts (a combination that fails to train is recorded in its run's line).
        for (std::size_t a = 0; a < s.axes.size(); ++a) {
            for (std::size_t v = 0; v < s.axes[a].values.size(); ++v) {
                const QString assignment = s.axes[a].key + QLatin1Char('=') + valueText(s.axes[a].values[v]);
                Preset check;
                if (Status st = parsePreset(QJsonDocument(s.base).toJson(), basePath, {assignment}, check); !st) {
                    json::fail(
                        json::index(json::key(json::index(QStringLiteral("axes"), static_cast<qsizetype>(a)), "values"),
                                    static_cast<qsizetype>(v)),
                        QString::fromStdString(st.message()));
                }
            }
        }
        s.fingerprint = planToJson(s).value(QStringLiteral("fingerprint")).toString();
        sweep = std::move(s);
    });
}

SweepRun sweepRun(const Sweep& sweep, int index) {
    SweepRun run;
    run.index = index;
    const int digits = std::max(3, static_cast<int>(QString::number(std::max(0, sweep.runCount() - 1)).size()));
    run.id = QStringLiteral("r%1").arg(index, digits, 10, QLatin1Char('0'));
    int rest = index;
    run.seed = sweep.seeds[static_cast<std::size_t>(rest % static_cast<int>(sweep.seeds.size()))];
    rest /= static_cast<int>(sweep.seeds.size());
    run.at.assign(sweep.axes.size(), 0);
    for (std::size_t a = sweep.axes.size(); a-- > 0;) {
        const int n = static_cast<int>(sweep.axes[a].values.size());
        run.at[a] = rest % n;
        rest /= n;
    }
    for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
        run.assignments << sweep.axes[a].key + QLatin1Char('=') +
                               valueText(sweep.axes[a].values[static_cast<std::size_t>(run.at[a])]);
    }
    run.assignments << QStringLiteral("training.seed=%1").arg(run.seed)
                    << QStringLiteral("variability.seed=%1").arg(run.seed);
    return run;
}

std::vector<int> shardRuns(const Sweep& sweep, int shard, int shards) {
    std::vector<int> runs;
    for (int k = shard - 1; k < sweep.runCount(); k += shards) runs.push_back(k);
    return runs;
}

Status runSweepShard(const Sweep& sweep, int shard, int shards, const QString& directory, SweepProgress& progress) {
    if (!QDir().mkpath(directory)) return Status::error(directory.toStdString() + ": cannot create the folder");
    const QDir dir(directory);
    // The plan: written once, the same by every shard; a folder of another sweep is refused. Written when absent and
    // read back, so that of two shards of different sweeps starting at once the one whose plan lost is refused.
    const QString planPath = dir.filePath(QStringLiteral("plan.json"));
    if (!QFileInfo::exists(planPath)) {
        if (Status s = writeFileAtomically(planPath, QJsonDocument(planToJson(sweep)).toJson(QJsonDocument::Indented));
            !s) {
            return s;
        }
    }
    {
        QByteArray bytes;
        if (Status s = readFile(planPath, maximumPlanBytes, bytes); !s) return s;
        const QJsonDocument there = QJsonDocument::fromJson(bytes);
        if (!there.isObject()) return Status::error(planPath.toStdString() + ": not valid JSON (a damaged plan)");
        if (there.object().value(QStringLiteral("fingerprint")).toString() != sweep.fingerprint) {
            return Status::error(planPath.toStdString() +
                                 ": holds the plan of another sweep (or of this one before an edit): use another --out "
                                 "folder");
        }
    }
    const QString shardPath = dir.filePath(QStringLiteral("shard-%1-of-%2.jsonl").arg(shard).arg(shards));
    ShardLock lock;
    if (Status s =
            lock.acquire(dir.filePath(QStringLiteral("shard-%1-of-%2.lock").arg(shard).arg(shards)), shard, shards);
        !s) {
        return s;
    }
    // What is finished: every run with a complete line in any shard file of the folder (a sweep run again with
    // another number of shards skips what the first split finished). A line cut short in this shard's own file (a
    // crash or a preemption while writing) is dropped: its run runs again.
    QSet<int> done;
    if (Status s = readShardFiles(
            dir, sweep,
            [&](const QString& path, const QByteArray& kept) {
                return path == shardPath ? writeFileAtomically(shardPath, kept) : Status::ok();
            },
            [&](const QString&, int k, const QJsonObject&) {
                done.insert(k);
                return Status::ok();
            });
        !s) {
        return Status::error(s.message() + " (remove that line, or use another --out folder)");
    }
    const std::vector<int> mine = shardRuns(sweep, shard, shards);
    int finished = 0;
    for (int k : mine) finished += done.contains(k) ? 1 : 0;
    progress.skipped(finished, static_cast<int>(mine.size()));
    const QByteArray base = QJsonDocument(sweep.base).toJson();
    const QString checkpointPath = dir.filePath(QStringLiteral("shard-%1-of-%2.checkpoint").arg(shard).arg(shards));
    QStringList failures;
    int position = 0;
    for (int k : mine) {
        ++position;
        if (done.contains(k)) continue;
        const SweepRun run = sweepRun(sweep, k);
        progress.started(run, position, static_cast<int>(mine.size()));
        QJsonObject line = runLine(sweep, run);
        Preset preset;
        QElapsedTimer clock;
        clock.start();
        if (Status s = parsePreset(base, QStringLiteral("plan"), run.assignments, preset); !s) {
            // A combination of values the preset reader refuses: a property of the run, recorded.
            line.insert(QStringLiteral("error"), QString::fromStdString(s.message()));
            line.insert(QStringLiteral("result"), QJsonValue::Null);
        } else {
            // The run's training checkpointed after every epoch in the shard's own file (the lock above keeps it
            // the shard's): a shard stopped in the middle of a run continues that run where it was.
            ResumeReport resumedFrom;
            const ExperimentResult result =
                runCheckpointed(preset, checkpointPath, {}, nullptr, &resumedFrom, OtherRunCheckpoint::Replace);
            if (resumedFrom.resumed) progress.resumed(run, resumedFrom.finishedFolds, resumedFrom.epoch);
            if (!result.status) {
                const QString message = QString::fromStdString(result.status.message());
                // A diverged training is the run's result; anything else (missing data on this machine, a stop) is
                // not: nothing is written, and the run runs again when the shard runs again.
                if (!message.contains(QLatin1String("training diverged"))) {
                    failures << QStringLiteral("%1: %2").arg(run.id, message);
                    progress.failed(run, message);
                    continue;
                }
                line.insert(QStringLiteral("error"), message);
                line.insert(QStringLiteral("result"), QJsonValue::Null);
            } else {
                const QJsonObject full = QJsonDocument::fromJson(experimentToJson(preset, result)).object();
                QJsonObject kept;
                for (const QString& part : sweep.keep) kept.insert(part, full.value(part));
                line.insert(QStringLiteral("result"), kept);
            }
        }
        line.insert(QStringLiteral("seconds"), static_cast<double>(clock.nsecsElapsed()) * 1e-9);
        if (Status s = appendLine(shardPath, line); !s) return s;
        QFile::remove(checkpointPath);  // recorded: its checkpoint is done with (a later run would replace it anyway)
        progress.finished(run, line);
    }
    if (!failures.isEmpty()) {
        return Status::error(
            QStringLiteral("%1 of %2 runs failed and were not recorded (they run again when this shard "
                           "runs again): %3")
                .arg(failures.size())
                .arg(mine.size())
                .arg(failures.join(QStringLiteral("; ")))
                .toStdString());
    }
    return Status::ok();
}

Status mergeSweep(const QString& directory, const QString& out, int& runs) {
    const QDir dir(directory);
    const QString planPath = dir.filePath(QStringLiteral("plan.json"));
    QByteArray bytes;
    if (Status s = readFile(planPath, maximumPlanBytes, bytes); !s)
        return Status::error(s.message() + " (a sweep's --out folder holds plan.json)");
    QJsonParseError error;
    const QJsonDocument planDoc = QJsonDocument::fromJson(bytes, &error);
    if (!planDoc.isObject()) return Status::error(planPath.toStdString() + ": not valid JSON");
    Sweep sweep;
    if (Status s = planFromJson(planDoc.object(), planPath, sweep); !s) return s;
    const int expected = sweep.runCount();
    std::vector<QJsonObject> found(static_cast<std::size_t>(expected));
    std::vector<QString> where(static_cast<std::size_t>(expected));
    const Status read = readShardFiles(
        dir, sweep,
        [](const QString& path, const QByteArray&) {
            return Status::error(path.toStdString() +
                                 ": ends inside a line (the shard was stopped while writing): run that shard again, it "
                                 "resumes");
        },
        [&](const QString& place, int k, const QJsonObject& line) {
            if (!where[static_cast<std::size_t>(k)].isEmpty()) {
                return Status::error(QStringLiteral("run %1 is there twice: %2 and %3")
                                         .arg(sweepRun(sweep, k).id, where[static_cast<std::size_t>(k)], place)
                                         .toStdString());
            }
            where[static_cast<std::size_t>(k)] = place;
            QJsonObject entry = line;
            entry.remove(QStringLiteral("sweep"));
            found[static_cast<std::size_t>(k)] = entry;
            return Status::ok();
        });
    if (!read) return read;
    QStringList missing;
    for (int k = 0; k < expected; ++k) {
        if (where[static_cast<std::size_t>(k)].isEmpty()) missing << sweepRun(sweep, k).id;
    }
    if (!missing.isEmpty()) {
        const QString listed =
            missing.size() > 10 ? QStringList(missing.mid(0, 10)).join(QStringLiteral(", ")) + QStringLiteral(", ...")
                                : missing.join(QStringLiteral(", "));
        return Status::error(QStringLiteral("%1 of %2 runs are missing: %3 (run their shards again: finished runs are "
                                            "skipped)")
                                 .arg(missing.size())
                                 .arg(expected)
                                 .arg(listed)
                                 .toStdString());
    }
    QJsonArray all;
    for (const QJsonObject& entry : found) all.append(entry);
    const QJsonObject map{{"schema", QLatin1String(sweepMapSchema)}, {"plan", planToJson(sweep)}, {"runs", all}};
    runs = expected;
    return writeFileAtomically(out, QJsonDocument(map).toJson(QJsonDocument::Indented));
}

Status loadRobustnessMap(const QString& path, RobustnessMap& map) {
    QByteArray bytes;
    if (Status s = readFile(path, 4LL * 1024 * 1024 * 1024, bytes); !s) return s;
    return parseRobustnessMap(bytes, path, map);
}

Status parseRobustnessMap(const QByteArray& bytes, const QString& path, RobustnessMap& map) {
    return json::read(path, [&] {
        const QJsonObject o = json::parseObject(bytes);
        if (json::stringAt(o, QString(), "schema") != QLatin1String(sweepMapSchema)) {
            json::fail(QStringLiteral("schema"),
                       QStringLiteral("must be \"%1\" (sweep merge writes it)").arg(QLatin1String(sweepMapSchema)));
        }
        Sweep sweep;
        if (Status s = planFromJson(json::asObject(json::member(o, QString(), "plan"), QStringLiteral("plan")),
                                    path + QStringLiteral(": plan"), sweep);
            !s) {
            json::failWith(s);
        }
        RobustnessMap m;
        m.name = sweep.name.toStdString();
        m.description = sweep.description.toStdString();
        for (const SweepAxis& axis : sweep.axes) {
            RobustnessAxis a;
            a.key = axis.key.toStdString();
            for (const QJsonValue& v : axis.values) a.values.push_back(valueText(v).toStdString());
            m.axes.push_back(std::move(a));
        }
        const QJsonArray runs = json::asArray(json::member(o, QString(), "runs"), QStringLiteral("runs"));
        if (runs.size() != sweep.runCount())
            json::fail(QStringLiteral("runs"),
                       QStringLiteral("has %1 runs, the plan %2").arg(runs.size()).arg(sweep.runCount()));
        constexpr double none = std::numeric_limits<double>::quiet_NaN();
        auto figure = [&](const QJsonObject& final, const QString& where, const char* name) {
            return final.contains(QLatin1String(name)) ? json::numberAt(final, where, name, true) : none;
        };
        for (qsizetype i = 0; i < runs.size(); ++i) {
            const QString where = json::index(QStringLiteral("runs"), i);
            const QJsonObject line = json::asObject(runs[i], where);
            const SweepRun plan = sweepRun(sweep, static_cast<int>(i));
            if (json::integerAt(line, where, "run", 0, maximumRuns) != i)
                json::fail(json::key(where, "run"), QStringLiteral("must be %1 (the runs in order)").arg(i));
            RobustnessRun r;
            r.index = static_cast<int>(i);
            r.id = plan.id.toStdString();
            r.seed = plan.seed;
            r.at = plan.at;
            r.heldOut = r.train = r.gradientCosine = r.model = r.deployed = none;
            if (line.contains(QStringLiteral("error"))) {
                r.error = json::stringAt(line, where, "error").toStdString();
            } else {
                const QString resultPath = json::key(where, "result");
                const QJsonObject result = json::asObject(json::member(line, where, "result"), resultPath);
                const QString finalPath = json::key(resultPath, "final");
                const QJsonObject final = json::asObject(json::member(result, resultPath, "final"), finalPath);
                const double validation = figure(final, finalPath, "validation_accuracy");
                r.heldOut = std::isfinite(validation) ? validation : figure(final, finalPath, "test_accuracy");
                r.train = figure(final, finalPath, "train_accuracy");
                r.gradientCosine = figure(result, resultPath, "gradient_cosine");
                const double model = figure(final, finalPath, "model_validation_accuracy");
                r.model = std::isfinite(model) ? model : figure(final, finalPath, "model_test_accuracy");
                const double deployed = figure(final, finalPath, "deployed_validation_accuracy");
                r.deployed = std::isfinite(deployed) ? deployed : figure(final, finalPath, "deployed_test_accuracy");
            }
            m.runs.push_back(std::move(r));
        }
        map = std::move(m);
    });
}

}  // namespace mtj::app
