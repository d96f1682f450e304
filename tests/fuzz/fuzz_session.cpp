// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the session reader (app/session.cpp, parseSession) on arbitrary bytes: an error or a session,
// never a crash, a hang or a sanitizer report.
#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>

#include "session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    mtj::app::Session session;
    (void)mtj::app::parseSession(bytes, QStringLiteral("fuzz"), session);
    return 0;
}
