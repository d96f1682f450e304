// (being written) The torques of the LLGS equation one by one, for the magnetisation sphere.
#pragma once
namespace mtj {}
