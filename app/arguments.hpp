// SPDX-License-Identifier: GPL-3.0-or-later
// CommandArguments: the options of one command of mtj-explorer, read with QCommandLineParser (docs/formats.md "Command
// line"). Every subcommand and the window's own options go through it, so that an unknown option, a missing value,
// a stray argument and a bad number are reported the same way everywhere: one line naming the command, the argument
// and what it must be, with the command's usage. Main thread only.
#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace mtj::app {

class CommandArguments {
public:
    /// `command` names the messages ("curve"; empty for the window's own options); `usage` is its usage line.
    CommandArguments(QString command, QString usage);

    /// An option taking a value (valueName non-empty) or a flag.
    void addOption(const QString& name, const QString& valueName = {});

    /// Accepts up to `count` arguments that are not options (a file to read, a folder); more is an error.
    void allowPositional(int count) { positionalAllowed_ = count; }
    [[nodiscard]] QStringList positional() const { return parser_.positionalArguments(); }

    /// Parses `args`: the program, then (for a subcommand) the subcommand's name, then the options; `skip` is how
    /// many leading arguments are not the command's (1 for the window, 2 for a subcommand). False with error() set
    /// on an unknown option, a missing value or a stray argument. helpAsked() after -h or --help.
    bool parse(const QStringList& args, int skip);
    [[nodiscard]] const QString& error() const { return error_; }
    [[nodiscard]] bool helpAsked() const { return parser_.isSet(QStringLiteral("help")); }
    [[nodiscard]] const QString& usage() const { return usage_; }

    [[nodiscard]] bool isSet(const QString& name) const { return parser_.isSet(name); }
    [[nodiscard]] QString value(const QString& name) const { return parser_.value(name); }
    [[nodiscard]] QStringList values(const QString& name) const { return parser_.values(name); }

    /// The option's value as a whole number in [lo, hi] (left unchanged when the option is absent). False with
    /// error() "command: --name 'text': must be `what`" when it is not.
    bool integer(const QString& name, long long lo, long long hi, const QString& what, int& out);
    /// The same for a finite number in [lo, hi].
    bool number(const QString& name, double lo, double hi, const QString& what, double& out);
    /// error() "command: `message`" for a check of the command's own (a required option, a choice).
    bool fail(const QString& message);

private:
    QString command_, usage_, error_;
    int positionalAllowed_ = 0;
    QCommandLineParser parser_;
};

}  // namespace mtj::app

namespace mtj::app {

/// The usage line of a subcommand ("curve", "train", "reproduce", "bench", "screenshot") or, for "", of the window.
QString usageOf(const QString& command);
/// Every usage line, as `mtj-explorer --help` prints them.
QString fullUsage();

/// Prints "mtj-explorer: message" on stderr.
void printError(const QString& message);

/// Parses a command's arguments; false when the command should return `exitCode` at once: after an error (printed,
/// ExitBadInput) or after -h/--help (the usage printed, ExitSuccess).
bool parseArguments(CommandArguments& arguments, const QStringList& args, int skip, int& exitCode);

/// The arguments of the preset-driven subcommands: --preset FILE (required), --set KEY=VALUE (repeatable), --out FILE
/// and, where allowed, --points N.
struct PresetArguments {
    QString presetPath;
    QStringList overrides;
    QString outPath;
    QString checkpointPath;  // train --checkpoint FILE
    int points = 201;
};
bool parsePresetArguments(const QStringList& args, const QString& command, bool allowPoints, PresetArguments& out,
                          int& exitCode);

}  // namespace mtj::app
