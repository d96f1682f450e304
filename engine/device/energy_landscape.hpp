// (being written) The free layer's energy landscape and its fixed points, for the energy-landscape view.
#pragma once
namespace mtj {}
