// SPDX-License-Identifier: GPL-3.0-or-later
#include "value_control.hpp"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <algorithm>
#include <cmath>

namespace mtj::ui {

ValueControl::ValueControl(const QString& label, const QString& unit, double minimum, double maximum, double step,
                           int decimals, const QString& tooltip, bool withSlider, QWidget* parent)
    : QWidget(parent), minimum_(minimum), maximum_(maximum), step_(step) {
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(6);
    layout->setVerticalSpacing(0);
    label_ = new QLabel(label, this);
    spin_ = new QDoubleSpinBox(this);
    spin_->setRange(minimum, maximum);
    spin_->setDecimals(decimals);
    spin_->setSingleStep(step);
    spin_->setKeyboardTracking(false);
    spin_->setAccelerated(true);
    spin_->setSuffix(unit.isEmpty() ? QString() : QStringLiteral(" ") + unit);
    spin_->setMinimumWidth(110);
    spin_->setAlignment(Qt::AlignRight);
    layout->addWidget(label_, 0, 0);
    layout->addWidget(spin_, 0, 1);
    layout->setColumnStretch(0, 1);
    if (withSlider) {
        slider_ = new QSlider(Qt::Horizontal, this);
        slider_->setRange(0, static_cast<int>(std::lround((maximum - minimum) / step)));
        slider_->setSingleStep(1);
        slider_->setPageStep(std::max(1, slider_->maximum() / 20));
        layout->addWidget(slider_, 1, 0, 1, 2);
        connect(slider_, &QSlider::valueChanged, this, &ValueControl::fromSlider);
        slider_->setToolTip(tooltip);
    }
    setToolTip(tooltip);
    label_->setToolTip(tooltip);
    spin_->setToolTip(tooltip);
    connect(spin_, &QDoubleSpinBox::valueChanged, this, &ValueControl::fromSpin);
    exact_ = spin_->value();
}

double ValueControl::value() const { return exact_; }

void ValueControl::setValue(double value) {
    const QSignalBlocker blockSpin(spin_);
    spin_->setValue(value);
    exact_ = std::clamp(value, spin_->minimum(), spin_->maximum());  // kept as given, not as the box rounds it
    if (slider_ != nullptr) {
        const QSignalBlocker blockSlider(slider_);
        slider_->setValue(toSliderPosition(value));
    }
}

void ValueControl::setUnit(const QString& unit) {
    spin_->setSuffix(unit.isEmpty() ? QString() : QStringLiteral(" ") + unit);
}

int ValueControl::toSliderPosition(double value) const {
    return static_cast<int>(std::lround((value - minimum_) / step_));
}

void ValueControl::fromSlider(int position) {
    if (updating_) return;
    updating_ = true;
    const double value = minimum_ + position * step_;
    {
        const QSignalBlocker block(spin_);
        spin_->setValue(value);
    }
    updating_ = false;
    exact_ = spin_->value();
    emit valueChanged(exact_);
}

void ValueControl::fromSpin(double value) {
    if (updating_) return;
    updating_ = true;
    if (slider_ != nullptr) {
        const QSignalBlocker block(slider_);
        slider_->setValue(toSliderPosition(value));
    }
    updating_ = false;
    exact_ = value;
    emit valueChanged(value);
}

}  // namespace mtj::ui
