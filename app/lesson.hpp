// SPDX-License-Identifier: GPL-3.0-or-later
// Lessons (presets/lessons/NN-name.json): a preset plus a `lesson` object, so that a teacher writes one without code.
//
//   "lesson": {
//     "title": "4. Switching and hysteresis",
//     "view": "device",                         // "device" | "training": the view the lesson opens
//     "look": "what to look at",
//     "try": { "text": "what to try", "steps": [
//         { "label": "Raise the field to 20 mT", "set": { "drive.field_mT": 20 } },
//         { "label": "Follow x = 1.5 on the sphere", "x": 1.5, "show": "sphere" },
//         { "label": "Train", "show": "training", "run": "play" } ] },
//     "means": "what it means"
//   }
//
// A step's "set" takes dotted preset keys (the keys of --set), checked when the lesson loads: every step is applied
// in turn to the lesson's preset, and an unknown key or a value out of range is an error naming the file, the step
// and the key. "x" is the input the trajectory, the sphere and the derivative-error chart follow; "show" one of
// lessonTargets(); "run" one of lessonRuns(). Unknown keys are refused at every level, as in presets.
// Main thread; plain values.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "common/status.hpp"
#include "preset.hpp"

namespace mtj::app {

struct LessonStep {
    QString label;
    QStringList set;          ///< "key=value" overrides, in the file's order
    std::optional<double> x;  ///< the input to follow
    QString show;             ///< a view or a chart tab (lessonTargets()); empty: none
    QString run;              ///< a training action (lessonRuns()); empty: none
};

struct Lesson {
    QString path;
    QString title;
    QString view;  ///< "device" or "training"
    QString look;
    QString tryText;
    std::vector<LessonStep> steps;
    QString means;
    Preset preset;  ///< the file's preset (without the lesson object)
};

/// The views and chart tabs a step may show.
const QStringList& lessonTargets();
/// The training view's chart tabs, in their order: network, decision-map, confusion, comparison.
const QStringList& trainingChartTabs();
/// The training actions a step may run.
const QStringList& lessonRuns();

/// Reads, validates and checks every step of a lesson file. On error `lesson` is unchanged.
Status loadLesson(const QString& path, Lesson& lesson);

/// The lesson files of a folder (presets/lessons/), sorted by name (their NN- prefix orders them).
QStringList lessonFiles(const QString& folder);

/// The step's settings applied to `preset` (the --set rules); on error `preset` is unchanged.
Status applyLessonStep(const LessonStep& step, Preset& preset);

}  // namespace mtj::app
