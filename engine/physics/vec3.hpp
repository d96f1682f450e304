// SPDX-License-Identifier: GPL-3.0-or-later
// Vec3: a plain three-component vector of doubles for the macrospin hot loops.
//
// Used for the magnetisation m (dimensionless, |m| = 1), fields (A/m) and axes. It is a value type with
// inline arithmetic so that an RK4 step compiles to straight-line scalar code; Eigen is used where linear
// algebra is needed (Jacobians, eigenvalues). Any thread may use it.
#pragma once

#include <cmath>

/// Forces inlining of the small functions of the integrator hot loops: the step bodies are instantiated for
/// several axis kinds, and GCC's size heuristics would otherwise leave a call (and lost register allocation)
/// inside the time-step loop.
#define MTJ_ALWAYS_INLINE inline __attribute__((always_inline))

namespace mtj {

struct Vec3 {
    double x = 0.0;
    double y = 0.0;
    double z = 0.0;

    constexpr Vec3() = default;
    constexpr Vec3(double xValue, double yValue, double zValue) : x(xValue), y(yValue), z(zValue) {}

    constexpr Vec3 operator+(const Vec3& o) const { return {x + o.x, y + o.y, z + o.z}; }
    constexpr Vec3 operator-(const Vec3& o) const { return {x - o.x, y - o.y, z - o.z}; }
    constexpr Vec3 operator-() const { return {-x, -y, -z}; }
    constexpr Vec3 operator*(double s) const { return {x * s, y * s, z * s}; }
    constexpr Vec3 operator/(double s) const { return {x / s, y / s, z / s}; }
    constexpr Vec3& operator+=(const Vec3& o) {
        x += o.x;
        y += o.y;
        z += o.z;
        return *this;
    }
    constexpr Vec3& operator-=(const Vec3& o) {
        x -= o.x;
        y -= o.y;
        z -= o.z;
        return *this;
    }
    constexpr Vec3& operator*=(double s) {
        x *= s;
        y *= s;
        z *= s;
        return *this;
    }
};

constexpr Vec3 operator*(double s, const Vec3& v) { return v * s; }
constexpr double dot(const Vec3& a, const Vec3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
constexpr Vec3 cross(const Vec3& a, const Vec3& b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
inline double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }
inline Vec3 normalized(const Vec3& a) { return a * (1.0 / norm(a)); }
inline bool isFinite(const Vec3& a) { return std::isfinite(a.x) && std::isfinite(a.y) && std::isfinite(a.z); }

/// Unit vector from polar angle theta (from +z) and azimuth phi (from +x), both in radians.
inline Vec3 unitFromAngles(double thetaRadians, double phiRadians) {
    return {std::sin(thetaRadians) * std::cos(phiRadians), std::sin(thetaRadians) * std::sin(phiRadians),
            std::cos(thetaRadians)};
}

}  // namespace mtj
