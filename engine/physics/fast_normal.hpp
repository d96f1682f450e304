// SPDX-License-Identifier: GPL-3.0-or-later
// FastNormal: standard normal floats by the Marsaglia-Tsang ziggurat (128 layers) over xoshiro256+ bits, about
// ten times faster than Box-Muller: training adds read noise to every reading of every hidden neuron (two or more
// per neuron per sample). The tables are built once (thread-safe static initialisation). One instance per thread;
// seeded streams: FastNormal(seed, stream).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

#include "physics/random.hpp"
#include "physics/vec3.hpp"

namespace mtj {

class FastNormal {
public:
    explicit FastNormal(std::uint64_t seed = 1, std::uint64_t stream = 0) : bits_(seed, stream) {}
    void reseed(std::uint64_t seed, std::uint64_t stream) { bits_.reseed(seed, stream); }

    /// The ziggurat's fast path inline (98.8 % of draws); the rare tail out of line.
    MTJ_ALWAYS_INLINE float operator()() {
        const Tables& t = tables();
        const std::uint64_t word = bits_.nextBits();
        std::int32_t hz = static_cast<std::int32_t>(word >> 32);
        std::uint32_t iz = static_cast<std::uint32_t>(word) & 127u;
        const std::uint32_t magnitude = hz < 0 ? 0u - static_cast<std::uint32_t>(hz) : static_cast<std::uint32_t>(hz);
        if (magnitude < t.kn[iz]) return static_cast<float>(hz) * t.wn[iz];
        return tail(hz, iz);
    }

private:
    struct Tables {
        std::array<std::uint32_t, 128> kn;
        std::array<float, 128> wn, fn;
        Tables() {
            const double m1 = 2147483648.0;
            double dn = 3.442619855899, tn = dn;
            const double vn = 9.91256303526217e-3;
            const double q = vn / std::exp(-0.5 * dn * dn);
            kn[0] = static_cast<std::uint32_t>((dn / q) * m1);
            kn[1] = 0;
            wn[0] = static_cast<float>(q / m1);
            wn[127] = static_cast<float>(dn / m1);
            fn[0] = 1.0f;
            fn[127] = static_cast<float>(std::exp(-0.5 * dn * dn));
            for (int i = 126; i >= 1; --i) {
                dn = std::sqrt(-2.0 * std::log(vn / dn + std::exp(-0.5 * dn * dn)));
                kn[i + 1] = static_cast<std::uint32_t>((dn / tn) * m1);
                tn = dn;
                fn[i] = static_cast<float>(std::exp(-0.5 * dn * dn));
                wn[i] = static_cast<float>(dn / m1);
            }
        }
    };
    static const Tables& tables() {
        static const Tables t;
        return t;
    }
    float uniform() { return static_cast<float>(bits_.nextBits() >> 40) * 0x1.0p-24f + 0x1.0p-25f; }
    [[gnu::noinline]] float tail(std::int32_t hz, std::uint32_t iz) {
        const Tables& t = tables();
        constexpr float r = 3.442620f;
        for (;;) {
            float x = static_cast<float>(hz) * t.wn[iz];
            if (iz == 0) {
                float y;
                do {
                    x = -std::log(uniform()) * 0.2904764f;
                    y = -std::log(uniform());
                } while (y + y < x * x);
                return hz > 0 ? r + x : -r - x;
            }
            if (t.fn[iz] + uniform() * (t.fn[iz - 1] - t.fn[iz]) < std::exp(-0.5f * x * x)) return x;
            const std::uint64_t word = bits_.nextBits();
            hz = static_cast<std::int32_t>(word >> 32);
            iz = static_cast<std::uint32_t>(word) & 127u;
            const std::uint32_t magnitude =
                hz < 0 ? 0u - static_cast<std::uint32_t>(hz) : static_cast<std::uint32_t>(hz);
            if (magnitude < t.kn[iz]) return static_cast<float>(hz) * t.wn[iz];
        }
    }

    GaussianRandom bits_;
};

}  // namespace mtj
