// SPDX-License-Identifier: GPL-3.0-or-later
// The LLGS equation (docs/physics.md section 1) taken apart into its four torques, for the magnetisation sphere, which
// draws each as an arrow from the tip of m. Every term is a contribution to dm/dt in 1/s:
//
//   precession   = - g m x H_eff                          (turns m about the effective field)
//   damping      = - g alpha m x (m x H_eff)               (Gilbert damping: pulls m towards H_eff)
//   dampingLike  = - g aJ [ m x (m x p) - alpha m x p ]    (Slonczewski torque: towards p for I > 0)
//   fieldLike    = - g bJ [ m x p + alpha m x (m x p) ]    (field-like torque, bJ = xi aJ)
//
// with g = gamma0 / (1 + alpha^2), aJ = hbar eta(m.p) I / (2 e mu0 Ms t A), H_eff without the thermal field. The
// prefactors come from llgsCoefficients and JunctionCoefficients::spinTorqueEfficiency, the same ones as
// llgsRightHandSide, so the four terms sum to llgsRightHandSide(model, m, drive). Pure; any thread may call it.
#pragma once

#include "physics/llgs.hpp"

namespace mtj {

struct LlgsTorques {
    Vec3 effectiveField;  // H_ext + H_off + anisotropy + demagnetisation, A/m (no thermal field)
    Vec3 precession;      // 1/s
    Vec3 damping;         // 1/s
    Vec3 dampingLike;     // 1/s
    Vec3 fieldLike;       // 1/s

    /// dm/dt: the sum of the four torques.
    [[nodiscard]] Vec3 total() const { return precession + damping + dampingLike + fieldLike; }
};

inline LlgsTorques llgsTorques(const JunctionCoefficients& model, const Vec3& m, const Drive& drive) {
    const LlgsCoefficients c = llgsCoefficients(model, drive);
    const double g = c.reducedGyromagneticRatio;
    const double alpha = c.damping;
    const Vec3& p = c.referenceAxis;
    const double aJ = c.sttFieldAtFullEfficiency * model.spinTorqueEfficiency(dot(m, p));
    const double bJ = c.fieldLikeRatio * aJ;
    LlgsTorques torques;
    torques.effectiveField = effectiveField(model, m, drive.appliedField);
    const Vec3 mxH = cross(m, torques.effectiveField);
    const Vec3 mxp = cross(m, p);
    const Vec3 mxmxp = cross(m, mxp);
    torques.precession = mxH * (-g);
    torques.damping = cross(m, mxH) * (-g * alpha);
    torques.dampingLike = (mxmxp - mxp * alpha) * (-g * aJ);
    torques.fieldLike = (mxp + mxmxp * alpha) * (-g * bJ);
    return torques;
}

}  // namespace mtj
