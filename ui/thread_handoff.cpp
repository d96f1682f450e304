#include "thread_handoff.hpp"

namespace mtj::ui {

std::mutex& threadHandoffFence() {
    static std::mutex fence;
    return fence;
}

}  // namespace mtj::ui
