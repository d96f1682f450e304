// SPDX-License-Identifier: GPL-3.0-or-later
#include <csignal>
// mtj-explorer: the GUI when started without a subcommand, the command line otherwise (docs/formats.md).
#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QStatusBar>
#include <cstdio>
#include <cstdlib>

#include "arguments.hpp"
#include "command_line.hpp"
#include "paths.hpp"
#include "autosave.hpp"
#include "explorer_controller.hpp"
#include "main_window.hpp"

namespace {

void setIdentity() {
    QCoreApplication::setApplicationName(QStringLiteral("MTJ Explorer"));
    QCoreApplication::setOrganizationName(QStringLiteral("MTJ Explorer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MTJ_VERSION));
}

}  // namespace

int main(int argc, char** argv) {
    // Idle OpenMP threads sleep instead of spinning: in a window the GUI thread needs the core they would burn.
    // (Set before the OpenMP runtime starts; an explicit OMP_WAIT_POLICY of the user wins.)
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
    // A file-size limit (ulimit -f) or a closed pipe must be an error the program reports, not a signal that kills it
    // half-way through a file: writes then fail with EFBIG or EPIPE and are checked.
    std::signal(SIGXFSZ, SIG_IGN);
    std::signal(SIGPIPE, SIG_IGN);

    QStringList args;
    for (int i = 0; i < argc; ++i) args << QString::fromLocal8Bit(argv[i]);
    if (args.size() > 1 && (args[1] == QStringLiteral("--help") || args[1] == QStringLiteral("-h"))) {
        std::fputs(mtj::app::fullUsage().toLocal8Bit().constData(), stdout);
        return mtj::app::ExitSuccess;
    }
    if (args.size() > 1 && args[1] == QStringLiteral("--version")) {
        QCoreApplication application(argc, argv);  // where the program is decides where its presets are
        std::printf(
            "mtj-explorer %s\nlicence: GPL-3.0-or-later (GNU General Public License, version 3 or later; "
            "NO WARRANTY; the text is in LICENSE)\npresets: %s\n",
            MTJ_VERSION, mtj::app::presetDirectory().toLocal8Bit().constData());
        return mtj::app::ExitSuccess;
    }
    if (mtj::app::isSubcommand(args)) {
        // screenshot and bench render the real window, off screen.
        if (args[1] == QStringLiteral("screenshot") || args[1] == QStringLiteral("bench")) {
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
            QApplication application(argc, argv);
            setIdentity();
            return mtj::app::runSubcommand(args);
        }
        QCoreApplication core(argc, argv);
        setIdentity();
        return mtj::app::runSubcommand(args);
    }
    // The window's own options.
    mtj::app::CommandArguments arguments(QString(), mtj::app::usageOf(QString()));
    arguments.addOption(QStringLiteral("preset"), QStringLiteral("FILE"));
    arguments.addOption(QStringLiteral("session"), QStringLiteral("FILE"));
    arguments.addOption(QStringLiteral("version"));
    arguments.addOption(QStringLiteral("restore"));
    if (int exitCode = mtj::app::ExitBadInput; !mtj::app::parseArguments(arguments, args, 1, exitCode)) return exitCode;
    QString presetPath, sessionPath;
    for (const char* option : {"preset", "session"}) {
        if (!arguments.isSet(QLatin1String(option))) continue;
        const QString given = arguments.value(QLatin1String(option));
        const QFileInfo info(given);
        if (!info.isFile() || !info.isReadable()) {
            std::fprintf(stderr, "mtj-explorer: --%s: cannot read '%s'\n", option, given.toLocal8Bit().constData());
            return mtj::app::ExitBadInput;
        }
        (QLatin1String(option) == QLatin1String("session") ? sessionPath : presetPath) = info.absoluteFilePath();
    }
    QApplication application(argc, argv);
    setIdentity();
    // Windows that did not exit cleanly left their state (app/autosave.hpp): found before this window claims its own.
    const QString autosaves = mtj::app::autosaveDirectory();
    const QStringList orphans = mtj::app::Autosave::orphans(autosaves);
    mtj::app::ExplorerController controller(presetPath);
    controller.enableAutosave(autosaves);
    controller.window()->show();
    if (!sessionPath.isEmpty()) controller.openSession(sessionPath);  // an error shows in the window
    if (!orphans.isEmpty()) {
        const QString newest = orphans.first();
        bool restore = arguments.isSet(QStringLiteral("restore"));
        if (!restore) {
            const auto answer = QMessageBox::question(
                controller.window(), QCoreApplication::translate("main", "Restore the last session?"),
                QCoreApplication::translate("main",
                                            "MTJ Explorer did not close cleanly last time (saved %1). Restore the "
                                            "knobs, the lesson and the training run as they were?")
                    .arg(QLocale().toString(QFileInfo(newest).lastModified(), QLocale::ShortFormat)),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
            restore = answer == QMessageBox::Yes;
        }
        // Restored, its state lives on in this window's autosave; declined, it is let go. A file that cannot be
        // restored stays (the error names it).
        if (!restore || controller.restoreAutosave(newest)) mtj::app::Autosave::discard(newest);
    } else if (arguments.isSet(QStringLiteral("restore"))) {
        controller.window()->statusBar()->showMessage(
            QCoreApplication::translate("main", "Nothing to restore: the last window closed cleanly"), 10000);
    }
    return QApplication::exec();
}
