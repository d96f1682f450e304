// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the preset reader (app/preset.cpp, parsePreset) on arbitrary bytes. It must return an error or a
// valid preset, never crash, hang or trip AddressSanitizer/UndefinedBehaviorSanitizer. Accepted presets are written
// back and read again: the round trip must succeed.
#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "preset.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    mtj::app::Preset preset;
    if (mtj::app::parsePreset(bytes, QStringLiteral("fuzz"), {}, preset)) {
        mtj::app::Preset again;
        if (!mtj::app::parsePreset(mtj::app::presetToJson(preset), QStringLiteral("round trip"), {}, again))
            std::abort();
    }
    return 0;
}
