// SPDX-License-Identifier: GPL-3.0-or-later
// LaneNormals: vectorised standard normal numbers for a block of integration lanes, three per lane per step (the
// Brown field's three components).
//
// Every lane owns a xoshiro256+ stream (Blackman and Vigna 2018) seeded through splitmix64 from (seed, stream), as
// GaussianRandom is, so a lane's numbers depend only on its seed and its stream key: not on the block it sits in,
// the lanes beside it, the thread or the batch size. The state is a structure of arrays, so one loop advances all
// lanes' generators in SIMD registers (64-bit adds, xors, shifts and rotates).
//
// Normals come from the Box-Muller transform written without branches or library calls: a float logarithm (the
// Cephes polynomial, relative error below 2e-7) and sine and cosine on a quarter turn (Taylor to the 9th and 8th
// power, error below 4e-9) rotated into one of four quadrants by two bits of the word. The radius uses 31 bits of
// the uniform, so the largest normal is about 6.6; P(|z| > 6.6) = 4e-11, far below anything a reading can resolve.
// A 64-bit word gives one Box-Muller pair; three normals per step take two pairs on even draws (the fourth number
// is kept) and one pair on odd draws, 1.5 words per lane and step.
//
// Not thread-safe: one thread owns a block.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "physics/vec3.hpp"

namespace mtj {

namespace lane_normals_detail {

inline std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// Natural logarithm of u in (0, 1] (Cephes logf): u = 2^e m with m in [sqrt(1/2), sqrt(2)).
MTJ_ALWAYS_INLINE float logarithm(float u) {
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(u);
    int exponent = static_cast<int>(bits >> 23) - 126;
    float m = std::bit_cast<float>((bits & 0x007FFFFFu) | 0x3F000000u);  // [0.5, 1)
    const bool small = m < 0.707106781186547524f;
    exponent = small ? exponent - 1 : exponent;
    m = small ? m + m - 1.0f : m - 1.0f;
    const float z = m * m;
    float y = 7.0376836292e-2f;
    y = y * m - 1.1514610310e-1f;
    y = y * m + 1.1676998740e-1f;
    y = y * m - 1.2420140846e-1f;
    y = y * m + 1.4249322787e-1f;
    y = y * m - 1.6668057665e-1f;
    y = y * m + 2.0000714765e-1f;
    y = y * m - 2.4999993993e-1f;
    y = y * m + 3.3333331174e-1f;
    y = y * m * z;
    const float e = static_cast<float>(exponent);
    y += -2.12194440e-4f * e;
    y += -0.5f * z;
    return m + y + 0.693359375f * e;
}

/// One Box-Muller pair from 64 random bits: 31 bits for the radius, 2 for the quadrant, 30 for the angle in it.
MTJ_ALWAYS_INLINE void boxMuller(std::uint64_t word, float& first, float& second) {
    const std::uint32_t high = static_cast<std::uint32_t>(word >> 32);
    const std::uint32_t low = static_cast<std::uint32_t>(word);
    const float u = static_cast<float>(static_cast<std::int32_t>(high >> 1)) * 0x1.0p-31f + 0x1.0p-32f;  // (0, 1]
    const float radius = __builtin_sqrtf(-2.0f * logarithm(u));
    // An angle in [-pi/4, pi/4) and a quadrant: together uniform on the circle.
    const float phi =
        (static_cast<float>(static_cast<std::int32_t>(low & 0x3FFFFFFFu)) * 0x1.0p-30f - 0.5f) * 1.57079632679489662f;
    const float p2 = phi * phi;
    const float sine =
        phi * (1.0f + p2 * (-1.0f / 6.0f + p2 * (1.0f / 120.0f + p2 * (-1.0f / 5040.0f + p2 * (1.0f / 362880.0f)))));
    const float cosine = 1.0f + p2 * (-0.5f + p2 * (1.0f / 24.0f + p2 * (-1.0f / 720.0f + p2 * (1.0f / 40320.0f))));
    const std::uint32_t quadrant = low >> 30;
    // (cos, sin) of phi + quadrant * pi / 2.
    const bool swap = (quadrant & 1u) != 0;
    const float c = swap ? sine : cosine;
    const float s = swap ? cosine : sine;
    const float cosSign = (quadrant == 1u || quadrant == 2u) ? -1.0f : 1.0f;
    const float sinSign = (quadrant >= 2u) ? -1.0f : 1.0f;
    first = radius * cosSign * c;
    second = radius * sinSign * s;
}

}  // namespace lane_normals_detail

template <std::size_t Capacity>
class LaneNormals {
public:
    /// A lane's generator state, to keep a stream going across blocks (BatchedMacrospin keeps one per lane).
    struct State {
        std::uint64_t words[4]{};
    };
    static State seededState(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t x = seed ^ (0x9E3779B97F4A7C15ULL * (stream + 1));
        State state;
        for (auto& word : state.words) word = lane_normals_detail::splitmix64(x);
        return state;
    }

    /// Lane `lane` draws from the stream (seed, stream): the same numbers as any other lane seeded alike.
    void seedLane(std::size_t lane, std::uint64_t seed, std::uint64_t stream) {
        restoreLane(lane, seededState(seed, stream));
    }
    /// Continues a stream saved by saveLane (a kept fourth number is not part of the state: call restart()).
    void restoreLane(std::size_t lane, const State& state) {
        s0_[lane] = state.words[0];
        s1_[lane] = state.words[1];
        s2_[lane] = state.words[2];
        s3_[lane] = state.words[3];
        spare_[lane] = 0.0f;
    }
    [[nodiscard]] State saveLane(std::size_t lane) const { return State{{s0_[lane], s1_[lane], s2_[lane], s3_[lane]}}; }

    void swapLanes(std::size_t a, std::size_t b) {
        std::swap(s0_[a], s0_[b]);
        std::swap(s1_[a], s1_[b]);
        std::swap(s2_[a], s2_[b]);
        std::swap(s3_[a], s3_[b]);
        std::swap(spare_[a], spare_[b]);
    }

    /// Starts every lane's next draw afresh (after seeding all lanes of the block).
    void restart() { hasSpare_ = false; }

    /// x[i], y[i], z[i] = sigma times three independent N(0, 1) numbers of lane i, for i < count. Every lane of the
    /// block must be drawn by every call (the kept number is a block-wide phase).
    void drawTriples(std::size_t count, double sigma, double* __restrict x, double* __restrict y,
                     double* __restrict z) {
        using namespace lane_normals_detail;
        if (!hasSpare_) {
#pragma GCC ivdep
            for (std::size_t i = 0; i < count; ++i) {
                const std::uint64_t first = next(i);
                const std::uint64_t second = next(i);
                float a, b, c, d;
                boxMuller(first, a, b);
                boxMuller(second, c, d);
                x[i] = sigma * static_cast<double>(a);
                y[i] = sigma * static_cast<double>(b);
                z[i] = sigma * static_cast<double>(c);
                spare_[i] = d;
            }
        } else {
#pragma GCC ivdep
            for (std::size_t i = 0; i < count; ++i) {
                float a, b;
                boxMuller(next(i), a, b);
                x[i] = sigma * static_cast<double>(spare_[i]);
                y[i] = sigma * static_cast<double>(a);
                z[i] = sigma * static_cast<double>(b);
            }
        }
        hasSpare_ = !hasSpare_;
    }

private:
    MTJ_ALWAYS_INLINE std::uint64_t next(std::size_t i) {
        const std::uint64_t result = s0_[i] + s3_[i];
        const std::uint64_t t = s1_[i] << 17;
        s2_[i] ^= s0_[i];
        s3_[i] ^= s1_[i];
        s1_[i] ^= s2_[i];
        s0_[i] ^= s3_[i];
        s2_[i] ^= t;
        s3_[i] = (s3_[i] << 45) | (s3_[i] >> 19);
        return result;
    }

    alignas(64) std::uint64_t s0_[Capacity]{}, s1_[Capacity]{}, s2_[Capacity]{}, s3_[Capacity]{};
    alignas(64) float spare_[Capacity]{};
    bool hasSpare_ = false;
};

}  // namespace mtj
