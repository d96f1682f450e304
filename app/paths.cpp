#include "paths.hpp"

#include <QDir>
#include <QProcessEnvironment>

namespace mtj::app {
namespace {
QString fromEnvironment(const char* name, const QString& fallback) {
    const QString value = QProcessEnvironment::systemEnvironment().value(QLatin1String(name));
    return value.isEmpty() ? fallback : value;
}
}  // namespace

QString resourceDirectory() { return fromEnvironment("MTJ_RESOURCE_DIR", QStringLiteral(MTJ_SOURCE_DIR "/resources")); }

QString presetDirectory() { return fromEnvironment("MTJ_PRESET_DIR", QStringLiteral(MTJ_SOURCE_DIR "/presets")); }

QString mnistCacheDirectory() {
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (environment.contains(QStringLiteral("MTJ_MNIST_DIR"))) return environment.value(QStringLiteral("MTJ_MNIST_DIR"));
    const QString cache = environment.value(QStringLiteral("XDG_CACHE_HOME"), QDir::homePath() + QStringLiteral("/.cache"));
    return cache + QStringLiteral("/mtj-explorer/mnist");
}

}  // namespace mtj::app
