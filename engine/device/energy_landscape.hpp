// SPDX-License-Identifier: GPL-3.0-or-later
// The magnetic energy landscape of the free layer and the fixed points of the LLGS flow on it, for teaching
// hysteresis and switching (docs/physics.md section 1).
//
// Energy of the macrospin m (a unit vector) under a DC drive:
//
//   E(m) = mu0 Ms V [ -m.(H_ext + H_off) - Hk/2 (m.u_k)^2 + Meff/2 (m.z)^2 ]
//
// Zeeman energy, uniaxial anisotropy and the effective demagnetisation (shape + interface anisotropy). The
// effective field of docs/physics.md is its gradient, H_eff = -dE/dm / (mu0 Ms V) (without the thermal field).
// E is given in units of kB * 300 K, the thermal energy at room temperature, so barriers read directly as the
// thermal stability Delta (about 16.7 for the default device at zero field).
//
// Spin-transfer torque is not conservative: it derives from no energy, so the landscape cannot show it. The map
// shows field, anisotropy and demagnetisation only. The fixed points, in contrast, are those of the full LLGS
// flow under the same DC drive, spin torque included: with current they move away from the critical points of E
// and can change stability (a minimum of E that the spin torque destabilises is marked unstable). At zero
// current the fixed points are exactly the critical points of E: the minima are the stable ones, the saddles
// the saddles, the maxima the unstable ones.
//
// Angles: theta is the polar angle from +z in [0, pi], phi the azimuth from +x in [-pi, pi] (unitFromAngles).
// Pure functions; any thread may call them.
#pragma once

#include <vector>

#include "physics/llgs.hpp"

namespace mtj {

/// E(theta, phi) on a regular grid whose nodes include both ends of each range (theta = 0 and pi are the poles,
/// phi = -pi and pi the same meridian).
struct EnergyLandscape {
    int thetaSteps = 0;          // nodes in theta, theta_i = i pi / (thetaSteps - 1)
    int phiSteps = 0;            // nodes in phi, phi_j = -pi + 2 pi j / (phiSteps - 1)
    std::vector<double> energy;  // row-major [theta][phi], in units of unitJoules
    double unitJoules = 0.0;     // the energy unit: kB * 300 K
    double minimum = 0.0;        // smallest and largest grid value, in the unit
    double maximum = 0.0;
    /// The in-plane profile E(theta = pi/2, phi) at profileSteps nodes phi_k = -pi + 2 pi k / (profileSteps - 1),
    /// finer than the map's grid so barrier heights read off directly.
    int profileSteps = 0;
    std::vector<double> inPlaneProfile;

    [[nodiscard]] bool empty() const { return thetaSteps < 2 || phiSteps < 2 || energy.empty(); }
    [[nodiscard]] double thetaAt(int i) const;
    [[nodiscard]] double phiAt(int j) const;
    [[nodiscard]] double profilePhiAt(int k) const;
    [[nodiscard]] double at(int i, int j) const { return energy[static_cast<std::size_t>(i) * phiSteps + j]; }
    /// Bicubic (Catmull-Rom) interpolation of the grid at (theta, phi), periodic in phi, clamped in theta, in the unit.
    [[nodiscard]] double interpolate(double thetaRadians, double phiRadians) const;
    /// Linear interpolation of the in-plane profile at phi (clamped to [-pi, pi]), in the unit.
    [[nodiscard]] double interpolateProfile(double phiRadians) const;
};

/// Catmull-Rom cubic through p1 (t = 0) and p2 (t = 1) with neighbours p0 and p3 (the interpolation of the map).
double catmullRom(double p0, double p1, double p2, double p3, double t);

/// The energy unit of the landscape: kB * 300 K, in joules.
double landscapeEnergyUnitJoules();

/// E(m) in units of kB * 300 K for the model under the drive's applied field (the current plays no part).
double landscapeEnergy(const JunctionCoefficients& model, const Drive& drive, const Vec3& m);

/// The landscape on a thetaSteps x phiSteps grid (each at least 2) and the in-plane profile at 4 (phiSteps - 1) + 1
/// nodes.
EnergyLandscape computeEnergyLandscape(const JunctionCoefficients& model, const Drive& drive, int thetaSteps = 91,
                                       int phiSteps = 181);

/// One fixed point of the LLGS flow under a DC drive.
struct LandscapeFixedPoint {
    enum class Kind { Stable, Saddle, Unstable };
    Vec3 m;              // unit magnetisation
    double theta = 0.0;  // polar angle from +z, radians in [0, pi]
    double phi = 0.0;    // azimuth from +x, radians in [-pi, pi]
    Kind kind = Kind::Unstable;
    double energy = 0.0;  // E(m) in units of kB * 300 K
};

const char* toString(LandscapeFixedPoint::Kind kind);  // "stable" | "saddle" | "unstable"

/// Classification by the eigenvalues of the tangent Jacobian at a fixed point: both real parts negative is
/// stable, real eigenvalues of opposite signs (determinant < 0) a saddle, anything else unstable (a source, or a
/// marginal point).
LandscapeFixedPoint::Kind classifyFixedPoint(const JunctionCoefficients& model, const Drive& drive, const Vec3& m);

/// Every fixed point of the full LLGS flow (spin torque included) under the DC drive that Newton's method reaches
/// from a 12 x 24 grid of directions plus +-u_k, +-z and +-p: converged ones, deduplicated (closer than 1e-6 rad
/// counts as the same point), classified and sorted by energy, lowest first.
std::vector<LandscapeFixedPoint> findFixedPoints(const JunctionCoefficients& model, const Drive& drive);

}  // namespace mtj
