#include "device/energy_landscape.hpp"
