// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/macrospin/batched_macrospin.hpp"

#include <algorithm>
#include <cmath>

#include "common/parallel.hpp"
#include "physics/units.hpp"

namespace mtj {
namespace {
constexpr std::size_t laneChunk = BatchedMacrospin::laneChunk;
}

BatchedMacrospin::BatchedMacrospin(const Vec3& easyAxis, const Vec3& referenceAxis)
    : easyAxis_(normalized(easyAxis)), referenceAxis_(normalized(referenceAxis)) {}

std::size_t BatchedMacrospin::addLane(const JunctionCoefficients& model, const Drive& drive, const Vec3& m0) {
    const std::size_t lane = mx_.size();
    for (auto* v :
         {&mx_, &my_, &mz_, &fieldX_, &fieldY_, &fieldZ_, &anisotropyField_, &demagField_, &damping_, &gyromagnetic_,
          &sttField_, &polarization_, &fieldLikeRatio_, &thermalVarianceRate_, &sumX_, &sumY_, &sumZ_}) {
        v->push_back(0.0);
    }
    noiseState_.push_back(LaneNormals<laneChunk>::seededState(1, lane));
    setDrive(lane, model, drive);
    setMagnetization(lane, m0);
    return lane;
}

void BatchedMacrospin::setDrive(std::size_t lane, const JunctionCoefficients& model, const Drive& drive) {
    const LlgsCoefficients c = llgsCoefficients(model, drive);
    fieldX_[lane] = c.externalField.x;
    fieldY_[lane] = c.externalField.y;
    fieldZ_[lane] = c.externalField.z;
    anisotropyField_[lane] = c.anisotropyField;
    demagField_[lane] = c.effectiveDemagField;
    damping_[lane] = c.damping;
    gyromagnetic_[lane] = c.reducedGyromagneticRatio;
    sttField_[lane] = c.sttFieldAtFullEfficiency;
    polarization_[lane] = c.polarization;
    fieldLikeRatio_[lane] = c.fieldLikeRatio;
    thermalVarianceRate_[lane] =
        model.temperatureKelvin > 0.0
            ? 2.0 * model.damping * units::boltzmann * model.temperatureKelvin /
                  (units::gamma0 * units::mu0 * model.saturationMagnetization * model.volumeCubicMeters)
            : 0.0;
}

void BatchedMacrospin::setMagnetization(std::size_t lane, const Vec3& m) {
    const Vec3 unit = normalized(m);
    mx_[lane] = unit.x;
    my_[lane] = unit.y;
    mz_[lane] = unit.z;
}

Vec3 BatchedMacrospin::magnetization(std::size_t lane) const { return {mx_[lane], my_[lane], mz_[lane]}; }

void BatchedMacrospin::seedThermalNoise(std::uint64_t seed) {
    for (std::size_t lane = 0; lane < noiseState_.size(); ++lane) {
        noiseState_[lane] = LaneNormals<laneChunk>::seededState(seed, lane);
    }
}

Vec3 BatchedMacrospin::accumulatedMagnetization(std::size_t lane) const {
    return {sumX_[lane], sumY_[lane], sumZ_[lane]};
}

void BatchedMacrospin::resetAccumulators() {
    std::fill(sumX_.begin(), sumX_.end(), 0.0);
    std::fill(sumY_.begin(), sumY_.end(), 0.0);
    std::fill(sumZ_.begin(), sumZ_.end(), 0.0);
    accumulatedSteps_ = 0;
}

void BatchedMacrospin::advanceRk4(double dt, long steps, unsigned threads, bool accumulate) {
    advance<false>(dt, steps, threads, accumulate);
}

void BatchedMacrospin::advanceHeun(double dt, long steps, unsigned threads, bool accumulate) {
    advance<true>(dt, steps, threads, accumulate);
}

template <bool Thermal>
void BatchedMacrospin::advance(double dt, long steps, unsigned threads, bool accumulate) {
    if (size() == 0 || steps <= 0) {
        return;
    }
    // The axes are shared by the batch: compile the lane loop once for their kinds (see llgsTorque).
    LlgsCoefficients axes{};
    axes.easyAxis = easyAxis_;
    axes.referenceAxis = referenceAxis_;
    withAxisKinds(axes, [&](auto easyKind, auto referenceKind) {
        advanceForAxes<Thermal, decltype(easyKind)::value, decltype(referenceKind)::value>(dt, steps, threads,
                                                                                           accumulate);
    });
    if (accumulate) {
        accumulatedSteps_ += steps;
    }
}

template <bool Thermal, int U, int P>
void BatchedMacrospin::advanceForAxes(double dt, long steps, unsigned threads, bool accumulate) {
    const std::size_t lanes = size();
    const std::size_t chunks = (lanes + laneChunk - 1) / laneChunk;
    const Vec3 u = easyAxis_;
    const Vec3 p = referenceAxis_;
    parallelFor(chunks, threads, 1, [&](std::size_t chunkBegin, std::size_t chunkEnd) {
        alignas(64) double thermalX[laneChunk], thermalY[laneChunk], thermalZ[laneChunk];
        alignas(64) double sigma[laneChunk];
        LaneNormals<laneChunk> noise;
        for (std::size_t chunk = chunkBegin; chunk < chunkEnd; ++chunk) {
            const std::size_t begin = chunk * laneChunk;
            const std::size_t count = std::min(laneChunk, lanes - begin);
            double* __restrict mx = mx_.data() + begin;
            double* __restrict my = my_.data() + begin;
            double* __restrict mz = mz_.data() + begin;
            double* __restrict sx = sumX_.data() + begin;
            double* __restrict sy = sumY_.data() + begin;
            double* __restrict sz = sumZ_.data() + begin;
            const double* __restrict hx = fieldX_.data() + begin;
            const double* __restrict hy = fieldY_.data() + begin;
            const double* __restrict hz = fieldZ_.data() + begin;
            const double* __restrict hk = anisotropyField_.data() + begin;
            const double* __restrict meff = demagField_.data() + begin;
            const double* __restrict alpha = damping_.data() + begin;
            const double* __restrict gyro = gyromagnetic_.data() + begin;
            const double* __restrict stt = sttField_.data() + begin;
            const double* __restrict pol = polarization_.data() + begin;
            const double* __restrict xi = fieldLikeRatio_.data() + begin;
            if constexpr (Thermal) {
                for (std::size_t i = 0; i < count; ++i) {
                    sigma[i] = std::sqrt(thermalVarianceRate_[begin + i] / dt);
                    noise.restoreLane(i, noiseState_[begin + i]);
                }
                noise.restart();
            }
            for (long step = 0; step < steps; ++step) {
                if constexpr (Thermal) {
                    noise.drawTriples(count, 1.0, thermalX, thermalY, thermalZ);
                    for (std::size_t i = 0; i < count; ++i) {
                        thermalX[i] *= sigma[i];
                        thermalY[i] *= sigma[i];
                        thermalZ[i] *= sigma[i];
                    }
                }
#pragma GCC ivdep
                for (std::size_t i = 0; i < count; ++i) {
                    const LlgsCoefficients c{
                        {hx[i], hy[i], hz[i]}, hk[i], u, meff[i], p, alpha[i], gyro[i], stt[i], pol[i], xi[i]};
                    const Vec3 m{mx[i], my[i], mz[i]};
                    Vec3 next;
                    if constexpr (Thermal) {
                        next = heunStepForAxes<U, P>(c, m, dt, Vec3{thermalX[i], thermalY[i], thermalZ[i]});
                    } else {
                        next = rk4StepForAxes<U, P>(c, m, dt);
                    }
                    mx[i] = next.x;
                    my[i] = next.y;
                    mz[i] = next.z;
                    if (accumulate) {
                        sx[i] += next.x;
                        sy[i] += next.y;
                        sz[i] += next.z;
                    }
                }
            }
            if constexpr (Thermal) {
                for (std::size_t i = 0; i < count; ++i) noiseState_[begin + i] = noise.saveLane(i);
            }
        }
    });
}

}  // namespace mtj
