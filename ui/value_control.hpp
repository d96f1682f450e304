// SPDX-License-Identifier: GPL-3.0-or-later
// ValueControl: one physical knob of the explorer: a label with its unit, a spin box and (optionally) a slider that
// move together. The tooltip says what the quantity does physically. valueChanged fires on user changes only
// (setValue is silent), so loading a preset emits one request, not one per knob. A value given by setValue is kept
// exactly (value() returns it, not the box's rounding of it) until the user changes the knob. GUI thread only.
#pragma once

#include <QWidget>

class QDoubleSpinBox;
class QSlider;
class QLabel;

namespace mtj::ui {

class ValueControl : public QWidget {
    Q_OBJECT
public:
    ValueControl(const QString& label, const QString& unit, double minimum, double maximum, double step, int decimals,
                 const QString& tooltip, bool withSlider, QWidget* parent = nullptr);
    [[nodiscard]] double value() const;
    /// Sets the value without emitting valueChanged.
    void setValue(double value);
    QSlider* slider() const { return slider_; }
    QDoubleSpinBox* spinBox() const { return spin_; }
    void setUnit(const QString& unit);

signals:
    void valueChanged(double value);

private:
    void fromSlider(int position);
    void fromSpin(double value);
    int toSliderPosition(double value) const;

    QLabel* label_ = nullptr;
    QDoubleSpinBox* spin_ = nullptr;
    QSlider* slider_ = nullptr;
    double minimum_, maximum_, step_;
    double exact_ = 0.0;  ///< the value: as given by setValue, or as the user set it
    bool updating_ = false;
};

}  // namespace mtj::ui
