// SPDX-License-Identifier: GPL-3.0-or-later
// Finds text the window shows cut short: a label, button, group title, combo box, value box or tab narrower than
// its text, a word-wrapped label shorter than its lines, or a chart title, axis title or legend entry that Qt Charts
// elided ("..."). Presentation mode and the tests use it: a projector must never show half a word.
// GUI thread only.
#pragma once

#include <QStringList>

class QLabel;
class QWidget;

namespace mtj::ui {

/// One line per visible text of `root` (and its visible children) that does not fit, naming the widget and the text.
QStringList clippedTexts(const QWidget* root);

/// The height `label`'s text needs when wrapped to `width` pixels, with the label's margins and indent, whatever
/// its current size. (QLabel::heightForWidth is never less than the label's minimum height: a label sized from it,
/// as the device explorer's legend and status line were, grew by its margin at every new text.)
int wrappedLabelHeight(const QLabel* label, int width);

}  // namespace mtj::ui
