// SPDX-License-Identifier: GPL-3.0-or-later
#include "paths.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QProcessEnvironment>

namespace mtj::app {
namespace {
QString fromEnvironment(const char* name, const QString& fallback) {
    const QString value = QProcessEnvironment::systemEnvironment().value(QLatin1String(name));
    return value.isEmpty() ? fallback : value;
}
}  // namespace

/// An installed program finds its data beside itself, in ../share/mtj-explorer/<name> (cmake --install, the .deb);
/// a program run from its build tree finds the source tree's.
QString shippedDirectory(const char* name) {
    const QString executable =
        QCoreApplication::instance() != nullptr ? QCoreApplication::applicationDirPath() : QString();
    if (!executable.isEmpty()) {
        const QString installed =
            QDir(executable).filePath(QStringLiteral("../share/mtj-explorer/") + QLatin1String(name));
        if (QDir(installed).exists()) return QDir::cleanPath(installed);
    }
    return QStringLiteral(MTJ_SOURCE_DIR "/") + QLatin1String(name);
}

QString resourceDirectory() { return fromEnvironment("MTJ_RESOURCE_DIR", shippedDirectory("resources")); }

QString presetDirectory() { return fromEnvironment("MTJ_PRESET_DIR", shippedDirectory("presets")); }

QString mnistCacheDirectory() {
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (environment.contains(QStringLiteral("MTJ_MNIST_DIR")))
        return environment.value(QStringLiteral("MTJ_MNIST_DIR"));
    const QString cache =
        environment.value(QStringLiteral("XDG_CACHE_HOME"), QDir::homePath() + QStringLiteral("/.cache"));
    return cache + QStringLiteral("/mtj-explorer/mnist");
}

}  // namespace mtj::app
