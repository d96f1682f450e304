// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers of the tests that set up and read back files: a whole file's bytes, and bytes written to a file (plain
// QFile, not the program's durable writer, so that a test can make what the program must cope with).
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace mtj::testing {

/// The file's bytes; empty when it cannot be read.
inline QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Writes `bytes` to `path` (replacing it); false when not every byte was written.
inline bool writeAll(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

}  // namespace mtj::testing
