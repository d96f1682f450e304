// SPDX-License-Identifier: GPL-3.0-or-later
// One rule for a text field in every CSV the window writes (chart exports, robustness maps): RFC 4180, quoted with
// inner quotes doubled when it holds a comma, a quote or a line break; also when it starts with '#' (readers that
// skip comment lines would drop the row) or has outer spaces (some readers trim them). docs/formats.md.
#pragma once

#include <QString>

namespace mtj::ui {

QString csvField(const QString& text);

}  // namespace mtj::ui
