// SPDX-License-Identifier: GPL-3.0-or-later
// Which stable fixed point a trajectory ends in, decided without integrating it to the end (docs/physics.md section 3,
// "Fast path": the fast path must answer what the time integration of the same reading protocol answers).
//
// Around a stable fixed point m* of the LLGS right-hand side f under a constant drive, in the tangent plane at m*
// (basis E = [e1 e2], coordinates xi = E^T (m - m*)), the linearised flow is xi' = J xi with J = E^T (df/dm) E.
// The quadratic form V(xi) = xi^T P xi with J^T P + P J = -I never increases along the linearised flow, so a
// linearised trajectory through xi never leaves the ellipse {V <= V(xi)} and never gets farther from m* than its
// orbit radius R = sqrt(V(xi) / lambda_min(P)). For a weakly damped magnet these ellipses are the precession
// orbits (P is nearly the curvature of the energy divided by the damping rate).
//
// The linear neighbourhood: the disc of radius rho around m* where the true flow stays close to its linearisation,
// |E^T f(m* + xi) - J xi| <= linearityTolerance |J xi|, checked on the circle |xi| = rho in 16 directions and along
// J's real eigenvectors (where a soft direction near a saddle-node lives). A point whose orbit radius lies inside
// that disc converges to m*: the flow there is the linear flow up to a small relative perturbation. This is a
// sampled certificate, not a proof: the random-parameter test (tests/engine/test_reading_protocol.cpp) compares it
// with full time integration over hundreds of junctions.
//
// Pure functions; any thread may call them.
#pragma once

#include <Eigen/Dense>

#include "physics/llgs.hpp"

namespace mtj {

inline constexpr double linearityTolerance = 0.2;    // relative departure of f from J xi allowed in the disc
inline constexpr double largestLinearRadius = 0.25;  // radians: no neighbourhood is taken larger than this

struct LinearNeighbourhood {
    Vec3 center;                  // the stable fixed point m*
    Vec3 e1, e2;                  // tangent basis at m*
    Eigen::Matrix2d jacobian;     // J, 1/s
    Eigen::Matrix2d lyapunov;     // P, s
    double lyapunovSmallest = 0;  // smallest eigenvalue of P
    double decayRate = 0;         // -max Re(eig J) > 0, 1/s: the slowest ring-down rate
    bool valid = false;           // false where m* is not a stable fixed point (or J is singular)
};

/// The linearisation at a fixed point m* (which must be a converged fixed point of the drive).
LinearNeighbourhood linearNeighbourhood(const JunctionCoefficients& model, const Drive& drive, const Vec3& fixedPoint);

/// Tangent coordinates of m around the centre.
Eigen::Vector2d tangentCoordinates(const LinearNeighbourhood& nb, const Vec3& m);

/// The orbit radius (radians) of the linearised trajectory through tangent coordinates xi.
double orbitRadius(const LinearNeighbourhood& nb, const Eigen::Vector2d& xi);

/// True where the flow stays within linearityTolerance of J xi on the circle of radius rho (<= largestLinearRadius).
bool isLinearWithin(const JunctionCoefficients& model, const Drive& drive, const LinearNeighbourhood& nb, double rho);

/// The largest radius of the ladder 0.25, 0.125, ... 0.25/2^10 inside which the flow is linear; 0 if none.
double linearRadius(const JunctionCoefficients& model, const Drive& drive, const LinearNeighbourhood& nb);

/// The certificate: a trajectory that starts at m under the drive converges to nb.center (its orbit radius lies in
/// the linear neighbourhood), and after `remainingSeconds` more seconds of linear ring-down its orbit radius is
/// below `restRadius` (ringDownRadius).
bool convergesTo(const JunctionCoefficients& model, const Drive& drive, const LinearNeighbourhood& nb, const Vec3& m,
                 double remainingSeconds, double restRadius);

/// The orbit radius after t seconds of linear ring-down from tangent coordinates xi: the orbit radius of
/// exp(J t) xi (closed form for 2x2: exp(J t) = e^(s t) [C(t) I + S(t) (J - s I)], s = tr J / 2).
double ringDownRadius(const LinearNeighbourhood& nb, const Eigen::Vector2d& xi, double seconds);

/// The rms thermal jitter sqrt(<|m - m*|^2>) of the junction around the stable fixed point nb.center at the model's
/// temperature: the stationary covariance S of the linearised stochastic LLGS, J S + S J^T + D = 0. The Brown field
/// of intensity q = 2 alpha kB T / (gamma0 mu0 Ms V) enters as -g (m x H + alpha m x (m x H)), whose tangent part
/// has B B^T = g^2 (1 + alpha^2) I, so D = g^2 (1 + alpha^2) q I. Without current this is equipartition,
/// S = kB T K^-1 / (mu0 Ms V) for the energy's curvature K; with spin torque it also holds where no energy does
/// (torque that opposes the damping widens the jitter, torque that adds to it narrows it). 0 at T = 0; infinity
/// where nb is not valid.
double thermalJitterRadius(const JunctionCoefficients& model, const LinearNeighbourhood& nb);

}  // namespace mtj
