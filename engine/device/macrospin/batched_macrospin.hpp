// SPDX-License-Identifier: GPL-3.0-or-later
// BatchedMacrospin: many independent macrospins (devices of a population, or the points of a sweep) advanced
// together. Storage is a structure of arrays, one array per state component and per coefficient, so the lane
// loop vectorises (AVX2/AVX-512 with -march=native); lanes are processed in cache-sized chunks, each chunk for
// all its steps, and the chunks are shared among the cores with parallelFor.
//
// Each lane has its own coefficients (field, anisotropy, damping, spin-transfer current, ...); the easy axis and
// the reference axis are shared by the batch. Each lane owns a LaneNormals stream seeded by (seed, lane index),
// so a thermal run gives the same result whatever the number of threads.
//
// Equations: the same llgsRightHandSide, rk4Step and heunStep as the single-device path (integrators.hpp).
// Not thread-safe: one thread owns an instance; advance*() itself uses worker threads internally.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "device/macrospin/integrators.hpp"
#include "device/macrospin/lane_normals.hpp"

namespace mtj {

class BatchedMacrospin {
public:
    static constexpr std::size_t laneChunk = 64;  // lanes per inner loop: ~17 arrays x 64 x 8 B stays in L1

    BatchedMacrospin(const Vec3& easyAxis, const Vec3& referenceAxis);

    /// Adds a lane for `model` under `drive`, starting at m0 (normalised). The model's axes must equal the
    /// batch's (a population shares its axes); returns the lane index.
    std::size_t addLane(const JunctionCoefficients& model, const Drive& drive, const Vec3& m0);
    void setDrive(std::size_t lane, const JunctionCoefficients& model, const Drive& drive);
    void setMagnetization(std::size_t lane, const Vec3& m);
    [[nodiscard]] Vec3 magnetization(std::size_t lane) const;
    [[nodiscard]] std::size_t size() const { return mx_.size(); }

    /// Seeds every lane's thermal random stream: lane i uses the LaneNormals stream (seed, i).
    void seedThermalNoise(std::uint64_t seed);

    /// Sum of m over every step since the last resetAccumulators() when accumulate was true in advance*().
    [[nodiscard]] Vec3 accumulatedMagnetization(std::size_t lane) const;
    [[nodiscard]] long accumulatedSteps() const { return accumulatedSteps_; }
    void resetAccumulators();

    /// T = 0: `steps` RK4 steps of dt seconds on every lane. threads = 0 uses all hardware threads.
    void advanceRk4(double dtSeconds, long steps, unsigned threads = 0, bool accumulate = false);
    /// T >= 0: `steps` stochastic Heun steps with each lane's own Brown field.
    void advanceHeun(double dtSeconds, long steps, unsigned threads = 0, bool accumulate = false);

private:
    template <bool Thermal>
    void advance(double dtSeconds, long steps, unsigned threads, bool accumulate);
    template <bool Thermal, int U, int P>
    void advanceForAxes(double dtSeconds, long steps, unsigned threads, bool accumulate);

    Vec3 easyAxis_;
    Vec3 referenceAxis_;
    std::vector<double> mx_, my_, mz_;
    std::vector<double> fieldX_, fieldY_, fieldZ_;  // H_ext + H_off, A/m
    std::vector<double> anisotropyField_, demagField_, damping_, gyromagnetic_, sttField_, polarization_,
        fieldLikeRatio_;
    std::vector<double> thermalVarianceRate_;  // 2 alpha kB T / (gamma0 mu0 Ms V), so sigma^2 = rate / dt
    std::vector<double> sumX_, sumY_, sumZ_;
    std::vector<LaneNormals<laneChunk>::State> noiseState_;  // each lane's Brown-field stream
    long accumulatedSteps_ = 0;
};

}  // namespace mtj
