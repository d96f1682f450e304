// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave and recovery (docs/files.md, "Autosave").
#include "autosave.hpp"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <atomic>
#include <cmath>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "exports.hpp"
#include "json_reading.hpp"
#include "session.hpp"
#include "thread_handoff.hpp"

namespace mtj::app {
namespace {

std::atomic<int> windowsThisProcess{0};

/// Whether the lock beside an autosave file is free: its window is gone (however it ended).
bool lockIsFree(const QString& lockPath) {
    const int fd = ::open(QFile::encodeName(lockPath).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);  // releases it again
    return free;
}

QString lockPathOf(const QString& path) {
    QString lock = path;
    lock.chop(5);  // ".json"
    return lock + QStringLiteral(".lock");
}

QJsonObject runJson(const WindowState& state) {
    // The run's records, cut to the checkpoint the worker took at its last completed epoch: a run continued from
    // it trains the rest again.
    Session session;
    session.preset = state.runPreset;
    session.sources = state.sources;
    session.runs = state.records;
    if (state.checkpoint) trimToCheckpoint(session.runs, *state.checkpoint);
    QJsonObject run = QJsonDocument::fromJson(sessionToJson(session)).object();
    if (state.checkpoint) {
        const std::string bytes = encodeCheckpoint(state.checkpoint->experiment);
        run.insert(
            QStringLiteral("checkpoint"),
            QJsonObject{{"source", state.checkpoint->source},
                        {"steps_at_source_start", static_cast<double>(state.checkpoint->stepsAtSourceStart)},
                        {"live_learning_rate", state.checkpoint->liveLearningRate},
                        {"experiment",
                         QString::fromLatin1(
                             QByteArray::fromRawData(bytes.data(), static_cast<qsizetype>(bytes.size())).toBase64())}});
    }
    return run;
}

/// A record can be saved when the worker has given it a resting point: a checkpoint, or weights in every source.
bool runCanBeSaved(const WindowState& state) {
    if (!state.hasRun || state.records.empty()) return false;
    if (state.checkpoint) return true;
    for (const SourceRecord& r : state.records)
        if (r.last.parameters.weights.empty()) return false;
    return true;
}

}  // namespace

QString autosaveDirectory() {
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString state = environment.value(QStringLiteral("XDG_STATE_HOME"));
    if (state.isEmpty() || QDir::isRelativePath(state)) state = QDir::homePath() + QStringLiteral("/.local/state");
    return state + QStringLiteral("/mtj-explorer/autosave");
}

QByteArray windowStateToJson(WindowState state) {
    QJsonArray undo;
    for (const SettingsHistory::SavedStep& step : state.undoSteps) {
        undo.append(QJsonObject{{"name", step.name},
                                {"before", QJsonDocument::fromJson(step.before).object()},
                                {"after", QJsonDocument::fromJson(step.after).object()}});
    }
    QJsonArray done;
    for (int step : state.lessonStepsDone) done.append(step);
    QJsonObject window{{"preset", QJsonDocument::fromJson(presetToJson(state.preset)).object()},
                       {"preset_path", state.presetPath},
                       {"followed_x", std::isfinite(state.followedX) ? QJsonValue(state.followedX) : QJsonValue()},
                       {"tab", state.tab},
                       {"training_tab", state.trainingTab},
                       {"lesson", state.lessonPath.isEmpty()
                                      ? QJsonValue()
                                      : QJsonValue(QJsonObject{{"path", state.lessonPath}, {"steps_done", done}})},
                       {"undo", QJsonObject{{"index", state.undoIndex}, {"steps", undo}}}};
    const QJsonObject root{{"schema", QLatin1String(autosaveSchema)},
                           {"saved", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                           {"window", window},
                           {"run", runCanBeSaved(state) ? QJsonValue(runJson(state)) : QJsonValue()}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Status parseWindowState(const QByteArray& bytes, const QString& origin, WindowState& out) {
    WindowState state;
    QJsonObject runObject;
    const Status read = json::read(origin, [&] {
        const QJsonObject root = json::parseObject(bytes);
        const QString schema = json::stringAt(root, QString(), "schema");
        if (schema != QLatin1String(autosaveSchema))
            json::failValue(QStringLiteral("schema"), schema, QStringLiteral("must be \"%1\"").arg(autosaveSchema));
        const QJsonObject window = json::asObject(json::member(root, QString(), "window"), QStringLiteral("window"));
        const QJsonObject preset =
            json::asObject(json::member(window, QStringLiteral("window"), "preset"), QStringLiteral("window.preset"));
        json::check(
            parsePreset(QJsonDocument(preset).toJson(), origin + QStringLiteral(": window.preset"), {}, state.preset));
        state.presetPath = json::stringAt(window, QStringLiteral("window"), "preset_path");
        const QJsonValue x = json::member(window, QStringLiteral("window"), "followed_x");
        state.followedX = json::asNumber(x, QStringLiteral("window.followed_x"), true);
        state.tab = static_cast<int>(json::integerAt(window, QStringLiteral("window"), "tab", 0, 2));
        state.trainingTab = static_cast<int>(json::integerAt(window, QStringLiteral("window"), "training_tab", 0, 20));
        const QJsonValue lesson = json::member(window, QStringLiteral("window"), "lesson");
        if (!lesson.isNull()) {
            const QJsonObject l = json::asObject(lesson, QStringLiteral("window.lesson"));
            state.lessonPath = json::stringAt(l, QStringLiteral("window.lesson"), "path");
            const QJsonArray done = json::asArray(json::member(l, QStringLiteral("window.lesson"), "steps_done"),
                                                  QStringLiteral("window.lesson.steps_done"), 1000);
            for (qsizetype i = 0; i < done.size(); ++i) {
                state.lessonStepsDone << static_cast<int>(
                    json::asInteger(done[i], json::index(QStringLiteral("window.lesson.steps_done"), i), 0, 999));
            }
        }
        const QJsonObject undo =
            json::asObject(json::member(window, QStringLiteral("window"), "undo"), QStringLiteral("window.undo"));
        const QJsonArray steps = json::asArray(json::member(undo, QStringLiteral("window.undo"), "steps"),
                                               QStringLiteral("window.undo.steps"), 100000);
        for (qsizetype i = 0; i < steps.size(); ++i) {
            const QString path = json::index(QStringLiteral("window.undo.steps"), i);
            const QJsonObject step = json::asObject(steps[i], path);
            state.undoSteps.push_back(
                {json::stringAt(step, path, "name"),
                 QJsonDocument(json::asObject(json::member(step, path, "before"), json::key(path, "before"))).toJson(),
                 QJsonDocument(json::asObject(json::member(step, path, "after"), json::key(path, "after"))).toJson()});
        }
        state.undoIndex =
            static_cast<int>(json::integerAt(undo, QStringLiteral("window.undo"), "index", 0, steps.size()));
        const QJsonValue run = json::member(root, QString(), "run");
        if (!run.isNull()) runObject = json::asObject(run, QStringLiteral("run"));
    });
    if (!read) return read;
    if (!runObject.isEmpty()) {
        Session session;
        if (Status s = parseSession(QJsonDocument(runObject).toJson(), origin + QStringLiteral(": run"), session); !s)
            return s;
        state.hasRun = true;
        state.runPreset = session.preset;
        state.sources = session.sources;
        state.records = std::move(session.runs);
        if (runObject.contains(QStringLiteral("checkpoint"))) {
            auto checkpoint = std::make_shared<TrainingCheckpoint>();
            const Status c = json::read(origin, [&] {
                const QString path = QStringLiteral("run.checkpoint");
                const QJsonObject o = json::asObject(runObject.value(QStringLiteral("checkpoint")), path);
                checkpoint->source = static_cast<int>(json::integerAt(o, path, "source", 0, 1000));
                checkpoint->stepsAtSourceStart =
                    static_cast<long>(json::integerAt(o, path, "steps_at_source_start", 0, 1LL << 50));
                checkpoint->liveLearningRate = json::numberAt(o, path, "live_learning_rate", false);
                const QByteArray bytes = QByteArray::fromBase64(json::stringAt(o, path, "experiment").toLatin1());
                json::check(decodeCheckpoint(std::string_view(bytes.constData(), bytes.size()),
                                             (origin + QStringLiteral(": run.checkpoint.experiment")).toStdString(),
                                             checkpoint->experiment));
            });
            if (!c) return c;
            if (Status fits = checkpointFits(*checkpoint, state.records); !fits)
                return Status::error((origin + QStringLiteral(": run.checkpoint: ")).toStdString() + fits.message());
            state.checkpoint = std::move(checkpoint);
        }
    }
    out = std::move(state);
    return Status::ok();
}

// ---------------------------------------------------------------------------------------------------------------

AutosaveWriter::~AutosaveWriter() { ui::passThreadHandoffFence(); }

void AutosaveWriter::write(const WindowState& state, const QString& path) {
    const Status status = writeFileAtomically(path, windowStateToJson(state));
    std::lock_guard<std::mutex> fence(ui::threadHandoffFence());  // ui/thread_handoff.hpp
    emit done(status ? QString() : QString::fromStdString(status.message()));
}

Autosave::Autosave(const QString& directory, Capture capture, int delayMs, QObject* parent)
    : QObject(parent), directory_(directory), capture_(std::move(capture)) {
    timer_.setSingleShot(true);
    timer_.setInterval(delayMs);
    connect(&timer_, &QTimer::timeout, this, &Autosave::saveNow);
    if (!QDir().mkpath(directory_)) {
        error_ = tr("cannot create the autosave folder %1").arg(directory_);
        return;
    }
    // A name of this window's own: the process, the time it started and a counter. A lock file that exists already
    // is never taken over (O_EXCL), so a window whose process number repeats one that crashed (a container starts
    // every program as the same process) cannot write over the state still to be restored.
    for (int attempt = 0; attempt < 100 && lockFd_ < 0; ++attempt) {
        const QString stem = QDir(directory_)
                                 .filePath(QStringLiteral("window-%1-%2-%3")
                                               .arg(QCoreApplication::applicationPid())
                                               .arg(QDateTime::currentMSecsSinceEpoch())
                                               .arg(windowsThisProcess.fetch_add(1)));
        path_ = stem + QStringLiteral(".json");
        lockPath_ = stem + QStringLiteral(".lock");
        if (QFileInfo::exists(path_)) continue;
        lockFd_ = ::open(QFile::encodeName(lockPath_).constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    }
    if (lockFd_ < 0 || ::flock(lockFd_, LOCK_EX | LOCK_NB) != 0) {
        if (lockFd_ >= 0) ::close(lockFd_);
        lockFd_ = -1;
        error_ = tr("cannot lock %1").arg(lockPath_);
        return;
    }
    writer_ = new AutosaveWriter;
    writer_->moveToThread(&thread_);
    ui::deleteWhenThreadFinishes(writer_, &thread_);
    thread_.setObjectName(QStringLiteral("autosave"));
    connect(writer_, &AutosaveWriter::done, this, &Autosave::writerDone);
    thread_.start(QThread::LowPriority);
}

Autosave::~Autosave() {
    timer_.stop();
    if (writer_ != nullptr) {
        ui::passThreadHandoffFence();
        thread_.quit();
        thread_.wait();  // a write under way ends first, then the file is removed: a clean exit leaves nothing
        ui::passThreadHandoffFence();
    }
    if (lockFd_ >= 0) {
        QFile::remove(path_);
        QFile::remove(lockPath_);
        ::close(lockFd_);
    }
}

void Autosave::changed() {
    if (!active()) return;
    pendingChange_ = true;
    if (!timer_.isActive()) timer_.start();
}

void Autosave::saveNow() {
    if (!active()) return;
    if (inFlight_ > 0) {  // the previous state is still being written: this one follows it
        timer_.start();
        return;
    }
    pendingChange_ = false;
    QElapsedTimer clock;
    clock.start();
    WindowState state = capture_();
    captureMs_.push_back(static_cast<double>(clock.nsecsElapsed()) * 1e-6);
    ++inFlight_;
    ui::invokeAcrossThreads(writer_,
                            [writer = writer_, state = std::move(state), path = path_] { writer->write(state, path); });
}

void Autosave::writerDone(const QString& error) {
    ui::passThreadHandoffFence();
    --inFlight_;
    if (error.isEmpty()) {
        ++written_;
        emit saved(path_);
    } else {
        emit failed(error);
    }
}

QStringList Autosave::orphans(const QString& directory) {
    QStringList found;
    const QDir dir(directory);
    for (const QFileInfo& file :
         dir.entryInfoList({QStringLiteral("window-*.json")}, QDir::Files, QDir::Time)) {  // newest first
        if (lockIsFree(lockPathOf(file.absoluteFilePath()))) found << file.absoluteFilePath();
    }
    return found;
}

void Autosave::discard(const QString& path) {
    QFile::remove(path);
    QFile::remove(lockPathOf(path));
}

}  // namespace mtj::app
