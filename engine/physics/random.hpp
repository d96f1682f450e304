// SPDX-License-Identifier: GPL-3.0-or-later
// GaussianRandom: a small, fast, seeded source of standard normal numbers for the Brown thermal field and the
// read noise of the device model.
//
// Uniform bits come from xoshiro256+ (Blackman and Vigna 2018), seeded through splitmix64 so that any 64-bit
// seed, and any (seed, stream) pair, gives an independent, well-mixed state. Normals use the Box-Muller
// transform, returning both values of each pair. Same seed, same sequence, on every platform with IEEE doubles.
// One instance belongs to one thread at a time.
#pragma once

#include <cmath>
#include <cstdint>

namespace mtj {

class GaussianRandom {
public:
    explicit GaussianRandom(std::uint64_t seed = 1, std::uint64_t stream = 0) { reseed(seed, stream); }

    void reseed(std::uint64_t seed, std::uint64_t stream = 0) {
        std::uint64_t x = seed ^ (0x9E3779B97F4A7C15ULL * (stream + 1));
        for (auto& word : state_) {
            word = splitmix64(x);
        }
        hasSpare_ = false;
    }

    /// Uniform double in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(nextBits() >> 11) * 0x1.0p-53; }

    /// Standard normal N(0, 1).
    double normal() {
        if (hasSpare_) {
            hasSpare_ = false;
            return spare_;
        }
        double u1 = uniform();
        while (u1 <= 0.0) {
            u1 = uniform();
        }
        const double u2 = uniform();
        const double radius = std::sqrt(-2.0 * std::log(u1));
        const double angle = 6.283185307179586 * u2;
        spare_ = radius * std::sin(angle);
        hasSpare_ = true;
        return radius * std::cos(angle);
    }

    std::uint64_t nextBits() {
        const std::uint64_t result = state_[0] + state_[3];
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = (state_[3] << 45) | (state_[3] >> 19);
        return result;
    }

private:
    static std::uint64_t splitmix64(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    std::uint64_t state_[4]{};
    double spare_ = 0.0;
    bool hasSpare_ = false;
};

}  // namespace mtj
