// SPDX-License-Identifier: GPL-3.0-or-later
// Checkpoints of an experiment (docs/files.md, "Checkpoints").
#include "network/checkpoint.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "data/loaders.hpp"

namespace mtj {
namespace {

constexpr std::string_view kMagic = "MTJ-EXPLORER-CHECKPOINT\n";
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kDigestBytes = 64;  // SHA-256 in hex

class Writer {
public:
    template <class T>
    void scalar(T value) {
        static_assert(std::is_arithmetic_v<T>);
        unsigned char raw[sizeof(T)];
        std::memcpy(raw, &value, sizeof(T));  // the bits as they are: NaN and every double survive exactly
        // Little-endian on disk, whatever the machine.
        if constexpr (sizeof(T) > 1) {
            const std::uint16_t probe = 1;
            unsigned char first = 0;
            std::memcpy(&first, &probe, 1);
            if (first == 0) std::reverse(raw, raw + sizeof(T));
        }
        bytes_.append(reinterpret_cast<const char*>(raw), sizeof(T));
    }
    void flag(bool value) { scalar<std::uint8_t>(value ? 1 : 0); }
    void text(const std::string& value) {
        scalar<std::uint64_t>(value.size());
        bytes_ += value;
    }
    void doubles(const std::vector<double>& values) {
        scalar<std::uint64_t>(values.size());
        for (double v : values) scalar(v);
    }
    template <class Matrix>
    void matrix(const Matrix& m) {
        scalar<std::int64_t>(m.rows());
        scalar<std::int64_t>(m.cols());
        for (Eigen::Index i = 0; i < m.size(); ++i) scalar(m.data()[i]);
    }
    void parameters(const ParameterSet& p) {
        scalar<std::uint64_t>(p.weights.size());
        for (const auto& w : p.weights) matrix(w);
        scalar<std::uint64_t>(p.biases.size());
        for (const auto& b : p.biases) matrix(b);
    }
    void epoch(const EpochReport& e) {
        scalar<std::int32_t>(e.epoch);
        for (double v : {e.loss, e.trainAccuracy, e.validationAccuracy, e.testAccuracy, e.gradientCosine}) scalar(v);
        doubles(e.layerCosines);
        scalar(e.learningRate);
        flag(e.onModel);
    }
    void epochs(const std::vector<EpochReport>& list) {
        scalar<std::uint64_t>(list.size());
        for (const EpochReport& e : list) epoch(e);
    }
    void deployment(const DeploymentReport& d) {
        flag(d.done);
        scalar<std::int32_t>(d.epoch);
        for (double v : {d.trainAccuracy, d.validationAccuracy, d.testAccuracy}) scalar(v);
    }
    std::string& bytes() { return bytes_; }

private:
    std::string bytes_;
};

class Reader {
public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}
    [[nodiscard]] bool failed() const { return failed_; }
    [[nodiscard]] std::size_t remaining() const { return bytes_.size() - at_; }
    template <class T>
    T scalar() {
        T value{};
        if (failed_ || remaining() < sizeof(T)) {
            failed_ = true;
            return value;
        }
        unsigned char raw[sizeof(T)];
        std::memcpy(raw, bytes_.data() + at_, sizeof(T));
        if constexpr (sizeof(T) > 1) {
            const std::uint16_t probe = 1;
            unsigned char first = 0;
            std::memcpy(&first, &probe, 1);
            if (first == 0) std::reverse(raw, raw + sizeof(T));
        }
        std::memcpy(&value, raw, sizeof(T));
        at_ += sizeof(T);
        return value;
    }
    bool flag() { return scalar<std::uint8_t>() != 0; }
    /// A count of items of at least `itemBytes` each: refused (failed) when the rest of the file cannot hold them.
    std::size_t count(std::size_t itemBytes) {
        const auto n = scalar<std::uint64_t>();
        if (failed_ || (itemBytes > 0 && n > remaining() / itemBytes)) {
            failed_ = true;
            return 0;
        }
        return static_cast<std::size_t>(n);
    }
    std::string text() {
        const std::size_t n = count(1);
        if (failed_) return {};
        std::string value(bytes_.substr(at_, n));
        at_ += n;
        return value;
    }
    std::vector<double> doubles() {
        std::vector<double> values(count(sizeof(double)));
        for (double& v : values) v = scalar<double>();
        return values;
    }
    template <class Matrix>
    Matrix matrix() {
        using Scalar = typename Matrix::Scalar;
        const auto rows = scalar<std::int64_t>(), cols = scalar<std::int64_t>();
        const bool vector = Matrix::ColsAtCompileTime == 1;
        constexpr std::int64_t largest = std::int64_t(1) << 31;  // no layer, no confusion matrix comes near
        if (failed_ || rows < 0 || cols < 0 || rows > largest || cols > largest || (vector && cols != 1) ||
            (cols > 0 &&
             static_cast<std::uint64_t>(rows) > remaining() / sizeof(Scalar) / static_cast<std::uint64_t>(cols))) {
            failed_ = true;
            return Matrix();
        }
        Matrix m(rows, vector ? 1 : cols);
        for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = scalar<Scalar>();
        return m;
    }
    ParameterSet parameters() {
        ParameterSet p;
        p.weights.resize(count(16));
        for (auto& w : p.weights) w = matrix<Eigen::MatrixXf>();
        p.biases.resize(count(16));
        for (auto& b : p.biases) b = matrix<Eigen::VectorXf>();
        return p;
    }
    EpochReport epoch() {
        EpochReport e;
        e.epoch = scalar<std::int32_t>();
        for (double* v : {&e.loss, &e.trainAccuracy, &e.validationAccuracy, &e.testAccuracy, &e.gradientCosine})
            *v = scalar<double>();
        e.layerCosines = doubles();
        e.learningRate = scalar<double>();
        e.onModel = flag();
        return e;
    }
    std::vector<EpochReport> epochs() {
        std::vector<EpochReport> list(count(4 + 5 * 8 + 8 + 8 + 1));
        for (EpochReport& e : list) e = epoch();
        return list;
    }
    DeploymentReport deployment() {
        DeploymentReport d;
        d.done = flag();
        d.epoch = scalar<std::int32_t>();
        for (double* v : {&d.trainAccuracy, &d.validationAccuracy, &d.testAccuracy}) *v = scalar<double>();
        return d;
    }

private:
    std::string_view bytes_;
    std::size_t at_ = 0;
    bool failed_ = false;
};

}  // namespace

std::string encodeCheckpoint(const ExperimentCheckpoint& checkpoint) {
    Writer w;
    w.bytes() += kMagic;
    w.scalar(kVersion);
    w.text(checkpoint.fingerprint);
    w.scalar(checkpoint.seconds);
    w.scalar<std::uint64_t>(checkpoint.finishedFolds.size());
    for (const FoldResult& f : checkpoint.finishedFolds) {
        for (double v : {f.trainAccuracy, f.validationAccuracy, f.testAccuracy}) w.scalar(v);
        w.epochs(f.epochs);
        w.scalar(f.modelValidationAccuracy);
        w.scalar(f.modelTestAccuracy);
        w.deployment(f.deployment);
    }
    w.flag(checkpoint.current.has_value());
    if (checkpoint.current) {
        const TrainerState& s = *checkpoint.current;
        w.scalar<std::int32_t>(s.epoch);
        w.scalar<std::int64_t>(s.step);
        w.flag(s.onDevices);
        w.flag(s.stoppedEarly);
        w.scalar(s.bestValidation);
        w.scalar<std::int32_t>(s.epochsWithoutImprovement);
        w.deployment(s.deployment);
        w.epochs(s.history);
        w.scalar(s.optimizer.learningRate);
        w.scalar<std::int64_t>(s.optimizer.steps);
        w.parameters(s.optimizer.first);
        w.parameters(s.optimizer.second);
        w.parameters(s.network);
        w.flag(s.model.has_value());
        if (s.model) w.parameters(*s.model);
        w.matrix(s.confusion);
    }
    std::string bytes = std::move(w.bytes());
    bytes += sha256Hex(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    return bytes;
}

Status decodeCheckpoint(std::string_view bytes, const std::string& origin, ExperimentCheckpoint& checkpoint) {
    const auto refuse = [&](const std::string& what) { return Status::error(origin + ": " + what); };
    if (bytes.substr(0, kMagic.size()) != kMagic) return refuse("not an MTJ Explorer checkpoint");
    if (bytes.size() < kMagic.size() + kDigestBytes) return refuse("cut short (no checksum)");
    const std::string_view body = bytes.substr(0, bytes.size() - kDigestBytes);
    if (sha256Hex(reinterpret_cast<const std::uint8_t*>(body.data()), body.size()) !=
        bytes.substr(bytes.size() - kDigestBytes))
        return refuse("damaged (its checksum does not match): remove it to start the run afresh");
    Reader r(body.substr(kMagic.size()));
    const auto version = r.scalar<std::uint32_t>();
    if (version != kVersion)
        return refuse("format version " + std::to_string(version) + ", this program reads version " +
                      std::to_string(kVersion));
    ExperimentCheckpoint c;
    c.fingerprint = r.text();
    c.seconds = r.scalar<double>();
    c.finishedFolds.resize(r.count(3 * 8 + 8));
    for (FoldResult& f : c.finishedFolds) {
        for (double* v : {&f.trainAccuracy, &f.validationAccuracy, &f.testAccuracy}) *v = r.scalar<double>();
        f.epochs = r.epochs();
        f.modelValidationAccuracy = r.scalar<double>();
        f.modelTestAccuracy = r.scalar<double>();
        f.deployment = r.deployment();
    }
    if (r.flag()) {
        TrainerState s;
        s.epoch = r.scalar<std::int32_t>();
        s.step = r.scalar<std::int64_t>();
        s.onDevices = r.flag();
        s.stoppedEarly = r.flag();
        s.bestValidation = r.scalar<double>();
        s.epochsWithoutImprovement = r.scalar<std::int32_t>();
        s.deployment = r.deployment();
        s.history = r.epochs();
        s.optimizer.learningRate = r.scalar<double>();
        s.optimizer.steps = r.scalar<std::int64_t>();
        s.optimizer.first = r.parameters();
        s.optimizer.second = r.parameters();
        s.network = r.parameters();
        if (r.flag()) s.model = r.parameters();
        s.confusion = r.matrix<Eigen::MatrixXi>();
        c.current = std::move(s);
    }
    if (r.failed()) return refuse("its contents end before they should (a damaged checkpoint)");
    if (r.remaining() != 0) return refuse("bytes after its contents (a damaged checkpoint)");
    checkpoint = std::move(c);
    return Status::ok();
}

ExperimentResult runExperiment(const ExperimentSpec& spec, const ExperimentProgress& progress,
                               const std::atomic<bool>* stop, const ExperimentCheckpointing& checkpointing) {
    const auto start = std::chrono::steady_clock::now();
    const auto failedWith = [](Status status) {
        ExperimentResult failed;
        failed.status = std::move(status);
        return failed;
    };
    ExperimentPlan plan;
    if (Status s = prepareExperiment(spec, plan, stop); !s) return failedWith(s);
    std::vector<FoldResult> folds;
    std::optional<TrainerState> current;
    double secondsBefore = 0.0;
    if (checkpointing.resume != nullptr) {
        const ExperimentCheckpoint& resume = *checkpointing.resume;
        const std::size_t finished = resume.finishedFolds.size();
        if (finished > plan.parts.size() || (finished == plan.parts.size() && resume.current))
            return failedWith(Status::error("the checkpoint has " + std::to_string(finished) +
                                            " finished folds, and this run has " + std::to_string(plan.parts.size())));
        folds = resume.finishedFolds;
        current = resume.current;
        secondsBefore = resume.seconds;
    }
    const auto elapsed = [&] {
        return secondsBefore + std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    const int foldCount = static_cast<int>(plan.parts.size());
    for (std::size_t f = folds.size(); f < plan.parts.size(); ++f) {
        Trainer run = makeFoldTrainer(plan, f);
        if (current) {
            if (Status s = run.restore(*current); !s) return failedWith(Status::error("checkpoint: " + s.message()));
            current.reset();
        }
        const std::string foldPrefix = foldCount > 1 ? "fold " + std::to_string(f + 1) + ", " : std::string();
        EpochReport epoch;
        while (!run.finished()) {
            if (stop != nullptr && stop->load(std::memory_order_relaxed)) return failedWith(Status::error("stopped"));
            epoch.epoch = 0;
            if (Status s = run.stepBatch(nullptr, &epoch); !s)
                return failedWith(Status::error(foldPrefix + s.message()));
            if (epoch.epoch == 0) continue;
            if (progress) progress(static_cast<int>(f), foldCount, epoch.epoch, run.plannedEpochs());
            if (checkpointing.save) {
                ExperimentCheckpoint checkpoint;
                checkpoint.finishedFolds = folds;
                checkpoint.current = run.state();
                checkpoint.seconds = elapsed();
                if (Status s = checkpointing.save(checkpoint); !s) return failedWith(s);
            }
        }
        folds.push_back(foldResultOf(run));
    }
    return summarizeFolds(std::move(folds), elapsed());
}

}  // namespace mtj
