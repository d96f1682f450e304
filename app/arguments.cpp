// SPDX-License-Identifier: GPL-3.0-or-later
#include "arguments.hpp"

#include <QRegularExpression>
#include <cmath>
#include <cstdio>

namespace mtj::app {

CommandArguments::CommandArguments(QString command, QString usage)
    : command_(std::move(command)), usage_(std::move(usage)) {
    parser_.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser_.addOption(QCommandLineOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}));
}

void CommandArguments::addOption(const QString& name, const QString& valueName) {
    parser_.addOption(QCommandLineOption(name, QString(), valueName));
}

bool CommandArguments::parse(const QStringList& args, int skip) {
    // QCommandLineParser reads args[0] as the program and the rest as the command's.
    QStringList own{args.value(0)};
    own += args.mid(skip);
    if (!parser_.parse(own)) {
        const QStringList unknown = parser_.unknownOptionNames();
        if (!unknown.isEmpty()) {
            const QString& name = unknown.first();
            return fail(QStringLiteral("unknown argument '%1%2'")
                            .arg(name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--"), name));
        }
        // The other error QCommandLineParser reports: "Missing value after '--points'."
        const QRegularExpressionMatch quoted =
            QRegularExpression(QStringLiteral("'([^']+)'")).match(parser_.errorText());
        return fail(quoted.hasMatch() ? QStringLiteral("%1 needs a value").arg(quoted.captured(1))
                                      : parser_.errorText());
    }
    if (parser_.positionalArguments().size() > positionalAllowed_) {
        return fail(QStringLiteral("unknown argument '%1'").arg(parser_.positionalArguments().at(positionalAllowed_)));
    }
    return true;
}

bool CommandArguments::integer(const QString& name, long long lo, long long hi, const QString& what, int& out) {
    if (!parser_.isSet(name)) return true;
    const QString text = parser_.value(name);
    bool ok = false;
    const long long value = text.trimmed().toLongLong(&ok);
    if (!ok || value < lo || value > hi) {
        return fail(QStringLiteral("--%1 '%2': must be %3").arg(name, text, what));
    }
    out = static_cast<int>(value);
    return true;
}

bool CommandArguments::number(const QString& name, double lo, double hi, const QString& what, double& out) {
    if (!parser_.isSet(name)) return true;
    const QString text = parser_.value(name);
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < lo || value > hi) {
        return fail(QStringLiteral("--%1 '%2': must be %3").arg(name, text, what));
    }
    out = value;
    return true;
}

bool CommandArguments::fail(const QString& message) {
    const QString prefix = command_.isEmpty() ? QString() : command_ + QStringLiteral(": ");
    error_ = QStringLiteral("%1%2 (usage: %3)").arg(prefix, message, usage_);
    return false;
}

}  // namespace mtj::app

namespace mtj::app {

QString usageOf(const QString& command) {
    static const QList<QPair<QString, QString>> usages = {
        {QString(), QStringLiteral("mtj-explorer [--preset FILE] [--session FILE] [--restore]")},
        {QStringLiteral("curve"),
         QStringLiteral("mtj-explorer curve --preset FILE [--set KEY=VALUE]... [--points N] [--out FILE.csv]")},
        {QStringLiteral("train"),
         QStringLiteral("mtj-explorer train --preset FILE [--set KEY=VALUE]... [--out FILE.json] [--checkpoint FILE]")},
        {QStringLiteral("reproduce"), QStringLiteral("mtj-explorer reproduce [--quick] [--check] [--out FILE.md]")},
        {QStringLiteral("bench"),
         QStringLiteral(
             "mtj-explorer bench [--only integrators|neuron|training|gui] [--soak MINUTES] [--out FILE.json]")},
        {QStringLiteral("sweep plan"), QStringLiteral("mtj-explorer sweep plan SWEEP.json [--shards N]")},
        {QStringLiteral("sweep run"), QStringLiteral("mtj-explorer sweep run SWEEP.json [--shard I/N] --out DIR")},
        {QStringLiteral("sweep merge"), QStringLiteral("mtj-explorer sweep merge DIR --out MAP.json")},
        {QStringLiteral("screenshot"),
         QStringLiteral("mtj-explorer screenshot --preset FILE --view device|training --out FILE.png [--epochs N] "
                        "[--compare] [--presentation] [--size WxH] [--lesson N] [--tab NAME] [--x X] [--focus] "
                        "[--map MAP.json]")},
    };
    for (const auto& [name, usage] : usages) {
        if (name == command) return usage;
    }
    return usages.first().second;
}

QString fullUsage() {
    QString text = QStringLiteral("usage: ") + usageOf(QString()) + QLatin1Char('\n');
    for (const char* command :
         {"curve", "train", "reproduce", "bench", "screenshot", "sweep plan", "sweep run", "sweep merge"}) {
        text += QStringLiteral("       ") + usageOf(QLatin1String(command)) + QLatin1Char('\n');
    }
    return text;
}

void printError(const QString& message) {
    std::fprintf(stderr, "mtj-explorer: %s\n", message.toLocal8Bit().constData());
}

bool parseArguments(CommandArguments& arguments, const QStringList& args, int skip, int& exitCode) {
    if (!arguments.parse(args, skip)) {
        printError(arguments.error());
        exitCode = 2;  // ExitBadInput (command_line.hpp)
        return false;
    }
    if (arguments.helpAsked()) {
        std::printf("usage: %s\n", arguments.usage().toLocal8Bit().constData());
        exitCode = 0;
        return false;
    }
    return true;
}

bool parsePresetArguments(const QStringList& args, const QString& command, bool allowPoints, PresetArguments& out,
                          int& exitCode) {
    CommandArguments arguments(command, usageOf(command));
    arguments.addOption(QStringLiteral("preset"), QStringLiteral("FILE"));
    arguments.addOption(QStringLiteral("set"), QStringLiteral("KEY=VALUE"));
    arguments.addOption(QStringLiteral("out"), QStringLiteral("FILE"));
    if (allowPoints) arguments.addOption(QStringLiteral("points"), QStringLiteral("N"));
    if (command == QLatin1String("train")) arguments.addOption(QStringLiteral("checkpoint"), QStringLiteral("FILE"));
    if (!parseArguments(arguments, args, 2, exitCode)) return false;
    exitCode = 2;
    if (allowPoints && !arguments.integer(QStringLiteral("points"), 2, 100000,
                                          QStringLiteral("an integer in [2, 100000]"), out.points)) {
        printError(arguments.error());
        return false;
    }
    out.presetPath = arguments.value(QStringLiteral("preset"));
    out.overrides = arguments.values(QStringLiteral("set"));
    out.outPath = arguments.value(QStringLiteral("out"));
    if (command == QLatin1String("train")) out.checkpointPath = arguments.value(QStringLiteral("checkpoint"));
    if (out.presetPath.isEmpty()) {
        arguments.fail(QStringLiteral("--preset FILE is required"));
        printError(arguments.error());
        return false;
    }
    return true;
}

}  // namespace mtj::app
