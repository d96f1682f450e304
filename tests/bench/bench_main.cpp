// mtj-bench: prints the engine's performance figures as JSON (the same as `mtj-explorer bench`, without Qt).
#include <cstdio>
#include <iostream>

#include "integrator_bench.hpp"

int main() {
    const auto figures = mtj::bench::runIntegratorBenchmarks(
        [](const std::string& name) { std::fprintf(stderr, "measuring %s ...\n", name.c_str()); });
    std::cout << mtj::bench::figuresToJson(figures);
    return 0;
}
