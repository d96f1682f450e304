// SPDX-License-Identifier: GPL-3.0-or-later
// LessonPanel: the lesson beside the charts (a dock of the main window, collapsible): its title, what to look at,
// what to try as buttons that set knobs, follow a reading, show a chart or start a run, and what it means; with
// the previous and next lesson, and a list of every lesson when none is open. What a step does is decided by the
// controller (app/), which listens to stepRequested. GUI thread only.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;
class QComboBox;
class QToolButton;

namespace mtj::ui {

/// What the panel shows of a lesson (plain text; the controller fills it from the lesson file).
struct LessonContent {
    QString title;
    QString look;
    QString tryText;
    QStringList steps;  ///< the labels of the clickable steps
    QString means;
};

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);
    /// The titles of every lesson, in order (the chooser and the empty state list them).
    void setLessonTitles(const QStringList& titles);
    /// Outside a lesson: the open preset's name and description (what to look at and try), then the lessons.
    void showPresetNotes(const QString& name, const QString& description);
    /// Shows lesson `index` (of the titles).
    void showLesson(int index, const LessonContent& content);
    /// Marks step `step` as done (a tick on its button) and says what it did in the panel's status line.
    void markStepDone(int step, const QString& what);
    [[nodiscard]] int lessonIndex() const { return index_; }
    /// For tests: the visible texts and the step buttons.
    [[nodiscard]] QString titleText() const;
    [[nodiscard]] QString lookText() const;
    [[nodiscard]] QString meansText() const;
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QList<QPushButton*> stepButtons() const { return stepButtons_; }

signals:
    void lessonRequested(int index);
    void stepRequested(int step);

private:
    void rebuildSteps(const QStringList& steps);
    QStringList titles_;
    QString presetName_, presetDescription_;
    int index_ = -1;
    QLabel* position_;
    QToolButton *previous_, *next_;
    QLabel *title_, *lookHeading_, *look_, *tryHeading_, *try_, *meansHeading_, *means_, *status_;
    QWidget* stepsBox_;
    QVBoxLayout* stepsLayout_;
    QList<QPushButton*> stepButtons_;
};

}  // namespace mtj::ui
