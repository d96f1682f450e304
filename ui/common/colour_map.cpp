// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/colour_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace mtj::ui {

QRgb viridis(double t) {
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
    static constexpr std::array<std::array<double, 7>, 3> c{{
        {0.2777273272234177, 0.1050930431085774, -0.3308618287255563, -4.634230498983486, 6.228269936347081,
         4.776384997670288, -5.435455855934631},
        {0.005407344544966578, 1.404613529898575, 0.214847559468213, -5.799100973351585, 14.17993336680509,
         -13.74514537774601, 4.645852612178535},
        {0.3340998053353061, 1.384590162594685, 0.09509516302823659, -19.33244095627987, 56.69055260068105,
         -65.35303263337234, 26.3124352495832},
    }};
    int rgb[3];
    for (int k = 0; k < 3; ++k) {
        double v = c[k][6];
        for (int n = 5; n >= 0; --n) v = v * t + c[k][n];
        rgb[k] = std::clamp(static_cast<int>(std::lround(255.0 * v)), 0, 255);
    }
    return qRgb(rgb[0], rgb[1], rgb[2]);
}

}  // namespace mtj::ui
