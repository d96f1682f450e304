// SPDX-License-Identifier: GPL-3.0-or-later
// The Landau-Lifshitz-Gilbert-Slonczewski right-hand side of one macrospin (docs/physics.md section 1).
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
#include <type_traits>

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
inline Vec3 effectiveField(const JunctionCoefficients& model, const Vec3& m, const Vec3& appliedField) {
    const Vec3& u = model.easyAxis;
    Vec3 h = appliedField + model.offsetField + u * (model.anisotropyField * dot(m, u));
    h.z -= model.effectiveDemagField * m.z;
    return h;
}

/// Everything the right-hand side needs for one macrospin under one constant drive, in SI units. The single
/// device path and the batched (structure-of-arrays) path both evaluate llgsRightHandSide on this struct, so
/// there is one implementation of the equation.
struct LlgsCoefficients {
    Vec3 externalField;               // H_ext + H_off, A/m
    double anisotropyField;           // Hk, A/m
    Vec3 easyAxis;                    // u_k
    double effectiveDemagField;       // Meff, A/m
    Vec3 referenceAxis;               // p
    double damping;                   // alpha
    double reducedGyromagneticRatio;  // g = gamma0 / (1 + alpha^2)
    double sttFieldAtFullEfficiency;  // hbar I / (2 e mu0 Ms t A), A/m (aJ / eta)
    double polarization;              // P
    double fieldLikeRatio;            // xi
};

inline LlgsCoefficients llgsCoefficients(const JunctionCoefficients& model, const Drive& drive) {
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

/// How an axis of the model is stored for the hot loops: AxisKind 0, 1, 2 means the axis is the coordinate axis
/// +x, +y, +z, so its dot and cross products reduce to picking components (no multiplications, and nothing on the
/// latency chain of a step); AxisKind -1 means any unit vector. The easy axis is uniaxial, so -x counts as +x.
/// Every device of docs/physics.md and docs/formats.md has coordinate axes; the general kind handles the rest.
inline constexpr int anyAxis = -1;

template <int Kind>
MTJ_ALWAYS_INLINE double alongAxis(const Vec3& m, const Vec3& axis) {
    if constexpr (Kind == 0)
        return m.x;
    else if constexpr (Kind == 1)
        return m.y;
    else if constexpr (Kind == 2)
        return m.z;
    else
        return dot(m, axis);
}

template <int Kind>
MTJ_ALWAYS_INLINE Vec3 scaledAxis(double s, const Vec3& axis) {
    if constexpr (Kind == 0)
        return {s, 0.0, 0.0};
    else if constexpr (Kind == 1)
        return {0.0, s, 0.0};
    else if constexpr (Kind == 2)
        return {0.0, 0.0, s};
    else
        return axis * s;
}

/// m x axis.
template <int Kind>
MTJ_ALWAYS_INLINE Vec3 crossWithAxis(const Vec3& m, const Vec3& axis) {
    if constexpr (Kind == 0)
        return {0.0, m.z, -m.y};
    else if constexpr (Kind == 1)
        return {-m.z, 0.0, m.x};
    else if constexpr (Kind == 2)
        return {m.y, -m.x, 0.0};
    else
        return cross(m, axis);
}

/// a.b with the component along axis kind Kind added last: that component of b is the last to be ready in
/// llgsTorque (it carries the anisotropy field), so the other two products are already summed when it arrives.
template <int Kind>
MTJ_ALWAYS_INLINE double dotLateComponent(const Vec3& a, const Vec3& b) {
    if constexpr (Kind == 0)
        return (a.z * b.z + a.y * b.y) + a.x * b.x;
    else if constexpr (Kind == 1)
        return (a.z * b.z + a.x * b.x) + a.y * b.y;
    else
        return dot(a, b);
}

/// The kind of a unit axis: 0, 1, 2 for exactly +x, +y, +z (and their negatives when `signFree`), else anyAxis.
inline int axisKind(const Vec3& axis, bool signFree) {
    const double components[3] = {axis.x, axis.y, axis.z};
    for (int i = 0; i < 3; ++i) {
        const bool others = components[(i + 1) % 3] == 0.0 && components[(i + 2) % 3] == 0.0;
        if (others && (components[i] == 1.0 || (signFree && components[i] == -1.0))) return i;
    }
    return anyAxis;
}

/// The torque T = -(dm/dt) / g of the LLGS equation for easy-axis kind U and reference-axis kind P:
///   T = m x h - (alpha m.m) h + (alpha m.h) m + [ kA (m x p) + kB ((m.p) m - (m.m) p) ] / (1 + P^2 m.p)
///   h = h0 + Hk (m.u) u - Meff (m.z) z,   kA = (xi - alpha) aJ0 P,   kB = (1 + alpha xi) aJ0 P,
/// with h0 = H_ext + H_off + H_th and aJ0 = hbar I / (2 e mu0 Ms t A), so that aJ = aJ0 eta(m.p). This is the
/// equation of the file comment with the terms along m x p and m x (m x p) collected. An RK4 step of one device is
/// bound by the latency of this chain, so the one division runs beside the field terms, the sums add the
/// late-arriving terms last, and coordinate axes cost nothing (see AxisKind).
template <int U, int P>
MTJ_ALWAYS_INLINE Vec3 llgsTorque(const LlgsCoefficients& c, const Vec3& m, const Vec3& h0) {
    const double mu = alongAxis<U>(m, c.easyAxis);
    const double cosine = alongAxis<P>(m, c.referenceAxis);
    const double reciprocal = 1.0 / (1.0 + (c.polarization * c.polarization) * cosine);
    const double mm = m.x * m.x + m.y * m.y + m.z * m.z;
    Vec3 h = h0 + scaledAxis<U>(c.anisotropyField * mu, c.easyAxis);
    h.z -= c.effectiveDemagField * m.z;
    const double mh = dotLateComponent<U>(m, h);
    const Vec3 fieldPart = (cross(m, h) - h * (c.damping * mm)) + m * (c.damping * mh);
    const double spinCurrent = c.sttFieldAtFullEfficiency * c.polarization;
    const double precessional = (c.fieldLikeRatio - c.damping) * spinCurrent;
    const double dampingLike = (1.0 + c.damping * c.fieldLikeRatio) * spinCurrent;
    const Vec3 spinPart = crossWithAxis<P>(m, c.referenceAxis) * precessional +
                          (m * (dampingLike * cosine) - scaledAxis<P>(dampingLike * mm, c.referenceAxis));
    return fieldPart + spinPart * reciprocal;
}

/// Calls f(std::integral_constant<int, U>{}, std::integral_constant<int, P>{}) with the axis kinds of the
/// coefficients, so a loop of steps can be compiled for them once.
template <class F>
decltype(auto) withAxisKinds(const LlgsCoefficients& c, F&& f) {
    auto withReference = [&](auto u) -> decltype(auto) {
        switch (axisKind(c.referenceAxis, false)) {
            case 0: return f(u, std::integral_constant<int, 0>{});
            case 1: return f(u, std::integral_constant<int, 1>{});
            case 2: return f(u, std::integral_constant<int, 2>{});
            default: return f(u, std::integral_constant<int, anyAxis>{});
        }
    };
    switch (axisKind(c.easyAxis, true)) {
        case 0: return withReference(std::integral_constant<int, 0>{});
        case 1: return withReference(std::integral_constant<int, 1>{});
        case 2: return withReference(std::integral_constant<int, 2>{});
        default: return withReference(std::integral_constant<int, anyAxis>{});
    }
}

/// dm/dt in 1/s (the equation in the file comment) with an additional thermal field (A/m).
inline Vec3 llgsRightHandSide(const LlgsCoefficients& c, const Vec3& m, const Vec3& thermalField = Vec3{}) {
    return llgsTorque<anyAxis, anyAxis>(c, m, c.externalField + thermalField) * (-c.reducedGyromagneticRatio);
}

/// dm/dt in 1/s for magnetisation m, drive and thermal field (A/m).
inline Vec3 llgsRightHandSide(const JunctionCoefficients& model, const Vec3& m, const Drive& drive,
                              const Vec3& thermalField = Vec3{}) {
    return llgsRightHandSide(llgsCoefficients(model, drive), m, thermalField);
}

/// Magnetic energy of the free layer in joules (Zeeman + uniaxial anisotropy + effective demagnetisation),
/// the Lyapunov function of the I = 0, T = 0 dynamics:
///   E = -mu0 Ms V [ (H_ext + H_off).m + Hk (m.u)^2 / 2 - Meff (m.z)^2 / 2 ]
inline double magneticEnergyJoule(const JunctionCoefficients& model, const Vec3& m, const Vec3& appliedField) {
    const double mu = dot(m, model.easyAxis);
    const double density = dot(appliedField + model.offsetField, m) + 0.5 * model.anisotropyField * mu * mu -
                           0.5 * model.effectiveDemagField * m.z * m.z;
    return -units::mu0 * model.saturationMagnetization * model.volumeCubicMeters * density;
}

/// Analytic Jacobian d(dm/dt)/dm (1/s) of llgsRightHandSide at m for a fixed drive and zero thermal field.
/// Used by the linear stability analysis and, later, by Newton's method for fixed points.
Eigen::Matrix3d llgsJacobian(const JunctionCoefficients& model, const Vec3& m, const Drive& drive);

/// The linearisation restricted to the tangent plane of the sphere at m: J_t = E^T J E with E = [e1 e2] an
/// orthonormal basis perpendicular to m. At a fixed point its eigenvalues decide linear stability.
Eigen::Matrix2d tangentJacobian(const JunctionCoefficients& model, const Vec3& m, const Drive& drive);

/// Largest real part (1/s) of the tangent-plane eigenvalues at m: negative means a stable fixed point.
double largestGrowthRate(const JunctionCoefficients& model, const Vec3& m, const Drive& drive);

/// An orthonormal pair (e1, e2) perpendicular to the unit vector m.
void tangentBasis(const Vec3& m, Vec3& e1, Vec3& e2);

}  // namespace mtj
