// SPDX-License-Identifier: GPL-3.0-or-later
#include "session.hpp"

#include "device/device_model.hpp"

#include "json_reading.hpp"

#include <QColor>
#include <QImage>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <algorithm>
#include <cmath>
#include <limits>
#include <new>

#include "device/variability.hpp"

namespace mtj::app {
namespace {

// ---------------------------------------------------------------------------------------------------------------
// Writing

QJsonValue number(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); }

template <class Values>
QJsonArray numbers(const Values& values) {
    QJsonArray a;
    for (double v : values) a.append(number(v));
    return a;
}

/// float32 values, little-endian, base64: exact and compact.
QString packFloats(const float* data, Eigen::Index count) {
    QByteArray bytes(static_cast<qsizetype>(count * 4), Qt::Uninitialized);
    for (Eigen::Index i = 0; i < count; ++i) qToLittleEndian(data[i], bytes.data() + 4 * i);
    return QString::fromLatin1(bytes.toBase64());
}

QJsonObject matrixJson(const Eigen::MatrixXf& m) {
    const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows = m;  // row by row
    return {{"rows", static_cast<int>(m.rows())},
            {"cols", static_cast<int>(m.cols())},
            {"float32", packFloats(rows.data(), rows.size())}};
}

QJsonObject vectorJson(const Eigen::VectorXf& v) {
    return {{"size", static_cast<int>(v.size())}, {"float32", packFloats(v.data(), v.size())}};
}

QJsonObject epochJson(const EpochReport& e) {
    return {{"epoch", e.epoch},
            {"loss", number(e.loss)},
            {"train_accuracy", number(e.trainAccuracy)},
            {"validation_accuracy", number(e.validationAccuracy)},
            {"test_accuracy", number(e.testAccuracy)},
            {"gradient_cosine", number(e.gradientCosine)},
            {"layer_cosines", numbers(e.layerCosines)},
            {"learning_rate", number(e.learningRate)}};
}

QJsonArray epochsJson(const std::vector<EpochReport>& epochs) {
    QJsonArray a;
    for (const EpochReport& e : epochs) a.append(epochJson(e));
    return a;
}

QJsonObject setupJson(const TrainingSetup& s) {
    QJsonArray widths, curves;
    for (int w : s.widths) widths.append(w);
    for (const auto& layer : s.deviceCurves) {
        QJsonArray l;
        for (const auto& curve : layer) l.append(numbers(curve));
        curves.append(l);
    }
    QJsonArray names;
    for (const std::string& name : s.classNames) names.append(QString::fromStdString(name));
    return {{"source_name", QString::fromStdString(s.sourceName)},
            {"widths", widths},
            {"class_names", names},
            {"x_min", s.xMin},
            {"x_max", s.xMax},
            {"curve_inputs", numbers(s.curveInputs)},
            {"device_curves", curves},
            {"folds", s.folds},
            {"epochs", s.epochs},
            {"batches_per_epoch", s.batchesPerEpoch},
            {"two_dimensional", s.twoDimensional},
            {"projected", s.projected}};
}

QJsonObject foldJson(const FoldRecord& f) {
    QJsonArray losses, cosines;
    for (const auto& [x, loss] : f.batchLosses) losses.append(QJsonArray{number(x), number(loss)});
    for (const auto& [x, values] : f.batchCosines) {
        QJsonArray row{number(x)};
        for (float c : values) row.append(number(c));
        cosines.append(row);
    }
    return {{"epochs", epochsJson(f.epochs)}, {"batch_losses", losses}, {"batch_cosines", cosines}};
}

QJsonValue resultJson(const ExperimentResult& r, bool finished) {
    if (!finished) return QJsonValue::Null;
    QJsonArray folds;
    for (const FoldResult& f : r.folds) {
        folds.append(QJsonObject{{"train_accuracy", number(f.trainAccuracy)},
                                 {"validation_accuracy", number(f.validationAccuracy)},
                                 {"test_accuracy", number(f.testAccuracy)},
                                 {"epochs", epochsJson(f.epochs)}});
    }
    return QJsonObject{{"train_accuracy", number(r.trainAccuracy)},
                       {"validation_accuracy", number(r.validationAccuracy)},
                       {"test_accuracy", number(r.testAccuracy)},
                       {"gradient_cosine", number(r.gradientCosine)},
                       {"seconds", number(r.seconds)},
                       {"folds", folds},
                       {"mean_epochs", epochsJson(r.meanEpochs)}};
}

QJsonValue mapJson(const DecisionMap& m) {
    if (m.empty()) return QJsonValue::Null;
    QJsonArray points, labels;
    for (const auto& p : m.points) points.append(QJsonArray{p[0], p[1]});
    for (int l : m.labels) labels.append(l);
    const QByteArray classes(reinterpret_cast<const char*>(m.classes.data()), static_cast<qsizetype>(m.classes.size()));
    return QJsonObject{{"resolution", m.resolution},
                       {"classes", QString::fromLatin1(classes.toBase64())},
                       {"confidence", packFloats(m.confidence.data(), static_cast<Eigen::Index>(m.confidence.size()))},
                       {"x_min", m.xMin},
                       {"x_max", m.xMax},
                       {"y_min", m.yMin},
                       {"y_max", m.yMax},
                       {"x_label", QString::fromStdString(m.xLabel)},
                       {"y_label", QString::fromStdString(m.yLabel)},
                       {"points", points},
                       {"labels", labels}};
}

QJsonObject lastJson(const TrainingSnapshot& s) {
    QJsonArray shown, inputs, confusion;
    for (const Eigen::MatrixXf& w : s.weights) shown.append(matrixJson(w));
    for (const auto& x : s.neuronInputs) inputs.append(numbers(x));
    for (Eigen::Index t = 0; t < s.confusion.rows(); ++t) {
        QJsonArray row;
        for (Eigen::Index p = 0; p < s.confusion.cols(); ++p) row.append(s.confusion(t, p));
        confusion.append(row);
    }
    QJsonValue parameters = QJsonValue::Null;
    if (!s.parameters.weights.empty()) {
        QJsonArray weights, biases;
        for (const Eigen::MatrixXf& w : s.parameters.weights) weights.append(matrixJson(w));
        for (const Eigen::VectorXf& b : s.parameters.biases) biases.append(vectorJson(b));
        parameters = QJsonObject{{"weights", weights}, {"biases", biases}};
    }
    return {{"fold", s.fold},
            {"epoch", s.epoch},
            {"step", static_cast<double>(s.step)},
            {"total_steps", static_cast<double>(s.totalSteps)},
            {"elapsed_s", number(s.elapsedSeconds)},
            {"remaining_s", number(s.remainingSeconds)},
            {"learning_rate", number(s.learningRate)},
            {"finished", s.finished},
            {"finite_difference", numbers(s.finiteDifference)},
            {"exact", numbers(s.exact)},
            {"weights_shown", shown},
            {"neuron_inputs", inputs},
            {"confusion", confusion},
            {"map", mapJson(s.map)},
            {"result", resultJson(s.result, s.finished)},
            {"parameters", parameters}};
}

/// The "device" section of a preset holding these device parameters.
QJsonObject deviceJson(const DeviceParameters& device) {
    Preset p;
    p.neuron.device = device;
    return QJsonDocument::fromJson(presetToJson(p)).object().value(QStringLiteral("device")).toObject();
}

// ---------------------------------------------------------------------------------------------------------------
// Reading: every accessor names the key path; the first problem ends the reading.

// The toolkit of every JSON reader (app/json_reading.hpp). A session's figures may be null (NaN: a figure that
// does not apply), so its numbers are nullable unless said otherwise.
using json::asArray;
using json::asObject;
using json::boolAt;
using json::fail;
using json::index;
using json::key;
using json::member;
using json::stringAt;

double asNumber(const QJsonValue& v, const QString& path, bool nullable = true) {
    return json::asNumber(v, path, nullable);
}
double numberAt(const QJsonObject& o, const QString& path, const char* name, bool nullable = true) {
    return json::numberAt(o, path, name, nullable);
}
int asInteger(const QJsonValue& v, const QString& path, int lo, int hi) {
    return static_cast<int>(json::asInteger(v, path, lo, hi));
}
int integerAt(const QJsonObject& o, const QString& path, const char* name, int lo, int hi) {
    return static_cast<int>(json::integerAt(o, path, name, lo, hi));
}

template <class T>
std::vector<T> numbersAt(const QJsonValue& v, const QString& path, bool nullable = true) {
    const QJsonArray a = asArray(v, path);
    std::vector<T> out;
    out.reserve(static_cast<std::size_t>(a.size()));
    for (qsizetype i = 0; i < a.size(); ++i) out.push_back(static_cast<T>(asNumber(a[i], index(path, i), nullable)));
    return out;
}

std::vector<float> unpackFloats(const QJsonValue& v, const QString& path, qsizetype count) {
    if (!v.isString()) fail(path, QStringLiteral("must be a base64 string"));
    const auto decoded =
        QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) fail(path, QStringLiteral("is not valid base64"));
    if (decoded.decoded.size() != count * 4) {
        fail(path, QStringLiteral("holds %1 bytes, %2 float32 values need %3")
                       .arg(decoded.decoded.size())
                       .arg(count)
                       .arg(count * 4));
    }
    std::vector<float> out(static_cast<std::size_t>(count));
    for (qsizetype i = 0; i < count; ++i) {
        out[static_cast<std::size_t>(i)] = qFromLittleEndian<float>(decoded.decoded.constData() + 4 * i);
        if (!std::isfinite(out[static_cast<std::size_t>(i)]))
            fail(path, QStringLiteral("value %1 is not finite").arg(i));
    }
    return out;
}

Eigen::MatrixXf matrixAt(const QJsonValue& v, const QString& path, int rows = -1, int cols = -1) {
    const QJsonObject o = asObject(v, path);
    const int r = integerAt(o, path, "rows", 0, 10000000), c = integerAt(o, path, "cols", 0, 10000000);
    if ((rows >= 0 && r != rows) || (cols >= 0 && c != cols)) {
        fail(path, QStringLiteral("is %1 x %2, the network needs %3 x %4").arg(r).arg(c).arg(rows).arg(cols));
    }
    if (static_cast<qint64>(r) * c > 100000000) fail(path, QStringLiteral("is too large"));
    const std::vector<float> values =
        unpackFloats(member(o, path, "float32"), key(path, "float32"), static_cast<qsizetype>(r) * c);
    Eigen::MatrixXf m(r, c);
    for (int i = 0; i < r; ++i)
        for (int j = 0; j < c; ++j)
            m(i, j) = values[static_cast<std::size_t>(i) * static_cast<std::size_t>(c) + static_cast<std::size_t>(j)];
    return m;
}

EpochReport epochAt(const QJsonValue& v, const QString& path, int epochs) {
    const QJsonObject o = asObject(v, path);
    EpochReport e;
    e.epoch = integerAt(o, path, "epoch", 1, std::max(1, epochs));
    e.loss = numberAt(o, path, "loss");
    e.trainAccuracy = numberAt(o, path, "train_accuracy");
    e.validationAccuracy = numberAt(o, path, "validation_accuracy");
    e.testAccuracy = numberAt(o, path, "test_accuracy");
    e.gradientCosine = numberAt(o, path, "gradient_cosine");
    e.layerCosines = numbersAt<double>(member(o, path, "layer_cosines"), key(path, "layer_cosines"));
    e.learningRate = numberAt(o, path, "learning_rate");
    return e;
}

std::vector<EpochReport> epochsAt(const QJsonValue& v, const QString& path, int epochs) {
    const QJsonArray a = asArray(v, path, 1000000);
    std::vector<EpochReport> out;
    for (qsizetype i = 0; i < a.size(); ++i) out.push_back(epochAt(a[i], index(path, i), epochs));
    return out;
}

TrainingSetup setupAt(const QJsonValue& v, const QString& path) {
    const QJsonObject o = asObject(v, path);
    TrainingSetup s;
    s.sourceName = stringAt(o, path, "source_name").toStdString();
    const QJsonArray widths = asArray(member(o, path, "widths"), key(path, "widths"), 64);
    if (widths.size() < 2) fail(key(path, "widths"), QStringLiteral("needs the inputs and the classes at least"));
    for (qsizetype i = 0; i < widths.size(); ++i)
        s.widths.push_back(asInteger(widths[i], index(key(path, "widths"), i), 1, 1000000));
    if (s.widths.back() > 10000)
        fail(index(key(path, "widths"), widths.size() - 1), QStringLiteral("more than 10000 classes"));
    const QJsonArray names = asArray(member(o, path, "class_names"), key(path, "class_names"));
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (!names[i].isString()) fail(index(key(path, "class_names"), i), QStringLiteral("must be a string"));
        s.classNames.push_back(names[i].toString().toStdString());
    }
    if (!s.classNames.empty() && static_cast<int>(s.classNames.size()) != s.widths.back()) {
        fail(key(path, "class_names"),
             QStringLiteral("names %1 classes, the network has %2").arg(s.classNames.size()).arg(s.widths.back()));
    }
    s.xMin = numberAt(o, path, "x_min", false);
    s.xMax = numberAt(o, path, "x_max", false);
    if (!(s.xMin < s.xMax)) fail(key(path, "x_max"), QStringLiteral("must be above x_min"));
    s.curveInputs = numbersAt<double>(member(o, path, "curve_inputs"), key(path, "curve_inputs"));
    const QJsonArray curves = asArray(member(o, path, "device_curves"), key(path, "device_curves"));
    if (curves.size() > static_cast<qsizetype>(s.widths.size()) - 2)
        fail(key(path, "device_curves"), QStringLiteral("has more layers than the network"));
    for (qsizetype l = 0; l < curves.size(); ++l) {
        const QString layerPath = index(key(path, "device_curves"), l);
        const QJsonArray layer = asArray(curves[l], layerPath, 64);
        std::vector<std::vector<double>> neurons;
        for (qsizetype n = 0; n < layer.size(); ++n) {
            neurons.push_back(numbersAt<double>(layer[n], index(layerPath, n)));  // null: a reading that failed
            if (neurons.back().size() != s.curveInputs.size())
                fail(index(layerPath, n), QStringLiteral("needs one value per curve input"));
        }
        s.deviceCurves.push_back(std::move(neurons));
    }
    s.folds = integerAt(o, path, "folds", 1, 1000);
    s.epochs = integerAt(o, path, "epochs", 1, 1000000);
    s.batchesPerEpoch = integerAt(o, path, "batches_per_epoch", 0, 100000000);
    s.twoDimensional = boolAt(o, path, "two_dimensional");
    s.projected = boolAt(o, path, "projected");
    return s;
}

FoldRecord foldAt(const QJsonValue& v, const QString& path, const TrainingSetup& setup) {
    const QJsonObject o = asObject(v, path);
    FoldRecord f;
    f.epochs = epochsAt(member(o, path, "epochs"), key(path, "epochs"), setup.epochs);
    const QString lossPath = key(path, "batch_losses");
    const QJsonArray losses = asArray(member(o, path, "batch_losses"), lossPath);
    for (qsizetype i = 0; i < losses.size(); ++i) {
        const std::vector<double> pair = numbersAt<double>(losses[i], index(lossPath, i));
        if (pair.size() != 2) fail(index(lossPath, i), QStringLiteral("must be [epoch, loss]"));
        f.batchLosses.emplace_back(pair[0], pair[1]);
    }
    const QString cosinePath = key(path, "batch_cosines");
    const QJsonArray cosines = asArray(member(o, path, "batch_cosines"), cosinePath);
    for (qsizetype i = 0; i < cosines.size(); ++i) {
        const std::vector<double> row = numbersAt<double>(cosines[i], index(cosinePath, i));
        if (row.empty() || row.size() - 1 > setup.widths.size() - 2)
            fail(index(cosinePath, i), QStringLiteral("must be [epoch, one cosine per hidden layer]"));
        f.batchCosines.emplace_back(row[0], std::vector<float>(row.begin() + 1, row.end()));
    }
    return f;
}

ExperimentResult resultAt(const QJsonValue& v, const QString& path, const TrainingSetup& setup) {
    const QJsonObject o = asObject(v, path);
    ExperimentResult r;
    r.trainAccuracy = numberAt(o, path, "train_accuracy");
    r.validationAccuracy = numberAt(o, path, "validation_accuracy");
    r.testAccuracy = numberAt(o, path, "test_accuracy");
    r.gradientCosine = numberAt(o, path, "gradient_cosine");
    r.seconds = numberAt(o, path, "seconds");
    const QJsonArray folds = asArray(member(o, path, "folds"), key(path, "folds"), 1000);
    if (folds.isEmpty()) fail(key(path, "folds"), QStringLiteral("a finished run has at least one fold"));
    for (qsizetype i = 0; i < folds.size(); ++i) {
        const QString foldPath = index(key(path, "folds"), i);
        const QJsonObject f = asObject(folds[i], foldPath);
        FoldResult fold;
        fold.trainAccuracy = numberAt(f, foldPath, "train_accuracy");
        fold.validationAccuracy = numberAt(f, foldPath, "validation_accuracy");
        fold.testAccuracy = numberAt(f, foldPath, "test_accuracy");
        fold.epochs = epochsAt(member(f, foldPath, "epochs"), key(foldPath, "epochs"), setup.epochs);
        r.folds.push_back(std::move(fold));
    }
    r.meanEpochs = epochsAt(member(o, path, "mean_epochs"), key(path, "mean_epochs"), setup.epochs);
    return r;
}

/// The cells of a map saved as a PNG image (sessions written before the map was Qt-free): each pixel's class is the
/// class colour nearest to it, its confidence is read back from the opacity the view gives it (60 + 110 p). The
/// palette repeats after 10 classes, so above 10 a class is read back modulo 10 (it draws the same).
/// The class colours of those PNG maps, as the training view drew them when such files were written: a fact of the
/// old format, kept here so that a later change of the view's palette cannot change how an old file reads.
const QColor legacyMapPalette[10] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                     QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                                     QColor(0x17, 0xbe, 0xcf)};

void cellsFromPng(const QJsonObject& o, const QString& path, int classes, DecisionMap& m) {
    const QString png = stringAt(o, path, "png");
    const auto bytes = QByteArray::fromBase64Encoding(png.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    QImage image;
    if (!bytes || !image.loadFromData(bytes.decoded, "PNG") || image.width() != image.height() || image.width() > 1000)
        fail(key(path, "png"), QStringLiteral("is not a square base64 PNG image of at most 1000 x 1000"));
    const int n = image.width();
    m.resolution = n;
    for (int i = 0; i < n * n; ++i) {
        const QColor c = image.pixelColor(i % n, i / n);
        int best = 0, distance = std::numeric_limits<int>::max();
        for (int k = 0; k < std::min(classes, 10); ++k) {  // the view's palette has 10 colours
            const QColor candidate = legacyMapPalette[k];
            const int d = std::abs(c.red() - candidate.red()) + std::abs(c.green() - candidate.green()) +
                          std::abs(c.blue() - candidate.blue());
            if (d < distance) distance = d, best = k;
        }
        m.classes.push_back(static_cast<std::uint8_t>(best));
        m.confidence.push_back(std::clamp((c.alpha() - 60 + 0.5f) / 110.0f, 0.0f, 1.0f));
    }
}

DecisionMap mapAt(const QJsonValue& v, const QString& path, int classes) {
    const QJsonObject o = asObject(v, path);
    DecisionMap m;
    if (o.contains(QStringLiteral("png"))) {
        cellsFromPng(o, path, classes, m);
    } else {
        m.resolution = integerAt(o, path, "resolution", 1, 1000);
        const auto cells = static_cast<qsizetype>(m.resolution) * m.resolution;
        const QString classesPath = key(path, "classes");
        const QJsonValue packed = member(o, path, "classes");
        if (!packed.isString()) fail(classesPath, QStringLiteral("must be a base64 string"));
        const auto bytes =
            QByteArray::fromBase64Encoding(packed.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!bytes) fail(classesPath, QStringLiteral("is not valid base64"));
        if (bytes.decoded.size() != cells)
            fail(classesPath, QStringLiteral("holds %1 cells, a %2 x %2 map needs %3")
                                  .arg(bytes.decoded.size())
                                  .arg(m.resolution)
                                  .arg(cells));
        for (qsizetype i = 0; i < cells; ++i) {
            const auto c = static_cast<std::uint8_t>(bytes.decoded[i]);
            if (c >= classes)
                fail(classesPath, QStringLiteral("cell %1 names class %2 of %3").arg(i).arg(c).arg(classes));
            m.classes.push_back(c);
        }
        m.confidence = unpackFloats(member(o, path, "confidence"), key(path, "confidence"), cells);
        for (qsizetype i = 0; i < cells; ++i) {
            if (!(m.confidence[static_cast<std::size_t>(i)] >= 0.0f &&
                  m.confidence[static_cast<std::size_t>(i)] <= 1.0f))
                fail(key(path, "confidence"), QStringLiteral("value %1 is not a probability").arg(i));
        }
    }
    m.xMin = numberAt(o, path, "x_min", false);
    m.xMax = numberAt(o, path, "x_max", false);
    m.yMin = numberAt(o, path, "y_min", false);
    m.yMax = numberAt(o, path, "y_max", false);
    if (!(m.xMin < m.xMax) || !(m.yMin < m.yMax)) fail(path, QStringLiteral("needs x_min < x_max and y_min < y_max"));
    m.xLabel = stringAt(o, path, "x_label").toStdString();
    m.yLabel = stringAt(o, path, "y_label").toStdString();
    const QJsonArray points = asArray(member(o, path, "points"), key(path, "points"));
    for (qsizetype i = 0; i < points.size(); ++i) {
        const std::vector<double> p = numbersAt<double>(points[i], index(key(path, "points"), i));
        if (p.size() != 2) fail(index(key(path, "points"), i), QStringLiteral("must be [x, y]"));
        m.points.push_back({p[0], p[1]});
    }
    const QJsonArray labels = asArray(member(o, path, "labels"), key(path, "labels"));
    if (labels.size() != points.size()) fail(key(path, "labels"), QStringLiteral("needs one label per point"));
    for (qsizetype i = 0; i < labels.size(); ++i)
        m.labels.push_back(asInteger(labels[i], index(key(path, "labels"), i), 0, classes - 1));
    return m;
}

TrainingSnapshot lastAt(const QJsonValue& v, const QString& path, const TrainingSetup& setup) {
    const QJsonObject o = asObject(v, path);
    TrainingSnapshot s;
    s.folds = setup.folds;
    s.epochs = setup.epochs;
    s.fold = integerAt(o, path, "fold", 0, setup.folds - 1);
    s.epoch = integerAt(o, path, "epoch", 0, setup.epochs);
    const double step = numberAt(o, path, "step", false), total = numberAt(o, path, "total_steps", false);
    if (!(total >= 0 && total <= 1e15)) fail(key(path, "total_steps"), QStringLiteral("must lie in [0, 1e15]"));
    if (!(step >= 0 && step <= total)) fail(key(path, "step"), QStringLiteral("must lie in [0, total_steps]"));
    s.step = static_cast<long>(step);
    s.totalSteps = static_cast<long>(total);
    s.elapsedSeconds = numberAt(o, path, "elapsed_s");
    s.remainingSeconds = numberAt(o, path, "remaining_s");
    s.learningRate = numberAt(o, path, "learning_rate");
    s.finished = boolAt(o, path, "finished");
    s.finiteDifference = numbersAt<float>(member(o, path, "finite_difference"), key(path, "finite_difference"));
    s.exact = numbersAt<float>(member(o, path, "exact"), key(path, "exact"));
    if (s.finiteDifference.size() != s.exact.size())
        fail(key(path, "exact"), QStringLiteral("needs one value per finite_difference value"));
    const int layers = static_cast<int>(setup.widths.size()) - 1;
    const QJsonArray shown = asArray(member(o, path, "weights_shown"), key(path, "weights_shown"), layers);
    for (qsizetype l = 0; l < shown.size(); ++l) {
        s.weights.push_back(matrixAt(shown[l], index(key(path, "weights_shown"), l),
                                     std::min(setup.widths[static_cast<std::size_t>(l) + 1], kSnapshotNeuronsPerLayer),
                                     std::min(setup.widths[static_cast<std::size_t>(l)], kSnapshotNeuronsPerLayer)));
    }
    const QJsonArray inputs = asArray(member(o, path, "neuron_inputs"), key(path, "neuron_inputs"), 64 * 12);
    for (qsizetype i = 0; i < inputs.size(); ++i)
        s.neuronInputs.push_back(numbersAt<float>(inputs[i], index(key(path, "neuron_inputs"), i)));
    const QJsonArray confusion = asArray(member(o, path, "confusion"), key(path, "confusion"), 10000);
    const int classes = setup.widths.back();
    if (!confusion.isEmpty()) {
        // Every row's size is checked before the matrix is allocated: a short file must not ask for gigabytes.
        if (confusion.size() != classes)
            fail(key(path, "confusion"), QStringLiteral("needs %1 rows, one per class").arg(classes));
        for (int t = 0; t < classes; ++t) {
            const QString rowPath = index(key(path, "confusion"), t);
            if (asArray(confusion[t], rowPath).size() != classes)
                fail(rowPath, QStringLiteral("needs %1 counts, one per class").arg(classes));
        }
        s.confusion = Eigen::MatrixXi::Zero(classes, classes);
        for (int t = 0; t < classes; ++t) {
            const QString rowPath = index(key(path, "confusion"), t);
            const QJsonArray row = confusion[t].toArray();
            for (int p = 0; p < classes; ++p) s.confusion(t, p) = asInteger(row[p], index(rowPath, p), 0, 100000000);
        }
    }
    const QJsonValue map = member(o, path, "map");
    if (!map.isNull()) s.map = mapAt(map, key(path, "map"), classes);
    const QJsonValue result = member(o, path, "result");
    if (s.finished && result.isNull()) fail(key(path, "result"), QStringLiteral("a finished run needs its result"));
    if (!result.isNull()) s.result = resultAt(result, key(path, "result"), setup);
    const QJsonValue parameters = member(o, path, "parameters");
    if (!parameters.isNull()) {
        const QString pPath = key(path, "parameters");
        const QJsonObject p = asObject(parameters, pPath);
        const QJsonArray weights = asArray(member(p, pPath, "weights"), key(pPath, "weights"), 64);
        const QJsonArray biases = asArray(member(p, pPath, "biases"), key(pPath, "biases"), 64);
        if (weights.size() != layers || biases.size() != layers)
            fail(pPath, QStringLiteral("needs %1 weight matrices and bias vectors").arg(layers));
        for (int l = 0; l < layers; ++l) {
            const int out = setup.widths[static_cast<std::size_t>(l) + 1],
                      in = setup.widths[static_cast<std::size_t>(l)];
            s.parameters.weights.push_back(matrixAt(weights[l], index(key(pPath, "weights"), l), out, in));
            const QString bPath = index(key(pPath, "biases"), l);
            const QJsonObject b = asObject(biases[l], bPath);
            if (integerAt(b, bPath, "size", 0, 10000000) != out)
                fail(key(bPath, "size"), QStringLiteral("must be %1").arg(out));
            const std::vector<float> values = unpackFloats(member(b, bPath, "float32"), key(bPath, "float32"), out);
            s.parameters.biases.push_back(Eigen::Map<const Eigen::VectorXf>(values.data(), out));
        }
    }
    return s;
}

void parseInto(const QByteArray& json, const QString& origin, Session& out) {
    const QJsonObject root = json::parseObject(json);
    const QString schema = root.value(QStringLiteral("schema")).toString();
    if (schema != QLatin1String(sessionSchema)) {
        fail(QStringLiteral("schema"),
             QStringLiteral("must be \"%1\" (a session file), not \"%2\"").arg(QLatin1String(sessionSchema), schema));
    }
    Session s;
    const QJsonObject preset = asObject(member(root, QString(), "preset"), QStringLiteral("preset"));
    if (Status st = parsePreset(QJsonDocument(preset).toJson(), origin + QStringLiteral(": preset"), {}, s.preset);
        !st) {
        json::failWith(st);  // already names the file and the key
    }
    const QJsonArray sources = asArray(member(root, QString(), "sources"), QStringLiteral("sources"), 4);
    if (sources.isEmpty()) fail(QStringLiteral("sources"), QStringLiteral("needs at least one gradient source"));
    for (qsizetype i = 0; i < sources.size(); ++i) {
        GradientSource g{};
        if (!sources[i].isString() || !parseGradientSource(sources[i].toString().toStdString(), g)) {
            fail(index(QStringLiteral("sources"), i),
                 QStringLiteral("must be device-fd, device-exact, nominal-model or tanh"));
        }
        s.sources.push_back(g);
    }
    const QJsonArray runs = asArray(member(root, QString(), "runs"), QStringLiteral("runs"), sources.size());
    for (qsizetype i = 0; i < runs.size(); ++i) {
        const QString path = index(QStringLiteral("runs"), i);
        const QJsonObject run = asObject(runs[i], path);
        if (stringAt(run, path, "source") != sources[i].toString())
            fail(key(path, "source"), QStringLiteral("must match sources[%1]").arg(i));
        SourceRecord record;
        record.setup = setupAt(member(run, path, "setup"), key(path, "setup"));
        record.setup.source = static_cast<int>(i);
        const QJsonArray folds = asArray(member(run, path, "folds"), key(path, "folds"), record.setup.folds);
        for (qsizetype f = 0; f < folds.size(); ++f)
            record.folds.push_back(foldAt(folds[f], index(key(path, "folds"), f), record.setup));
        record.last = lastAt(member(run, path, "last"), key(path, "last"), record.setup);
        record.last.source = static_cast<int>(i);
        s.runs.push_back(std::move(record));
    }
    // The sampled devices: one per hidden neuron of the preset's network, each a valid device section.
    const QJsonArray devices = asArray(member(root, QString(), "devices"), QStringLiteral("devices"));
    std::size_t neurons = 0;
    for (int w : s.preset.network.hidden) neurons += static_cast<std::size_t>(w);
    if (static_cast<std::size_t>(devices.size()) != neurons) {
        fail(QStringLiteral("devices"),
             QStringLiteral("has %1 devices, the network has %2 hidden neurons").arg(devices.size()).arg(neurons));
    }
    for (qsizetype i = 0; i < devices.size(); ++i) {
        Preset device;
        const QJsonObject wrapped{
            {QStringLiteral("device"), asObject(devices[i], index(QStringLiteral("devices"), i))}};
        if (Status st = parsePreset(QJsonDocument(wrapped).toJson(), origin + QStringLiteral(": devices[%1]").arg(i),
                                    {}, device);
            !st) {
            json::failWith(st);
        }
    }
    out = std::move(s);
}

}  // namespace

QByteArray sessionToJson(const Session& session) {
    QJsonArray sources, runs, devices;
    for (GradientSource g : session.sources) sources.append(QLatin1String(toString(g)));
    for (std::size_t i = 0; i < session.runs.size(); ++i) {
        const SourceRecord& r = session.runs[i];
        QJsonArray folds;
        for (const FoldRecord& f : r.folds) folds.append(foldJson(f));
        runs.append(QJsonObject{
            {"source", i < session.sources.size() ? QLatin1String(toString(session.sources[i])) : QLatin1String("")},
            {"setup", setupJson(r.setup)},
            {"folds", folds},
            {"last", lastJson(r.last)}});
    }
    // The devices of the hidden neurons, each drawn by the preset's device model (DeviceModel::sample).
    std::unique_ptr<DeviceModel> nominal;
    const bool modelMade = static_cast<bool>(makeDeviceModel(session.preset.neuron, nominal));
    std::size_t index = 0;
    for (int width : session.preset.network.hidden) {
        for (int n = 0; n < width; ++n, ++index) {
            devices.append(deviceJson(modelMade ? nominal->sample(session.preset.variability, index)->settings().device
                                                : session.preset.neuron.device));
        }
    }
    const QJsonObject root{{"schema", QLatin1String(sessionSchema)},
                           {"saved", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                           {"preset", QJsonDocument::fromJson(presetToJson(session.preset)).object()},
                           {"sources", sources},
                           {"runs", runs},
                           {"devices", devices}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Status parseSession(const QByteArray& json, const QString& origin, Session& session) {
    return json::read(origin, [&] { parseInto(json, origin, session); });
}

Status loadSession(const QString& path, Session& session) {
    QFile file(path);
    // Only a regular file: a folder, /dev/zero or a pipe is never a session (and /dev/zero would be read forever).
    if (!QFileInfo(path).isFile())
        return Status::error(path.toStdString() + ": not a regular file (a folder, a device or a pipe)");
    if (!file.open(QIODevice::ReadOnly))
        return Status::error(path.toStdString() + ": cannot read: " + file.errorString().toStdString());
    constexpr qint64 maximumBytes = 2LL * 1024 * 1024 * 1024;
    if (file.size() > maximumBytes) return Status::error(path.toStdString() + ": larger than 2 GiB, not a session");
    return parseSession(file.read(maximumBytes), path, session);
}

bool looksLikeSession(const QString& path) {
    // Streams the file looking for the session schema: no whole-file read, so a large dropped file costs nothing
    // but a scan (and files above 2 GiB are not sessions).
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly) || file.size() > 2LL * 1024 * 1024 * 1024)
        return false;
    const QByteArray needle = QByteArray("\"") + sessionSchema + '"';
    QByteArray tail;
    while (!file.atEnd()) {
        const QByteArray chunk = tail + file.read(1 << 20);
        if (chunk.contains(needle)) return true;
        tail = chunk.right(needle.size());
    }
    return false;
}

}  // namespace mtj::app
