# SPDX-License-Identifier: GPL-3.0-or-later
# Precompiled headers: the standard library, Eigen and Qt parsed once per family of targets instead of once per
# file. A test file that took 6 s to compile takes 2 s with them (docs/developing.md, "Build time"). Each family has
# one donor target that builds the header and targets that reuse it; a reusing target has the donor's Qt modules and
# compile definitions, so GCC accepts the donor's header (it would otherwise fall back, slowly, to the text).
option(MTJ_PRECOMPILED_HEADERS "Precompile the standard library, Eigen and Qt headers" ON)

set(MTJ_PCH_STANDARD <algorithm> <array> <atomic> <cmath> <cstddef> <cstdint> <cstdio> <cstdlib> <cstring>
                     <functional> <limits> <map> <memory> <optional> <string> <string_view> <utility> <vector>)
set(MTJ_PCH_FAMILY_engine ${MTJ_PCH_STANDARD} <Eigen/Core>)
set(MTJ_PCH_FAMILY_core ${MTJ_PCH_STANDARD} <Eigen/Core> <QtCore/QtCore>)
set(MTJ_PCH_FAMILY_gui ${MTJ_PCH_STANDARD} <Eigen/Core> <QtCore/QtCore> <QtGui/QtGui> <QtWidgets/QtWidgets>
                       <QtCharts/QtCharts>)
set(MTJ_PCH_FAMILY_core_test ${MTJ_PCH_FAMILY_core} <QtTest/QtTest>)
set(MTJ_PCH_FAMILY_gui_test ${MTJ_PCH_FAMILY_gui} <QtTest/QtTest>)

# mtj_precompile(<target> <family>): the first target of a family builds its header, the others reuse it.
function(mtj_precompile target family)
  if(NOT MTJ_PRECOMPILED_HEADERS)
    return()
  endif()
  get_property(donor GLOBAL PROPERTY MTJ_PCH_DONOR_${family})
  if(donor)
    target_precompile_headers(${target} REUSE_FROM ${donor})
  else()
    target_precompile_headers(${target} PRIVATE ${MTJ_PCH_FAMILY_${family}})
    set_property(GLOBAL PROPERTY MTJ_PCH_DONOR_${family} ${target})
  endif()
endfunction()
