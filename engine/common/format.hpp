// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers in validation messages: six significant digits, the way a user typed them. Any thread.
#pragma once

#include <sstream>
#include <string>

namespace mtj {

inline std::string formatNumber(double value) {
    std::ostringstream out;
    out.precision(6);
    out << value;
    return out.str();
}

}  // namespace mtj
