// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/accuracy_bar_chart.hpp"

#include "training/chart_support.hpp"

#include <QPainter>
#include <algorithm>
#include <functional>
#include <cmath>

namespace mtj::ui {

AccuracyBarChart::AccuracyBarChart(QWidget* parent) : QWidget(parent) {
    setMinimumSize(240, 120);
    setToolTip(
        tr("Held-out accuracy of each finished run: bar = mean over the folds, whisker = one standard "
           "deviation, dots = the folds. Model-then-deploy shows the accuracy on the model, right after "
           "deployment on the devices, and after fine-tuning on the devices."));
}

void AccuracyBarChart::clear() {
    bars_.clear();
    update();
}

void AccuracyBarChart::addRun(const QString& source, int sourceIndex, const ExperimentResult& result) {
    auto held = [](double validation, double test) { return std::isfinite(validation) ? validation : test; };
    auto statistics = [](const QList<double>& values, double& mean, double& deviation) {
        mean = 0.0;
        for (double v : values) mean += v / values.size();
        double squares = 0.0;
        for (double v : values) squares += (v - mean) * (v - mean);
        deviation = values.size() > 1 ? std::sqrt(squares / (values.size() - 1)) : 0.0;
    };
    const QColor colour = sourceColour(sourceIndex);
    const bool deployed = !result.folds.empty() && result.folds.front().deployment.done;
    auto add = [&](const QString& label, QColor c, const std::function<double(const FoldResult&)>& figure) {
        Bar bar;
        bar.label = label;
        bar.group = source;
        bar.colour = c;
        for (const FoldResult& f : result.folds) bar.folds << figure(f);
        statistics(bar.folds, bar.mean, bar.deviation);
        bars_ << bar;
    };
    if (deployed) {
        add(tr("on the model"), colour.lighter(150),
            [&](const FoldResult& f) { return held(f.modelValidationAccuracy, f.modelTestAccuracy); });
        add(tr("deployed"), QColor(0xc0, 0x39, 0x2b),
            [&](const FoldResult& f) { return held(f.deployment.validationAccuracy, f.deployment.testAccuracy); });
        add(tr("fine-tuned"), colour, [&](const FoldResult& f) { return held(f.validationAccuracy, f.testAccuracy); });
    } else {
        add(source, colour, [&](const FoldResult& f) { return held(f.validationAccuracy, f.testAccuracy); });
    }
    update();
}

void AccuracyBarChart::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    if (bars_.isEmpty()) {
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("The held-out accuracy of each run appears here when it finishes"));
        return;
    }
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    // Room above the plot for the title and the value over a full bar, below it for two lines of labels.
    const QRectF plot(metrics.horizontalAdvance(QStringLiteral("100 %")) + 10, line * 2.8,
                      width() - metrics.horizontalAdvance(QStringLiteral("100 %")) - 20, height() - line * 5.5);
    // Axis: 0 to 100 % with grid lines every 20 %, or every 50 % where the plot is too low for six labels (a
    // projector's font in a small pane).
    const int gridStep = plot.height() / 5 >= line * 1.15 ? 20 : plot.height() / 2 >= line * 1.15 ? 50 : 100;
    painter.setPen(QColor(200, 200, 200));
    for (int p = 0; p <= 100; p += gridStep) {
        const double y = plot.bottom() - plot.height() * p / 100.0;
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(palette().text().color());
        painter.drawText(QRectF(0, y - line / 2, plot.left() - 4, line), Qt::AlignRight | Qt::AlignVCenter,
                         QStringLiteral("%1 %").arg(p));
        painter.setPen(QColor(200, 200, 200));
    }
    painter.setPen(palette().text().color());
    painter.drawText(QRectF(0, 0, width(), line * 1.3), Qt::AlignCenter,
                     tr("Held-out accuracy (mean +- sd over folds)"));
    const int n = static_cast<int>(bars_.size());
    const double slot = plot.width() / n;
    const double barWidth = std::min(slot * 0.6, 90.0);
    for (int i = 0; i < n; ++i) {
        const Bar& bar = bars_[i];
        const double centre = plot.left() + slot * (i + 0.5);
        const double top = plot.bottom() - plot.height() * std::clamp(bar.mean, 0.0, 1.0);
        painter.fillRect(QRectF(centre - barWidth / 2, top, barWidth, plot.bottom() - top), bar.colour);
        // Whisker: +- one standard deviation.
        painter.setPen(QPen(Qt::black, 1.6));
        const double hi = plot.bottom() - plot.height() * std::clamp(bar.mean + bar.deviation, 0.0, 1.0);
        const double lo = plot.bottom() - plot.height() * std::clamp(bar.mean - bar.deviation, 0.0, 1.0);
        painter.drawLine(QPointF(centre, hi), QPointF(centre, lo));
        painter.drawLine(QPointF(centre - barWidth / 5, hi), QPointF(centre + barWidth / 5, hi));
        painter.drawLine(QPointF(centre - barWidth / 5, lo), QPointF(centre + barWidth / 5, lo));
        // The folds as dots beside the whisker.
        painter.setBrush(Qt::white);
        painter.setPen(QPen(Qt::black, 1.0));
        for (int k = 0; k < bar.folds.size(); ++k) {
            const double y = plot.bottom() - plot.height() * std::clamp(bar.folds[k], 0.0, 1.0);
            const double dx = bar.folds.size() > 1 ? (k / (bar.folds.size() - 1.0) - 0.5) * barWidth * 0.6 : 0.0;
            painter.drawEllipse(QPointF(centre + dx, y), 2.5, 2.5);
        }
        painter.setPen(palette().text().color());
        painter.drawText(QRectF(centre - slot / 2, std::min(top, hi) - line * 1.1, slot, line), Qt::AlignCenter,
                         QStringLiteral("%1 %").arg(100.0 * bar.mean, 0, 'f', 1));
        // A label wider than its slot breaks after a hyphen onto the second line where that line is free
        // ("nominal-" / "model"), else it is elided.
        const qsizetype hyphen = bar.label.lastIndexOf(QLatin1Char('-'));
        if (metrics.horizontalAdvance(bar.label) > slot - 2 && bar.group == bar.label && hyphen > 0) {
            painter.drawText(QRectF(centre - slot / 2, plot.bottom() + 2, slot, line), Qt::AlignCenter,
                             metrics.elidedText(bar.label.left(hyphen + 1), Qt::ElideRight, slot - 2));
            painter.drawText(QRectF(centre - slot / 2, plot.bottom() + 2 + line, slot, line), Qt::AlignCenter,
                             metrics.elidedText(bar.label.mid(hyphen + 1), Qt::ElideRight, slot - 2));
            continue;
        }
        painter.drawText(QRectF(centre - slot / 2, plot.bottom() + 2, slot, line), Qt::AlignCenter,
                         metrics.elidedText(bar.label, Qt::ElideRight, slot - 2));
        if (bar.group != bar.label) {
            painter.drawText(QRectF(centre - slot / 2, plot.bottom() + 2 + line, slot, line), Qt::AlignCenter,
                             metrics.elidedText(bar.group, Qt::ElideRight, slot - 2));
        }
    }
}

}  // namespace mtj::ui
