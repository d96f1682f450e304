#include "magnetisation_sphere.hpp"
