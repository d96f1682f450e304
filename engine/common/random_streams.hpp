// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's random streams, each named once. A stream is GaussianRandom(seed, key) (physics/random.hpp): the
// user's seed picks the run, the key keeps streams of different purposes apart, so adding a draw to one never moves
// another. The values are those the results and tests were made with; changing one changes every seeded result of
// that stream.
#pragma once

#include <cstdint>
#include <cstring>

namespace mtj::random_streams {

/// Device i of a varied population (device/variability.hpp): key deviceSampling + i.
inline constexpr std::uint64_t deviceSampling = 0x7a11ab1eULL;
/// The read noise of the macrospin readings at one input x (device/macrospin/macrospin_reading.cpp): readingsAt(x, key).
inline constexpr std::uint64_t macrospinReadings = 0x5eedULL;
/// The telegraph switching and read noise of the superparamagnetic readings at one input x: readingsAt(x, key).
inline constexpr std::uint64_t telegraphReadings = 0x7e1e9a4bULL;
/// The telegraph trace the explorer draws (device/superparamagnetic/), apart from the readings of the curve.
inline constexpr std::uint64_t telegraphTrace = 0x7e1e9a4cULL;
/// The Brown thermal field of the trajectory chart's one reading (device/macrospin/macrospin_trajectory.cpp).
inline constexpr std::uint64_t trajectoryThermalField = 0x7A1ECULL;
/// A network's initial weights (network/device_network.cpp).
inline constexpr std::uint64_t initialWeights = 0x1417ULL;
/// The stratified folds of a dataset (data/dataset.cpp).
inline constexpr std::uint64_t folds = 0xF01DULL;
/// The generated teaching sets (data/loaders.cpp).
inline constexpr std::uint64_t teachingSet = 0x2D5E7ULL;
/// The order of the training samples in epoch e (network/trainer.cpp): key epochOrder + e * epochOrderStride.
inline constexpr std::uint64_t epochOrder = 0x5ULL;
inline constexpr std::uint64_t epochOrderStride = 7919ULL;
/// The readings of training batches and of evaluation (network/trainer.cpp), mixed with the seed and the epoch.
inline constexpr std::uint64_t trainingReadings = 0xDE910ULL;
inline constexpr std::uint64_t evaluationReadings = 0xE7A1ULL;

/// The key of the stream of readings at input x: the bits of x mixed by the golden-ratio constant, so a point reads
/// the same whatever other points are computed with it (a coarse drawing pass, a subset of a curve).
inline std::uint64_t readingsAt(double x, std::uint64_t stream) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &x, sizeof bits);
    return stream ^ (bits * 0x9E3779B97F4A7C15ULL);
}

}  // namespace mtj::random_streams
