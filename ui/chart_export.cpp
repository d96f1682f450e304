#include "chart_export.hpp"
