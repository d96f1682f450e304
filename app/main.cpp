#include <csignal>
// mtj-explorer: the GUI when started without a subcommand, the command line otherwise (presets.md).
#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <cstdio>
#include <cstdlib>

#include "command_line.hpp"
#include "paths.hpp"
#include "explorer_controller.hpp"
#include "main_window.hpp"

namespace {

const char* usage =
    "usage: mtj-explorer [--preset FILE] [--session FILE]\n"
    "       mtj-explorer curve --preset FILE [--set KEY=VALUE]... [--points N] [--out FILE.csv]\n"
    "       mtj-explorer train --preset FILE [--set KEY=VALUE]... [--out FILE.json]\n"
    "       mtj-explorer reproduce [--quick] [--check] [--out FILE.md]\n"
    "       mtj-explorer bench [--soak MINUTES] [--out FILE.json]\n"
    "       mtj-explorer screenshot --preset FILE --view device|training --out FILE.png [--epochs N] [--compare] [--presentation]\n";

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
        std::fputs(usage, stdout);
        return mtj::app::ExitSuccess;
    }
    if (args.size() > 1 && args[1] == QStringLiteral("--version")) {
        QCoreApplication application(argc, argv);  // where the program is decides where its presets are
        std::printf("mtj-explorer %s\npresets: %s\n", MTJ_VERSION,
                    mtj::app::presetDirectory().toLocal8Bit().constData());
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
    QString presetPath, sessionPath;
    for (int i = 1; i < args.size(); ++i) {
        if ((args[i] == QStringLiteral("--preset") || args[i] == QStringLiteral("--session")) && i + 1 < args.size()) {
            const bool session = args[i] == QStringLiteral("--session");
            const QFileInfo info(args[++i]);
            if (!info.isFile() || !info.isReadable()) {
                std::fprintf(stderr, "mtj-explorer: %s: cannot read '%s'\n", session ? "--session" : "--preset",
                             argv[i]);
                return mtj::app::ExitBadInput;
            }
            (session ? sessionPath : presetPath) = info.absoluteFilePath();
        } else {
            std::fprintf(stderr, "mtj-explorer: unknown argument '%s'\n%s", argv[i], usage);
            return mtj::app::ExitBadInput;
        }
    }
    QApplication application(argc, argv);
    setIdentity();
    mtj::app::ExplorerController controller(presetPath);
    controller.window()->show();
    if (!sessionPath.isEmpty()) controller.openSession(sessionPath);  // an error shows in the window
    return QApplication::exec();
}
