#include "energy_landscape_view.hpp"
