// SPDX-License-Identifier: GPL-3.0-or-later
// Data loaders on good and broken files (IDX plain and gzip, CSV, Iris), SHA-256, stratified folds, generated sets.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <numeric>
#include <zlib.h>

#include "data/loaders.hpp"

using namespace mtj;

namespace {

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string bigEndian(std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                       static_cast<char>(v)};
}

/// Three 2x2 images with pixel values 0..11 and their labels.
std::string idxImages(std::uint32_t magic = 0x803, std::uint32_t count = 3) {
    std::string bytes = bigEndian(magic) + bigEndian(count) + bigEndian(2) + bigEndian(2);
    for (int i = 0; i < 12; ++i) bytes += static_cast<char>(i * 20);
    return bytes;
}
std::string idxLabels(int count = 3) {
    std::string bytes = bigEndian(0x801) + bigEndian(static_cast<std::uint32_t>(count));
    for (int i = 0; i < count; ++i) bytes += static_cast<char>(i % 2 == 0 ? 7 : 1);
    return bytes;
}

void writeCsv(const std::string& path, const std::string& text) { writeBytes(path, text); }

}  // namespace

class TestData : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::string path(const char* name) { return dir_.filePath(QLatin1String(name)).toStdString(); }

private slots:
    void idxPairLoads() {
        writeBytes(path("img"), idxImages());
        writeBytes(path("lab"), idxLabels());
        Dataset d;
        const Status s = loadIdxPair(path("img"), path("lab"), d);
        QVERIFY2(s.isOk(), s.message().c_str());
        QCOMPARE(d.features.rows(), Eigen::Index{4});
        QCOMPARE(d.features.cols(), Eigen::Index{3});
        QCOMPARE(d.features(1, 0), 20.0f / 255.0f);
        QCOMPARE(d.labels, (std::vector<int>{7, 1, 7}));
        QCOMPARE(d.classes, 8);
        QVERIFY(d.sharedFeatureScale);
    }

    void gzipIdxLoads() {
        const std::string bytes = idxImages();
        gzFile gz = gzopen(path("img.gz").c_str(), "wb");
        gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size()));
        gzclose(gz);
        Eigen::MatrixXf images;
        int rows = 0, columns = 0;
        const Status s = loadIdxImages(path("img.gz"), images, rows, columns);
        QVERIFY2(s.isOk(), s.message().c_str());
        QCOMPARE(images.cols(), Eigen::Index{3});
        QCOMPARE(images(3, 2), 220.0f / 255.0f);
    }

    void brokenIdxFilesAreNamed_data() {
        QTest::addColumn<QByteArray>("images");
        QTest::addColumn<QByteArray>("labels");
        QTest::addColumn<QString>("expected");
        const std::string good = idxImages();
        QTest::newRow("truncated images") << QByteArray::fromStdString(good.substr(0, good.size() - 3))
                                          << QByteArray::fromStdString(idxLabels()) << "truncated";
        QTest::newRow("trailing data") << QByteArray::fromStdString(good + "xx")
                                       << QByteArray::fromStdString(idxLabels()) << "trailing data";
        QTest::newRow("wrong magic") << QByteArray::fromStdString(idxImages(0x801))
                                     << QByteArray::fromStdString(idxLabels()) << "not an IDX image file";
        QTest::newRow("short header") << QByteArray("abc") << QByteArray::fromStdString(idxLabels())
                                      << "truncated IDX header";
        QTest::newRow("label count mismatch")
            << QByteArray::fromStdString(good) << QByteArray::fromStdString(idxLabels(4)) << "4 labels for 3 images";
        QTest::newRow("labels truncated")
            << QByteArray::fromStdString(good) << QByteArray::fromStdString(idxLabels().substr(0, 9)) << "truncated";
    }
    void brokenIdxFilesAreNamed() {
        QFETCH(QByteArray, images);
        QFETCH(QByteArray, labels);
        QFETCH(QString, expected);
        writeBytes(path("bad-img"), images.toStdString());
        writeBytes(path("bad-lab"), labels.toStdString());
        Dataset d;
        const Status s = loadIdxPair(path("bad-img"), path("bad-lab"), d);
        QVERIFY(!s.isOk());
        QVERIFY2(QString::fromStdString(s.message()).contains(expected), s.message().c_str());
        QVERIFY(QString::fromStdString(s.message()).contains("bad-"));
    }

    void corruptGzipIsReported() {
        writeBytes(path("broken.gz"), std::string("\x1f\x8b\x08\x00garbage", 12));
        std::vector<int> labels;
        QVERIFY(!loadIdxLabels(path("broken.gz"), labels).isOk());
    }

    void sha256KnownVectors() {
        const std::string abc = "abc";
        QCOMPARE(sha256Hex(reinterpret_cast<const std::uint8_t*>(abc.data()), abc.size()),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        const std::string longer(1000, 'a');  // crosses several 64-byte blocks
        QCOMPARE(sha256Hex(reinterpret_cast<const std::uint8_t*>(longer.data()), longer.size()),
                 std::string("41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"));
        QCOMPARE(sha256Hex(nullptr, 0),
                 std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    void mnistWithWrongDigestIsRejected() {
        QTemporaryDir mnist;
        for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                                 "t10k-labels-idx1-ubyte"}) {
            writeBytes(mnist.filePath(QLatin1String(name)).toStdString(),
                       std::string(name).find("images") != std::string::npos ? idxImages() : idxLabels());
        }
        DataSplit split;
        const Status s = loadMnist(mnist.path().toStdString(), split);
        QVERIFY(!s.isOk());
        QVERIFY2(QString::fromStdString(s.message()).contains("SHA-256"), s.message().c_str());
        QVERIFY(QString::fromStdString(s.message()).contains("train-images-idx3-ubyte"));
        QVERIFY(!loadMnist("/nonexistent/mnist", split).isOk());
    }

    void csvLoads() {
        writeCsv(path("good.csv"), "a,b,kind\n1.5,2,cat\n3,4e-1,dog\n\n-1,0,cat\r\n");
        Dataset d;
        const Status s = loadCsv(path("good.csv"), d);
        QVERIFY2(s.isOk(), s.message().c_str());
        QCOMPARE(d.size(), std::size_t{3});
        QCOMPARE(d.classes, 2);
        QCOMPARE(d.classNames, (std::vector<std::string>{"cat", "dog"}));
        QCOMPARE(d.labels, (std::vector<int>{0, 1, 0}));
        QCOMPARE(d.features(1, 1), 0.4f);
        // Numeric labels map in ascending order; a label column may be named.
        writeCsv(path("numeric.csv"), "y,x\n5,0.1\n2,0.2\n5,0.3\n");
        QVERIFY(loadCsv(path("numeric.csv"), d, "y").isOk());
        QCOMPARE(d.labels, (std::vector<int>{1, 0, 1}));
    }

    void brokenCsvIsNamed_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("non-numeric cell") << "a,b,label\n1,2,x\n3,oops,y\n"
                                          << ":3: column 'b': 'oops' is not a finite number";
        QTest::newRow("ragged row") << "a,b,label\n1,2,x\n3,y\n"
                                    << ":3: 2 fields, the header has 3";
        QTest::newRow("one class") << "a,label\n1,x\n2,x\n"
                                   << "fewer than two classes";
        QTest::newRow("no rows") << "a,label\n"
                                 << "no data rows";
        QTest::newRow("header only one column") << "label\nx\n"
                                                << "needs a header row";
        QTest::newRow("infinite value") << "a,label\ninf,x\n1,y\n"
                                        << "is not a finite number";
    }
    void brokenCsvIsNamed() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        writeCsv(path("bad.csv"), text.toStdString());
        Dataset d;
        const Status s = loadCsv(path("bad.csv"), d);
        QVERIFY(!s.isOk());
        QVERIFY2(QString::fromStdString(s.message()).contains(expected), s.message().c_str());
        QVERIFY(QString::fromStdString(s.message()).startsWith(QString::fromStdString(path("bad.csv"))));
    }

    void irisLoads() {
        Dataset d;
        const Status s = loadIris(MTJ_RESOURCE_DIR "/iris.csv", d);
        QVERIFY2(s.isOk(), s.message().c_str());
        QCOMPARE(d.size(), std::size_t{150});
        QCOMPARE(d.dimension(), 4);
        QCOMPARE(d.classNames, (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
        for (int c = 0; c < 3; ++c) QCOMPARE(std::count(d.labels.begin(), d.labels.end(), c), 50L);
        QCOMPARE(d.features(0, 0), 5.1f);  // the first sample of the UCI table
        // A wrong table is rejected as Iris.
        writeCsv(path("notiris.csv"), "a,b,species\n1,2,x\n3,4,y\n");
        QVERIFY(!loadIris(path("notiris.csv"), d).isOk());
    }

    void foldsAreStratifiedDisjointAndComplete() {
        std::vector<int> labels;
        for (int i = 0; i < 150; ++i) labels.push_back(i / 50);
        const auto folds = stratifiedFolds(labels, 3, 5, 7);
        QCOMPARE(folds.size(), std::size_t{5});
        std::vector<int> seen(150, 0);
        for (const auto& fold : folds) {
            QCOMPARE(fold.size(), std::size_t{30});
            for (int c = 0; c < 3; ++c) {
                QCOMPARE(std::count_if(fold.begin(), fold.end(), [&](std::size_t i) { return labels[i] == c; }), 10L);
            }
            for (std::size_t i : fold) ++seen[i];
            QCOMPARE(complementIndices(fold, 150).size(), std::size_t{120});
        }
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
        QCOMPARE(stratifiedFolds(labels, 3, 5, 7), folds);  // seeded
        QVERIFY(stratifiedFolds(labels, 3, 5, 8) != folds);
    }

    void standardizer() {
        Dataset d;
        d.features.resize(2, 4);
        d.features << 1, 2, 3, 4, 5, 5, 5, 5;
        const Standardizer s = Standardizer::fit(d);
        s.apply(d);
        QVERIFY(std::abs(d.features.row(0).mean()) < 1e-6f);
        QVERIFY(std::abs(d.features.row(0).squaredNorm() / 4 - 1.0f) < 1e-5f);
        QCOMPARE(d.features(1, 0), 0.0f);  // constant feature: centred, scale kept
    }

    void generatedSets_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"xor", "circles", "spirals", "moons"}) QTest::newRow(n) << n;
    }
    void generatedSets() {
        QFETCH(QString, name);
        Dataset a, b, c;
        QVERIFY(generateTeachingSet(name.toStdString(), 200, 0.1, 5, a).isOk());
        QVERIFY(generateTeachingSet(name.toStdString(), 200, 0.1, 5, b).isOk());
        QVERIFY(generateTeachingSet(name.toStdString(), 200, 0.1, 6, c).isOk());
        QCOMPARE(a.size(), std::size_t{200});
        QCOMPARE(std::count(a.labels.begin(), a.labels.end(), 1), 100L);
        QVERIFY(a.features == b.features);
        QVERIFY(!(a.features == c.features));
        QVERIFY(a.check("generated").isOk());
        QVERIFY(a.features.cwiseAbs().maxCoeff() < 3.0f);
    }

    void generatedSetRejectsBadInput() {
        Dataset d;
        QVERIFY(!generateTeachingSet("triangles", 100, 0.1, 1, d).isOk());
        QVERIFY(!generateTeachingSet("xor", 2, 0.1, 1, d).isOk());
        QVERIFY(!generateTeachingSet("xor", 100, std::nan(""), 1, d).isOk());
    }
};

QTEST_APPLESS_MAIN(TestData)
#include "test_data.moc"
