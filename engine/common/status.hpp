// SPDX-License-Identifier: GPL-3.0-or-later
// Status: the error value the engine returns instead of throwing across library or thread boundaries.
//
// An ok Status has an empty message. A failed one carries a human-readable message that names what is wrong
// and where (for parameters: the preset key, its value and the allowed range). Any thread may use it.
#pragma once

#include <string>
#include <utility>

namespace mtj {

class Status {
public:
    Status() = default;
    static Status ok() { return {}; }
    static Status error(std::string message) {
        Status s;
        s.failed_ = true;
        s.message_ = std::move(message);
        return s;
    }

    [[nodiscard]] bool isOk() const { return !failed_; }
    explicit operator bool() const { return !failed_; }
    [[nodiscard]] const std::string& message() const { return message_; }

private:
    bool failed_ = false;
    std::string message_;
};

}  // namespace mtj
