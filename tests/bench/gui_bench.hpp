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

}  // namespace mtj::bench
