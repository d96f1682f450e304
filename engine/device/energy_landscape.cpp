// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/energy_landscape.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "device/fixed_point.hpp"

namespace mtj {

namespace {

constexpr double roomTemperatureKelvin = 300.0;

/// Linear interpolation weight: the node index at or below `position` in [0, steps - 1] and the fraction beyond it.
void bracket(double position, int steps, int& index, double& fraction) {
    position = std::clamp(position, 0.0, static_cast<double>(steps - 1));
    index = std::min(static_cast<int>(position), steps - 2);
    fraction = position - index;
}

}  // namespace

double EnergyLandscape::thetaAt(int i) const { return units::pi * i / (thetaSteps - 1); }

double EnergyLandscape::phiAt(int j) const { return -units::pi + 2.0 * units::pi * j / (phiSteps - 1); }

double EnergyLandscape::profilePhiAt(int k) const { return -units::pi + 2.0 * units::pi * k / (profileSteps - 1); }

double catmullRom(double p0, double p1, double p2, double p3, double t) {
    return p1 + 0.5 * t * ((p2 - p0) + t * ((2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) + t * (3.0 * (p1 - p2) + p3 - p0)));
}

double EnergyLandscape::interpolate(double thetaRadians, double phiRadians) const {
    if (empty()) return 0.0;
    int i = 0, j = 0;
    double s = 0.0, t = 0.0;
    bracket(thetaRadians / units::pi * (thetaSteps - 1), thetaSteps, i, s);
    // phi is periodic: node phiSteps - 1 is node 0 again.
    const int period = phiSteps - 1;
    const double wrapped = std::remainder(phiRadians, 2.0 * units::pi);
    bracket((wrapped + units::pi) / (2.0 * units::pi) * period, phiSteps, j, t);
    double rows[4];
    for (int r = 0; r < 4; ++r) {
        const int row = std::clamp(i - 1 + r, 0, thetaSteps - 1);
        double v[4];
        for (int c = 0; c < 4; ++c) v[c] = at(row, ((j - 1 + c) % period + period) % period);
        rows[r] = catmullRom(v[0], v[1], v[2], v[3], t);
    }
    return catmullRom(rows[0], rows[1], rows[2], rows[3], s);
}

double EnergyLandscape::interpolateProfile(double phiRadians) const {
    if (profileSteps < 2 || inPlaneProfile.empty()) return 0.0;
    int k = 0;
    double t = 0.0;
    bracket((phiRadians + units::pi) / (2.0 * units::pi) * (profileSteps - 1), profileSteps, k, t);
    return inPlaneProfile[static_cast<std::size_t>(k)] * (1.0 - t) +
           inPlaneProfile[static_cast<std::size_t>(k) + 1] * t;
}

double landscapeEnergyUnitJoules() { return units::boltzmann * roomTemperatureKelvin; }

double landscapeEnergy(const JunctionCoefficients& model, const Drive& drive, const Vec3& m) {
    return magneticEnergyJoule(model, m, drive.appliedField) / landscapeEnergyUnitJoules();
}

EnergyLandscape computeEnergyLandscape(const JunctionCoefficients& model, const Drive& drive, int thetaSteps,
                                       int phiSteps) {
    EnergyLandscape landscape;
    landscape.thetaSteps = std::max(2, thetaSteps);
    landscape.phiSteps = std::max(2, phiSteps);
    landscape.unitJoules = landscapeEnergyUnitJoules();
    landscape.energy.resize(static_cast<std::size_t>(landscape.thetaSteps) * landscape.phiSteps);
    // The azimuthal factors once per column.
    std::vector<double> cosPhi(static_cast<std::size_t>(landscape.phiSteps));
    std::vector<double> sinPhi(cosPhi.size());
    for (int j = 0; j < landscape.phiSteps; ++j) {
        cosPhi[static_cast<std::size_t>(j)] = std::cos(landscape.phiAt(j));
        sinPhi[static_cast<std::size_t>(j)] = std::sin(landscape.phiAt(j));
    }
    double lowest = std::numeric_limits<double>::infinity();
    double highest = -lowest;
    for (int i = 0; i < landscape.thetaSteps; ++i) {
        const double theta = landscape.thetaAt(i);
        const double sinTheta = std::sin(theta), cosTheta = std::cos(theta);
        for (int j = 0; j < landscape.phiSteps; ++j) {
            const Vec3 m{sinTheta * cosPhi[static_cast<std::size_t>(j)], sinTheta * sinPhi[static_cast<std::size_t>(j)],
                         cosTheta};
            const double e = landscapeEnergy(model, drive, m);
            landscape.energy[static_cast<std::size_t>(i) * landscape.phiSteps + j] = e;
            lowest = std::min(lowest, e);
            highest = std::max(highest, e);
        }
    }
    landscape.minimum = lowest;
    landscape.maximum = highest;
    landscape.profileSteps = 4 * (landscape.phiSteps - 1) + 1;
    landscape.inPlaneProfile.resize(static_cast<std::size_t>(landscape.profileSteps));
    for (int k = 0; k < landscape.profileSteps; ++k) {
        landscape.inPlaneProfile[static_cast<std::size_t>(k)] =
            landscapeEnergy(model, drive, unitFromAngles(0.5 * units::pi, landscape.profilePhiAt(k)));
    }
    return landscape;
}

const char* toString(LandscapeFixedPoint::Kind kind) {
    switch (kind) {
        case LandscapeFixedPoint::Kind::Stable: return "stable";
        case LandscapeFixedPoint::Kind::Saddle: return "saddle";
        case LandscapeFixedPoint::Kind::Unstable: return "unstable";
    }
    return "unstable";
}

LandscapeFixedPoint::Kind classifyFixedPoint(const JunctionCoefficients& model, const Drive& drive, const Vec3& m) {
    // Eigenvalues of the 2x2 tangent Jacobian: tr/2 +- sqrt(tr^2/4 - det). det < 0: real, opposite signs.
    // det > 0: both real parts have the sign of the trace.
    const Eigen::Matrix2d jt = tangentJacobian(model, m, drive);
    const double det = jt(0, 0) * jt(1, 1) - jt(0, 1) * jt(1, 0);
    const double trace = jt.trace();
    if (det < 0.0) return LandscapeFixedPoint::Kind::Saddle;
    if (det > 0.0 && trace < 0.0) return LandscapeFixedPoint::Kind::Stable;
    return LandscapeFixedPoint::Kind::Unstable;
}

std::vector<LandscapeFixedPoint> findFixedPoints(const JunctionCoefficients& model, const Drive& drive) {
    // Newton's method on the true device from every start: the pseudo-transient iteration with a first pseudo-step
    // far longer than any precession period and no damped path phase, so a start converges to the nearest fixed
    // point of whatever kind (a relaxation would only find the stable ones).
    FixedPointSettings newton;
    newton.pathDamping = 0.0;
    newton.initialPseudoStepSeconds = 1e-6;
    newton.maximumIterations = 60;

    std::vector<Vec3> starts;
    constexpr int thetaStarts = 12, phiStarts = 24;
    starts.reserve(thetaStarts * phiStarts + 6);
    for (const Vec3& axis : {model.easyAxis, Vec3{0.0, 0.0, 1.0}, model.referenceAxis}) {
        starts.push_back(axis);
        starts.push_back(-axis);
    }
    for (int i = 0; i < thetaStarts; ++i) {
        const double theta = (i + 0.5) * units::pi / thetaStarts;
        for (int j = 0; j < phiStarts; ++j) {
            starts.push_back(unitFromAngles(theta, -units::pi + (j + 0.5) * 2.0 * units::pi / phiStarts));
        }
    }

    constexpr double sameAngle = 1e-6;  // radians
    std::vector<LandscapeFixedPoint> points;
    for (const Vec3& start : starts) {
        const FixedPoint fp = relaxToFixedPoint(model, drive, start, newton);
        if (!fp.converged) continue;
        const Vec3 m = normalized(fp.magnetization);
        // A converged iterate must also have a vanishing right-hand side (the step test alone could stall).
        const double residual = norm(llgsRightHandSide(model, m, drive));
        const double scale =
            model.reducedGyromagneticRatio *
            (model.anisotropyField + std::abs(model.effectiveDemagField) +
             norm(drive.appliedField + model.offsetField) + std::abs(model.sttFieldPerAmpere * drive.currentAmpere));
        if (!(residual <= 1e-9 * scale)) continue;
        const bool known = std::any_of(points.begin(), points.end(),
                                       [&](const LandscapeFixedPoint& p) { return norm(p.m - m) < sameAngle; });
        if (known) continue;
        LandscapeFixedPoint point;
        point.m = m;
        point.theta = std::atan2(std::hypot(m.x, m.y), m.z);
        point.phi = std::hypot(m.x, m.y) < 1e-12 ? 0.0 : std::atan2(m.y, m.x);  // a pole has no azimuth
        point.kind = classifyFixedPoint(model, drive, m);
        point.energy = landscapeEnergy(model, drive, m);
        points.push_back(point);
    }
    std::sort(points.begin(), points.end(),
              [](const LandscapeFixedPoint& a, const LandscapeFixedPoint& b) { return a.energy < b.energy; });
    return points;
}

}  // namespace mtj
