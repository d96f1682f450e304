// SPDX-License-Identifier: GPL-3.0-or-later
// ParameterTable: one table per settings struct, one row per parameter, that everything else reads: validation
// (the physical range), the preset reader and writer (the key and the kind), the explorer's knobs (the control range,
// label, unit and tooltip), the Edit menu's undo step names (the short name) and the tests that walk every row.
// Adding a knob is one row. Qt-free: the app turns rows into JSON entries and widgets.
//
// A row reaches its member through an accessor (a lambda returning a reference), so a table can be lifted into a
// bigger struct (the device's rows into NeuronSettings) without copying it.
#pragma once

#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "common/format.hpp"
#include "common/status.hpp"
#include "physics/vec3.hpp"

namespace mtj {

enum class ParameterKind {
    Number,        // a finite double within the physical range
    NumberOrAuto,  // "auto" or a number (a flag member beside the number, or NaN in the number when there is none)
    Direction,     // a non-zero vector of finite numbers (normalised on use)
    Vector,        // three numbers, each within the physical range
    Choice,        // one of the row's choices, by index
    Integer,       // a whole number within the physical range (an int or a 64-bit seed member)
    IntegerList,   // 1 .. maximumCount whole numbers, each within the physical range (layer widths)
    Text,          // a string (what it may say is the settings' own validate())
};

/// Which group of the device explorer shows a parameter's knob, in table order; Elsewhere: a control of its own, or
/// none (the row still drives validation, the preset reader and writer and the undo step names).
enum class ParameterPlace { Drive, Protocol, Derivative, Advanced, Elsewhere };

/// What validation accepts: [lo, hi] with either end open.
struct PhysicalRange {
    double lo = 0.0;
    double hi = 0.0;
    bool loOpen = false;
    bool hiOpen = false;
    [[nodiscard]] bool contains(double v) const { return (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi); }
    [[nodiscard]] std::string text(std::string_view unit) const {
        std::string t(loOpen ? "(" : "[");
        t += formatNumber(lo);
        t += ", ";
        t += formatNumber(hi);
        t += hiOpen ? ")" : "]";
        if (!unit.empty()) t.append(" ").append(unit);
        return t;
    }
};
constexpr PhysicalRange closedRange(double lo, double hi) { return {lo, hi, false, false}; }
constexpr PhysicalRange positiveUpTo(double hi) { return {0.0, hi, true, false}; }

/// The explorer's knob: its range, step and decimals (a subset of the physical range a user reaches by hand).
struct ControlRange {
    double lo = 0.0;
    double hi = 1.0;
    double step = 0.1;
    int decimals = 2;
    bool slider = false;  // a slider beside the value box (the knobs a user sweeps)
};

template <class Settings>
struct Parameter {
    std::string key;  // the preset key (docs/formats.md); also names the value in every message
    ParameterKind kind = ParameterKind::Number;
    std::string unit;        // the practical unit of the preset file ("" for a pure number)
    PhysicalRange physical;  // validation
    ControlRange control;    // the explorer's knob
    ParameterPlace place = ParameterPlace::Elsewhere;
    std::string label;                 // the knob's label
    std::string name;                  // the short name of an undo step in the Edit menu ("bias current")
    std::string tooltip;               // the physics the knob sets
    std::vector<std::string> choices;  // Choice: the names, in the order of choiceIndex
    std::string automaticLabel;        // NumberOrAuto: the label of the "automatic" switch
    std::size_t maximumCount = 0;      // IntegerList: at most this many values

    std::function<double&(Settings&)> number;         // Number, NumberOrAuto
    std::function<bool&(Settings&)> automatic;        // NumberOrAuto
    std::function<Vec3&(Settings&)> vector;           // Direction, Vector
    std::function<int(const Settings&)> choiceIndex;  // Choice
    std::function<void(Settings&, int)> setChoiceIndex;
    std::function<long long(const Settings&)> integerValue;  // Integer
    std::function<void(Settings&, long long)> setInteger;    // Integer: a value already within the physical range
    std::function<std::vector<int>&(Settings&)> integers;    // IntegerList
    std::function<std::string&(Settings&)> text;             // Text

    [[nodiscard]] double numberIn(const Settings& s) const { return number(const_cast<Settings&>(s)); }
    [[nodiscard]] Vec3 vectorIn(const Settings& s) const { return vector(const_cast<Settings&>(s)); }
    [[nodiscard]] std::vector<int> integersIn(const Settings& s) const { return integers(const_cast<Settings&>(s)); }
    [[nodiscard]] std::string textIn(const Settings& s) const { return text(const_cast<Settings&>(s)); }
    /// NumberOrAuto: the flag member, or a NaN number where the row has no flag.
    [[nodiscard]] bool automaticIn(const Settings& s) const {
        return automatic ? automatic(const_cast<Settings&>(s)) : std::isnan(numberIn(s));
    }
    void setAutomatic(Settings& s, bool on) const {
        if (automatic) {
            automatic(s) = on;
        } else if (on) {
            number(s) = std::numeric_limits<double>::quiet_NaN();
        }
    }

    /// Whether this row holds the same value in a and b (NaN equals NaN; "auto" equals "auto" whatever the number
    /// behind it): what an undo step compares, row by row.
    [[nodiscard]] bool sameIn(const Settings& a, const Settings& b) const {
        const auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
        switch (kind) {
            case ParameterKind::Number: return same(numberIn(a), numberIn(b));
            case ParameterKind::NumberOrAuto:
                return automaticIn(a) == automaticIn(b) && (automaticIn(a) || same(numberIn(a), numberIn(b)));
            case ParameterKind::Direction:
            case ParameterKind::Vector: {
                const Vec3 u = vectorIn(a), v = vectorIn(b);
                return same(u.x, v.x) && same(u.y, v.y) && same(u.z, v.z);
            }
            case ParameterKind::Choice: return choiceIndex(a) == choiceIndex(b);
            case ParameterKind::Integer: return integerValue(a) == integerValue(b);
            case ParameterKind::IntegerList: return integersIn(a) == integersIn(b);
            case ParameterKind::Text: return textIn(a) == textIn(b);
        }
        return false;
    }

    /// The message of a value outside the physical range: "key = value: must be in [lo, hi] unit".
    [[nodiscard]] Status checkNumber(const std::string& where, double value) const {
        if (!std::isfinite(value))
            return Status::error(where + " = " + formatNumber(value) + ": must be a finite number");
        if (!physical.contains(value)) {
            return Status::error(where + " = " + formatNumber(value) + ": must be in " + physical.text(unit));
        }
        return Status::ok();
    }

    /// Validates this row's value in s.
    [[nodiscard]] Status check(const Settings& s) const {
        switch (kind) {
            case ParameterKind::Number: return checkNumber(key, numberIn(s));
            case ParameterKind::NumberOrAuto: return automaticIn(s) ? Status::ok() : checkNumber(key, numberIn(s));
            case ParameterKind::Direction: {
                const Vec3 v = vectorIn(s);
                if (!isFinite(v)) return Status::error(key + ": every component must be a finite number");
                if (norm(v) < 1e-9) return Status::error(key + ": must be a non-zero direction vector");
                return Status::ok();
            }
            case ParameterKind::Vector: {
                const Vec3 v = vectorIn(s);
                const double components[3] = {v.x, v.y, v.z};
                for (int i = 0; i < 3; ++i) {
                    if (Status c = checkNumber(key + "[" + std::to_string(i) + "]", components[i]); !c) return c;
                }
                return Status::ok();
            }
            case ParameterKind::Choice: {
                const int i = choiceIndex(s);
                if (i < 0 || i >= static_cast<int>(choices.size())) return Status::error(key + ": " + choicesText());
                return Status::ok();
            }
            case ParameterKind::Integer: return checkNumber(key, static_cast<double>(integerValue(s)));
            case ParameterKind::IntegerList: {
                const std::vector<int> values = integersIn(s);
                if (values.empty() || values.size() > maximumCount) {
                    return Status::error(key + ": must list 1 to " + std::to_string(maximumCount) + " values");
                }
                for (std::size_t i = 0; i < values.size(); ++i) {
                    const std::string where = key + "[" + std::to_string(i) + "]";
                    if (Status c = checkNumber(where, static_cast<double>(values[i])); !c) return c;
                }
                return Status::ok();
            }
            case ParameterKind::Text: return Status::ok();
        }
        return Status::ok();
    }

    /// "must be one of "a", "b"".
    [[nodiscard]] std::string choicesText() const {
        std::string text = "must be one of ";
        for (std::size_t i = 0; i < choices.size(); ++i) text += (i ? ", \"" : "\"") + choices[i] + "\"";
        return text;
    }

    /// This row for a struct that holds Settings at `part` (the device's rows inside NeuronSettings).
    template <class Outer>
    [[nodiscard]] Parameter<Outer> liftedInto(Settings& (*part)(Outer&)) const {
        Parameter<Outer> p;
        p.key = key, p.kind = kind, p.unit = unit, p.physical = physical, p.control = control, p.place = place;
        p.label = label, p.name = name, p.tooltip = tooltip, p.choices = choices, p.automaticLabel = automaticLabel;
        p.maximumCount = maximumCount;
        if (number) p.number = [f = number, part](Outer& o) -> double& { return f(part(o)); };
        if (automatic) p.automatic = [f = automatic, part](Outer& o) -> bool& { return f(part(o)); };
        if (vector) p.vector = [f = vector, part](Outer& o) -> Vec3& { return f(part(o)); };
        if (choiceIndex)
            p.choiceIndex = [f = choiceIndex, part](const Outer& o) { return f(part(const_cast<Outer&>(o))); };
        if (setChoiceIndex) p.setChoiceIndex = [f = setChoiceIndex, part](Outer& o, int i) { f(part(o), i); };
        if (integerValue)
            p.integerValue = [f = integerValue, part](const Outer& o) { return f(part(const_cast<Outer&>(o))); };
        if (setInteger) p.setInteger = [f = setInteger, part](Outer& o, long long v) { f(part(o), v); };
        if (integers) p.integers = [f = integers, part](Outer& o) -> std::vector<int>& { return f(part(o)); };
        if (text) p.text = [f = text, part](Outer& o) -> std::string& { return f(part(o)); };
        return p;
    }
};

template <class Settings>
using ParameterTable = std::vector<Parameter<Settings>>;

/// The first row whose value in s is out of range, as a Status; ok when every row passes.
template <class Settings>
Status checkParameters(const ParameterTable<Settings>& table, const Settings& s) {
    for (const Parameter<Settings>& p : table) {
        if (Status c = p.check(s); !c) return c;
    }
    return Status::ok();
}

template <class Settings>
const Parameter<Settings>* findParameter(const ParameterTable<Settings>& table, std::string_view key) {
    for (const Parameter<Settings>& p : table) {
        if (p.key == key) return &p;
    }
    return nullptr;
}

/// The name of choice `index` of the Choice row `key` (its enum's text everywhere: presets, sessions, the command
/// line, messages); `fallback` for an index out of range.
template <class Settings>
const char* choiceName(const ParameterTable<Settings>& table, std::string_view key, int index, const char* fallback) {
    const Parameter<Settings>* row = findParameter(table, key);
    if (row == nullptr || index < 0 || index >= static_cast<int>(row->choices.size())) return fallback;
    return row->choices[static_cast<std::size_t>(index)].c_str();
}

/// The index of `text` among the choices of row `key`; false when it is none of them.
template <class Settings, class Enum>
bool parseChoice(const ParameterTable<Settings>& table, std::string_view key, const std::string& text, Enum& out) {
    const Parameter<Settings>* row = findParameter(table, key);
    if (row == nullptr) return false;
    for (std::size_t i = 0; i < row->choices.size(); ++i) {
        if (row->choices[i] == text) {
            out = static_cast<Enum>(i);
            return true;
        }
    }
    return false;
}

// Row builders: one line per parameter in a table.
template <class Settings>
Parameter<Settings> numberParameter(std::string key, std::function<double&(Settings&)> member, std::string unit,
                                    PhysicalRange physical, ControlRange control, ParameterPlace place,
                                    std::string label, std::string name, std::string tooltip) {
    Parameter<Settings> p;
    p.key = std::move(key), p.kind = ParameterKind::Number, p.unit = std::move(unit), p.physical = physical;
    p.control = control, p.place = place, p.label = std::move(label), p.name = std::move(name);
    p.tooltip = std::move(tooltip), p.number = std::move(member);
    return p;
}

template <class Settings>
Parameter<Settings> vectorParameter(std::string key, ParameterKind kind, std::function<Vec3&(Settings&)> member,
                                    std::string unit, PhysicalRange physical, ControlRange control,
                                    ParameterPlace place, std::string label, std::string name, std::string tooltip) {
    Parameter<Settings> p = numberParameter<Settings>(std::move(key), {}, std::move(unit), physical, control, place,
                                                      std::move(label), std::move(name), std::move(tooltip));
    p.kind = kind;
    p.vector = std::move(member);
    return p;
}

/// A choice stored as an enum (or anything convertible to and from int by position in `choices`).
template <class Settings, class Enum>
Parameter<Settings> choiceParameter(std::string key, Enum& (*member)(Settings&), std::vector<std::string> choices,
                                    ParameterPlace place, std::string label, std::string name, std::string tooltip) {
    Parameter<Settings> p;
    p.key = std::move(key), p.kind = ParameterKind::Choice, p.place = place, p.label = std::move(label);
    p.name = std::move(name), p.tooltip = std::move(tooltip), p.choices = std::move(choices);
    p.choiceIndex = [member](const Settings& s) { return static_cast<int>(member(const_cast<Settings&>(s))); };
    p.setChoiceIndex = [member](Settings& s, int i) { member(s) = static_cast<Enum>(i); };
    p.control = {0.0, static_cast<double>(p.choices.size() - 1), 1.0, 0};
    return p;
}

/// A whole number stored in an int or a 64-bit seed (`Integer` is the member's type).
template <class Settings, class Integer>
Parameter<Settings> integerParameter(std::string key, Integer& (*member)(Settings&), std::string unit,
                                     PhysicalRange physical, ParameterPlace place, std::string label, std::string name,
                                     std::string tooltip) {
    Parameter<Settings> p;
    p.key = std::move(key), p.kind = ParameterKind::Integer, p.unit = std::move(unit), p.physical = physical;
    p.control = {physical.lo, physical.hi, 1.0, 0}, p.place = place, p.label = std::move(label);
    p.name = std::move(name), p.tooltip = std::move(tooltip);
    p.integerValue = [member](const Settings& s) { return static_cast<long long>(member(const_cast<Settings&>(s))); };
    p.setInteger = [member](Settings& s, long long v) { member(s) = static_cast<Integer>(v); };
    return p;
}

/// A list of whole numbers (1 .. maximumCount of them), each within `physical`.
template <class Settings>
Parameter<Settings> integerListParameter(std::string key, std::vector<int>& (*member)(Settings&),
                                         std::size_t maximumCount, PhysicalRange physical, ParameterPlace place,
                                         std::string label, std::string name, std::string tooltip) {
    Parameter<Settings> p;
    p.key = std::move(key), p.kind = ParameterKind::IntegerList, p.physical = physical, p.place = place;
    p.maximumCount = maximumCount, p.label = std::move(label), p.name = std::move(name);
    p.tooltip = std::move(tooltip), p.integers = member;
    return p;
}

/// A text value (a data set's name or path); the settings' validate() says which texts it accepts.
template <class Settings>
Parameter<Settings> textParameter(std::string key, std::string& (*member)(Settings&), ParameterPlace place,
                                  std::string label, std::string name, std::string tooltip) {
    Parameter<Settings> p;
    p.key = std::move(key), p.kind = ParameterKind::Text, p.place = place, p.label = std::move(label);
    p.name = std::move(name), p.tooltip = std::move(tooltip), p.text = member;
    return p;
}

}  // namespace mtj

/// The accessor of a member path for a row: MTJ_MEMBER(NeuronSettings, readout.settleNanoseconds).
#define MTJ_MEMBER(Settings, path) \
    [](Settings & s) -> auto& { return s.path; }
