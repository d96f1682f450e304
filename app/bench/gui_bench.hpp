// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer's responsiveness (issue: the device explorer window), measured on the real window off screen:
//   slider_to_chart_ms_median  from moving the bias-current slider to the activation chart showing the curve of
//                              that value (100 values, default preset), median milliseconds;
//   ui_stall_ms_max            the longest time the event loop was blocked meanwhile (a 1 ms precise timer records
//                              the gaps between its ticks), milliseconds.
// Needs a QApplication (mtj-explorer bench creates one on the offscreen platform). GUI thread.
#pragma once

#include <vector>

#include "integrator_bench.hpp"

namespace mtj::bench {

std::vector<BenchFigure> runGuiBenchmarks(const BenchProgress& progress = {});

/// The soak (issue "Trust"): `minutes` of the real window alternating half-minute slider sweeps of the device
/// explorer (a new bias current every 20 ms) with half-minute training runs, then figures:
///   soak_rss_growth_percent   resident memory at the end against after the first minute,
///   soak_rss_mb_first_minute, soak_rss_mb_end,
///   soak_requests, soak_curves_shown, soak_dropped_requests (superseded before their curve was drawn: the worker
///   coalesces), soak_stale_results (a result older than the newest request reaching the view, which drops it),
///   soak_epochs_trained.
std::vector<BenchFigure> runSoakBenchmark(double minutes, const BenchProgress& progress = {});

}  // namespace mtj::bench
