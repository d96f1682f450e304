// SPDX-License-Identifier: GPL-3.0-or-later
#include "lesson_panel.hpp"

#include <algorithm>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QStyleOptionButton>
#include <QStylePainter>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace mtj::ui {
namespace {

/// A push button whose label wraps onto as many lines as the panel's width needs (a step's label is a sentence).
class StepButton : public QPushButton {
public:
    explicit StepButton(const QString& text, QWidget* parent) : QPushButton(text, parent) {
        QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        policy.setHeightForWidth(true);
        setSizePolicy(policy);
    }
    [[nodiscard]] bool hasHeightForWidth() const override { return true; }
    [[nodiscard]] int heightForWidth(int width) const override {
        const QRect text = fontMetrics().boundingRect(QRect(0, 0, std::max(40, width - 2 * padding), 100000),
                                                      Qt::TextWordWrap | Qt::AlignLeft, this->text());
        return text.height() + 2 * padding;
    }
    [[nodiscard]] QSize sizeHint() const override { return {220, heightForWidth(220)}; }
    [[nodiscard]] QSize minimumSizeHint() const override { return {60, fontMetrics().height() + 2 * padding}; }

protected:
    void paintEvent(QPaintEvent*) override {
        QStylePainter painter(this);
        QStyleOptionButton option;
        initStyleOption(&option);
        option.text.clear();
        painter.drawControl(QStyle::CE_PushButton, option);
        painter.setPen(palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, QPalette::ButtonText));
        painter.drawText(rect().adjusted(padding, padding, -padding, -padding),
                         Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignVCenter, text());
    }

private:
    static constexpr int padding = 6;
};

QLabel* paragraph(const QString& objectName) {
    auto* label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    return label;
}

QLabel* heading(const QString& text) {
    auto* label = new QLabel(text);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

}  // namespace

LessonPanel::LessonPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("lessonPanel"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 6, 6, 6);
    auto* navigation = new QHBoxLayout;
    previous_ = new QToolButton;
    previous_->setArrowType(Qt::LeftArrow);
    previous_->setObjectName(QStringLiteral("previousLesson"));
    previous_->setToolTip(tr("The previous lesson"));
    next_ = new QToolButton;
    next_->setArrowType(Qt::RightArrow);
    next_->setObjectName(QStringLiteral("nextLesson"));
    next_->setToolTip(tr("The next lesson"));

    position_ = new QLabel;
    position_->setObjectName(QStringLiteral("lessonPosition"));
    position_->setAlignment(Qt::AlignCenter);
    position_->setToolTip(tr("Every lesson is in the Lessons menu; each opens its own preset and view"));
    navigation->addWidget(previous_);
    navigation->addWidget(position_, 1);
    navigation->addWidget(next_);
    outer->addLayout(navigation);

    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(2, 2, 2, 2);
    title_ = paragraph(QStringLiteral("lessonTitle"));
    QFont titleFont = title_->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    title_->setFont(titleFont);
    layout->addWidget(title_);
    lookHeading_ = heading(tr("Look"));
    layout->addWidget(lookHeading_);
    look_ = paragraph(QStringLiteral("lessonLook"));
    layout->addWidget(look_);
    tryHeading_ = heading(tr("Try"));
    layout->addWidget(tryHeading_);
    try_ = paragraph(QStringLiteral("lessonTry"));
    layout->addWidget(try_);
    stepsBox_ = new QWidget;
    stepsLayout_ = new QVBoxLayout(stepsBox_);
    stepsLayout_->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stepsBox_);
    status_ = paragraph(QStringLiteral("lessonStatus"));
    QFont statusFont = status_->font();
    statusFont.setItalic(true);
    status_->setFont(statusFont);
    layout->addWidget(status_);
    meansHeading_ = heading(tr("What it means"));
    layout->addWidget(meansHeading_);
    means_ = paragraph(QStringLiteral("lessonMeans"));
    layout->addWidget(means_);
    layout->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    connect(previous_, &QToolButton::clicked, this, [this] {
        if (index_ > 0) emit lessonRequested(index_ - 1);
    });
    connect(next_, &QToolButton::clicked, this, [this] {
        if (index_ + 1 < titles_.size()) emit lessonRequested(index_ + 1);
    });
    showLesson(-1, {});
}

void LessonPanel::setLessonTitles(const QStringList& titles) {
    titles_ = titles;
    if (index_ < 0) showLesson(-1, {});
}

void LessonPanel::showPresetNotes(const QString& name, const QString& description) {
    presetName_ = name;
    presetDescription_ = description;
    showLesson(-1, {});
}

void LessonPanel::showLesson(int index, const LessonContent& content) {
    index_ = index;
    position_->setText(index >= 0 ? tr("Lesson %1 of %2").arg(index + 1).arg(titles_.size())
                                  : tr("%1 lessons").arg(titles_.size()));
    previous_->setEnabled(index > 0);
    next_->setEnabled(index >= 0 && index + 1 < titles_.size());
    const bool open = index >= 0;
    for (QWidget* w :
         {static_cast<QWidget*>(lookHeading_), static_cast<QWidget*>(tryHeading_), static_cast<QWidget*>(meansHeading_),
          static_cast<QWidget*>(means_), static_cast<QWidget*>(try_)}) {
        w->setVisible(open);
    }
    status_->clear();
    if (!open) {
        // The open preset's own text first (what to look at and try), then the lessons to choose from.
        title_->setText(presetName_.isEmpty() ? tr("Lessons") : presetName_);
        look_->setText(presetDescription_);
        look_->setVisible(!presetDescription_.isEmpty());
        tryHeading_->setText(tr("Lessons"));
        tryHeading_->setVisible(true);
        try_->setVisible(true);
        try_->setText(titles_.isEmpty()
                          ? tr("No lessons found.")
                          : tr("Each lesson opens a preset and a view, says what to look at, gives steps to "
                               "click and explains what it means. Start with the first:"));
        QStringList labels;
        for (const QString& t : titles_) labels << t;
        rebuildSteps(labels);
        // In the empty state the buttons open lessons.
        for (int i = 0; i < stepButtons_.size(); ++i) {
            disconnect(stepButtons_[i], nullptr, this, nullptr);
            connect(stepButtons_[i], &QPushButton::clicked, this, [this, i] { emit lessonRequested(i); });
        }
        return;
    }
    tryHeading_->setText(tr("Try"));
    look_->setVisible(true);
    title_->setText(content.title);
    look_->setText(content.look);
    try_->setText(content.tryText);
    means_->setText(content.means);
    rebuildSteps(content.steps);
}

void LessonPanel::rebuildSteps(const QStringList& steps) {
    for (QPushButton* b : stepButtons_) b->deleteLater();
    stepButtons_.clear();
    for (int i = 0; i < steps.size(); ++i) {
        auto* button = new StepButton(steps[i], stepsBox_);
        button->setObjectName(QStringLiteral("lessonStep%1").arg(i + 1));
        button->setToolTip(index_ >= 0 ? tr("Step %1: click to do it").arg(i + 1) : tr("Open this lesson"));
        connect(button, &QPushButton::clicked, this, [this, i] { emit stepRequested(i); });
        stepsLayout_->addWidget(button);
        stepButtons_ << button;
    }
}

void LessonPanel::markStepDone(int step, const QString& what) {
    if (step >= 0 && step < stepButtons_.size()) {
        QString text = stepButtons_[step]->text();
        if (!text.startsWith(QStringLiteral("✓ "))) stepButtons_[step]->setText(QStringLiteral("✓ ") + text);
    }
    status_->setText(what);
}

QString LessonPanel::titleText() const { return title_->text(); }
QString LessonPanel::lookText() const { return look_->text(); }
QString LessonPanel::meansText() const { return means_->text(); }
QString LessonPanel::statusText() const { return status_->text(); }

}  // namespace mtj::ui
