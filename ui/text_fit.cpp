// SPDX-License-Identifier: GPL-3.0-or-later
#include "text_fit.hpp"

#include <QTextDocument>
#include <algorithm>
#include <cmath>

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QStyleOptionGroupBox>
#include <QTabBar>
#include <QTextDocument>
#include <algorithm>
#include <cmath>
#include <QToolButton>

namespace mtj::ui {
namespace {

QString describe(const QWidget* w, const QString& text) {
    const QString name =
        w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName();
    return QStringLiteral("%1: \"%2\"").arg(name, text.left(80));
}

/// Visible on screen: shown, with every ancestor shown, and of non-zero size.
bool reallyVisible(const QWidget* w) { return w->isVisible() && w->width() > 0 && w->height() > 0; }

int textWidth(const QWidget* w, const QString& text, Qt::TextFormat format) {
    if (format == Qt::RichText || (format == Qt::AutoText && Qt::mightBeRichText(text))) {
        QTextDocument document;
        document.setDefaultFont(w->font());
        document.setHtml(text);
        document.setDocumentMargin(0);
        return static_cast<int>(std::ceil(document.idealWidth()));
    }
    int widest = 0;
    for (const QString& line : text.split(QLatin1Char('\n')))
        widest = std::max(widest, w->fontMetrics().horizontalAdvance(line));
    return widest;
}

}  // namespace

QStringList clippedTexts(const QWidget* root) {
    QStringList found;
    QList<const QWidget*> widgets{root};
    for (const QWidget* child : root->findChildren<const QWidget*>()) widgets << child;
    for (const QWidget* w : widgets) {
        if (!reallyVisible(w)) continue;
        if (const auto* label = qobject_cast<const QLabel*>(w)) {
            const QString text = label->text();
            if (text.isEmpty() || label->pixmap().cacheKey() != 0) continue;
            const QRect room =
                label->contentsRect().adjusted(label->margin(), label->margin(), -label->margin(), -label->margin());
            if (text.contains(QChar(0x2026)) && !Qt::mightBeRichText(text)) {
                found << describe(w, text) + QStringLiteral(" (shortened with an ellipsis)");
            } else if (label->wordWrap()) {
                if (label->heightForWidth(label->width()) > label->height() + 1)
                    found << describe(w, text) + QStringLiteral(" (wrapped lines cut off)");
            } else if (textWidth(label, text, label->textFormat()) > room.width() + 1) {
                found << describe(w, text) + QStringLiteral(" (too wide)");
            } else if (label->fontMetrics().height() > room.height() + 2) {
                found << describe(w, text) + QStringLiteral(" (too low)");
            }
        } else if (const auto* button = qobject_cast<const QAbstractButton*>(w)) {
            if (button->text().isEmpty() || qobject_cast<const QToolButton*>(w) != nullptr) continue;
            if (!button->sizePolicy().hasHeightForWidth() && button->sizeHint().width() > button->width() + 1) {
                found << describe(w, button->text()) + QStringLiteral(" (button too narrow)");
            }
        } else if (const auto* group = qobject_cast<const QGroupBox*>(w)) {
            QStyleOptionGroupBox option;
            option.initFrom(group);
            option.text = group->title();
            option.subControls =
                QStyle::SC_GroupBoxLabel | (group->isCheckable() ? QStyle::SC_GroupBoxCheckBox : QStyle::SC_None);
            option.features = QStyleOptionFrame::None;
            const QRect label =
                group->style()->subControlRect(QStyle::CC_GroupBox, &option, QStyle::SC_GroupBoxLabel, group);
            if (!group->title().isEmpty() && label.right() > group->width())
                found << describe(w, group->title()) + QStringLiteral(" (group title)");
        } else if (const auto* combo = qobject_cast<const QComboBox*>(w)) {
            QStyleOptionComboBox option;
            option.initFrom(combo);
            option.editable = combo->isEditable();
            const QRect field =
                combo->style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, combo);
            if (combo->fontMetrics().horizontalAdvance(combo->currentText()) > field.width() + 1) {
                found << describe(w, combo->currentText()) + QStringLiteral(" (combo box)");
            }
        } else if (const auto* spin = qobject_cast<const QAbstractSpinBox*>(w)) {
            const QLineEdit* edit = spin->findChild<QLineEdit*>();
            if (edit != nullptr) {
                const int room = edit->contentsRect().width() - 2 * edit->textMargins().left() - 4;
                if (edit->fontMetrics().horizontalAdvance(edit->text()) > room)
                    found << describe(w, edit->text()) + QStringLiteral(" (value cut off)");
            }
        } else if (const auto* tabs = qobject_cast<const QTabBar*>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (!tabs->isTabVisible(i)) continue;
                const QRect r = tabs->tabRect(i);
                if (r.left() < 0 || r.right() > tabs->width() + 1)
                    found << describe(w, tabs->tabText(i)) + QStringLiteral(" (tab scrolled away)");
                else if (tabs->fontMetrics().horizontalAdvance(tabs->tabText(i)) > r.width() - 8)
                    found << describe(w, tabs->tabText(i)) + QStringLiteral(" (tab text cut)");
            }
        } else if (const auto* chartView = qobject_cast<const QChartView*>(w)) {
            if (chartView->scene() == nullptr) continue;
            // Qt Charts elides a title, an axis title or a legend entry that does not fit with "...".
            for (const QGraphicsItem* item : chartView->scene()->items()) {
                if (!item->isVisible()) continue;
                QString text;
                if (const auto* rich = dynamic_cast<const QGraphicsTextItem*>(item))
                    text = rich->toPlainText();
                else if (const auto* simple = dynamic_cast<const QGraphicsSimpleTextItem*>(item))
                    text = simple->text();
                if (text.contains(QStringLiteral("...")) || text.contains(QChar(0x2026))) {
                    const QString title = chartView->chart() != nullptr ? chartView->chart()->title() : QString();
                    found << describe(w, text) + QStringLiteral(" (elided in chart \"%1\")").arg(title);
                }
            }
        }
    }
    return found;
}

int wrappedLabelHeight(const QLabel* label, int width) {
    const QMargins margins = label->contentsMargins();
    const int frame = 2 * label->margin() + margins.top() + margins.bottom();
    const int textWidth = std::max(1, width - 2 * label->margin() - margins.left() - margins.right());
    const bool rich = label->textFormat() == Qt::RichText ||
                      (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
    if (rich) {
        QTextDocument document;
        document.setDefaultFont(label->font());
        document.setDocumentMargin(0);
        document.setHtml(label->text());
        document.setTextWidth(textWidth);
        return frame + static_cast<int>(std::ceil(document.size().height()));
    }
    const QRect bounds = label->fontMetrics().boundingRect(QRect(0, 0, textWidth, 1 << 20),
                                                           Qt::TextWordWrap | label->alignment(), label->text());
    return frame + bounds.height();
}

}  // namespace mtj::ui
