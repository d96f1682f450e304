#include "command_line.hpp"

#include <QFile>
#include <QSaveFile>
#include <QTextStream>
#include <cstdio>

#include "integrator_bench.hpp"

namespace mtj::app {
namespace {

const QStringList subcommands = {QStringLiteral("curve"), QStringLiteral("train"), QStringLiteral("reproduce"),
                                 QStringLiteral("bench"), QStringLiteral("screenshot")};

void printError(const QString& message) {
    std::fprintf(stderr, "mtj-explorer: %s\n", message.toLocal8Bit().constData());
}

bool writeTextFile(const QString& path, const QByteArray& text, QString& error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(text);
    if (!file.commit()) {
        error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

int runBench(const QStringList& args) {
    QString outPath;
    for (int i = 2; i < args.size(); ++i) {
        if (args[i] == QStringLiteral("--out")) {
            if (i + 1 >= args.size()) {
                printError(QStringLiteral("bench: --out needs a file name"));
                return ExitBadInput;
            }
            outPath = args[++i];
        } else {
            printError(QStringLiteral("bench: unknown argument '%1' (usage: mtj-explorer bench [--out FILE.json])")
                           .arg(args[i]));
            return ExitBadInput;
        }
    }
    const auto figures = bench::runIntegratorBenchmarks(
        [](const std::string& name) { std::fprintf(stderr, "bench: measuring %s ...\n", name.c_str()); });
    const std::string json = bench::figuresToJson(figures);
    std::fputs(json.c_str(), stdout);
    if (!outPath.isEmpty()) {
        QString error;
        if (!writeTextFile(outPath, QByteArray::fromStdString(json), error)) {
            printError(error);
            return ExitBadInput;
        }
    }
    return ExitSuccess;
}

}  // namespace

bool isSubcommand(const QStringList& args) { return args.size() > 1 && subcommands.contains(args[1]); }

int runSubcommand(const QStringList& args) {
    const QString& name = args[1];
    if (name == QStringLiteral("bench")) {
        return runBench(args);
    }
    printError(QStringLiteral("'%1' is not available in this version yet").arg(name));
    return ExitInternalFailure;
}

}  // namespace mtj::app
