// The Landau-Lifshitz-Gilbert-Slonczewski right-hand side of one macrospin (physics.md section 1).
//
//   H_eff = H_ext + H_off + Hk (m.u) u - Meff (m.z) z + H_th
//   dm/dt = - g [ m x H_eff + alpha m x (m x H_eff) ]
//           - g aJ [ m x (m x p) - alpha m x p ] - g bJ [ m x p + alpha m x (m x p) ]
//   g = gamma0 / (1 + alpha^2),  aJ = hbar eta(m.p) I / (2 e mu0 Ms t A),  bJ = xi aJ
//
// Collecting the terms along m x p and m x (m x p) gives the form evaluated here, two cross products per call:
//
//   A = H_eff + (bJ - alpha aJ) p,   B = alpha H_eff + (aJ + alpha bJ) p
//   dm/dt = - g [ m x A + m (m.B) - B (m.m) ]        (m x (m x B) expanded without assuming |m| = 1)
//
// Sign convention: I > 0 (electrons from the reference into the free layer) pulls m towards p.
// All functions are pure and inline; any thread may call them.
#pragma once

#include <Eigen/Core>

#include "physics/device_parameters.hpp"
#include "physics/units.hpp"
#include "physics/vec3.hpp"

namespace mtj {

/// What drives the macrospin at one instant: applied field (A/m, without the offset field, which the model adds)
/// and the current through the junction (A).
struct Drive {
    Vec3 appliedField{};
    double currentAmpere = 0.0;
};

/// Effective field without the thermal part, A/m.
inline Vec3 effectiveField(const MacrospinModel& model, const Vec3& m, const Vec3& appliedField) {
    const Vec3& u = model.easyAxis;
    Vec3 h = appliedField + model.offsetField + u * (model.anisotropyField * dot(m, u));
    h.z -= model.effectiveDemagField * m.z;
    return h;
}

/// Everything the right-hand side needs for one macrospin under one constant drive, in SI units. The single
/// device path and the batched (structure-of-arrays) path both evaluate llgsRightHandSide on this struct, so
/// there is one implementation of the equation.
struct LlgsCoefficients {
    Vec3 externalField;            // H_ext + H_off, A/m
    double anisotropyField;        // Hk, A/m
    Vec3 easyAxis;                 // u_k
    double effectiveDemagField;    // Meff, A/m
    Vec3 referenceAxis;            // p
    double damping;                // alpha
    double reducedGyromagneticRatio;  // g = gamma0 / (1 + alpha^2)
    double sttFieldAtFullEfficiency;  // hbar I / (2 e mu0 Ms t A), A/m (aJ / eta)
    double polarization;           // P
    double fieldLikeRatio;         // xi
};

inline LlgsCoefficients llgsCoefficients(const MacrospinModel& model, const Drive& drive) {
    return {drive.appliedField + model.offsetField,
            model.anisotropyField,
            model.easyAxis,
            model.effectiveDemagField,
            model.referenceAxis,
            model.damping,
            model.reducedGyromagneticRatio,
            model.sttFieldPerAmpere * drive.currentAmpere,
            model.polarization,
            model.fieldLikeRatio};
}

/// dm/dt in 1/s (the equation in the file comment) with an additional thermal field (A/m).
///
/// Evaluated in the expanded form
///   -dm/dt / g = m x h + alpha [ (m.h) m - (m.m) h ] + sA (m x p) + sB [ (m.p) m - (m.m) p ],
///   sA = (xi - alpha) aJ,  sB = (1 + alpha xi) aJ,
/// so that the division inside eta(m.p) runs in parallel with the field terms instead of ahead of them: this
/// shortens the dependency chain of an RK4 step (the single-device benchmark is latency bound).
inline Vec3 llgsRightHandSide(const LlgsCoefficients& c, const Vec3& m, const Vec3& thermalField = Vec3{}) {
    const Vec3& u = c.easyAxis;
    const Vec3& p = c.referenceAxis;
    const double cosine = dot(m, p);
    const double aJ = c.sttFieldAtFullEfficiency * c.polarization / (1.0 + c.polarization * c.polarization * cosine);
    Vec3 h = c.externalField + thermalField + u * (c.anisotropyField * dot(m, u));
    h.z -= c.effectiveDemagField * m.z;
    const double mm = dot(m, m);
    const Vec3 fieldTorque = cross(m, h) + (m * dot(m, h) - h * mm) * c.damping;
    const double dampingLike = (1.0 + c.damping * c.fieldLikeRatio) * aJ;
    const double precessional = (c.fieldLikeRatio - c.damping) * aJ;
    const Vec3 torque = fieldTorque + cross(m, p) * precessional + (m * cosine - p * mm) * dampingLike;
    return torque * (-c.reducedGyromagneticRatio);
}

/// dm/dt in 1/s for magnetisation m, drive and thermal field (A/m).
inline Vec3 llgsRightHandSide(const MacrospinModel& model, const Vec3& m, const Drive& drive,
                              const Vec3& thermalField = Vec3{}) {
    return llgsRightHandSide(llgsCoefficients(model, drive), m, thermalField);
}

/// Magnetic energy of the free layer in joules (Zeeman + uniaxial anisotropy + effective demagnetisation),
/// the Lyapunov function of the I = 0, T = 0 dynamics:
///   E = -mu0 Ms V [ (H_ext + H_off).m + Hk (m.u)^2 / 2 - Meff (m.z)^2 / 2 ]
inline double magneticEnergyJoule(const MacrospinModel& model, const Vec3& m, const Vec3& appliedField) {
    const double mu = dot(m, model.easyAxis);
    const double density = dot(appliedField + model.offsetField, m) + 0.5 * model.anisotropyField * mu * mu -
                           0.5 * model.effectiveDemagField * m.z * m.z;
    return -units::mu0 * model.saturationMagnetization * model.volumeCubicMeters * density;
}

/// Analytic Jacobian d(dm/dt)/dm (1/s) of llgsRightHandSide at m for a fixed drive and zero thermal field.
/// Used by the linear stability analysis and, later, by Newton's method for fixed points.
Eigen::Matrix3d llgsJacobian(const MacrospinModel& model, const Vec3& m, const Drive& drive);

/// The linearisation restricted to the tangent plane of the sphere at m: J_t = E^T J E with E = [e1 e2] an
/// orthonormal basis perpendicular to m. At a fixed point its eigenvalues decide linear stability.
Eigen::Matrix2d tangentJacobian(const MacrospinModel& model, const Vec3& m, const Drive& drive);

/// Largest real part (1/s) of the tangent-plane eigenvalues at m: negative means a stable fixed point.
double largestGrowthRate(const MacrospinModel& model, const Vec3& m, const Drive& drive);

/// An orthonormal pair (e1, e2) perpendicular to the unit vector m.
void tangentBasis(const Vec3& m, Vec3& e1, Vec3& e2);

}  // namespace mtj
