// SPDX-License-Identifier: GPL-3.0-or-later
// The command line of mtj-explorer (docs/formats.md "Command line"). Subcommands run without a window; the exit
// code is 0 on success, 2 on bad input (the message on stderr names the argument) and 1 on an internal failure.
// Main thread only.
#pragma once

#include <QStringList>

namespace mtj::app {

enum ExitCode { ExitSuccess = 0, ExitInternalFailure = 1, ExitBadInput = 2 };

/// True when args[1] names a subcommand (curve, train, reproduce, bench, screenshot).
bool isSubcommand(const QStringList& args);

/// Runs the subcommand named by args[1]; args[0] is the program name.
int runSubcommand(const QStringList& args);

}  // namespace mtj::app
