// pincalc.hpp: the umbrella header.
#ifndef PINCALC_PINCALC_HPP
#define PINCALC_PINCALC_HPP

#include "pincalc/certificate.hpp"
#include "pincalc/chain.hpp"
#include "pincalc/check.hpp"
#include "pincalc/input.hpp"
#include "pincalc/pin.hpp"
#include "pincalc/report.hpp"
#include "pincalc/snippets.hpp"

#endif  // PINCALC_PINCALC_HPP
