// SPDX-License-Identifier: GPL-3.0-or-later
// The charts of the training view. GUI thread only.
//   LossAccuracyChart    loss (left) and held-out accuracy (right) against the epoch, mean over the folds with the
//                        accuracy's min-max band, one colour per gradient source of a comparison; the fold being
//                        trained adds its per-batch loss as a faint line; model-then-deploy draws the epochs on the
//                        model dashed and marks the deployment.
//   AgreementChart       cosine similarity of each source's and the exact weight gradients, per hidden layer, the
//                        epoch's mean averaged over the folds.
//   DerivativeScatter    the source's neuron derivatives against the exact ones in the last batch, with y = x.
//   NetworkView          layers as columns; hidden neurons show their device curve and where their inputs fall;
//                        links coloured by sign and sized by |weight|; a click on a neuron reports (layer, index).
//   ConfusionView        true class against predicted class.
//   DecisionMapView      class regions over a plane (the input plane, or two principal components) with the points.
#pragma once

#include "training/accuracy_bar_chart.hpp"
#include "training/agreement_chart.hpp"
#include "training/confusion_view.hpp"
#include "training/decision_map_view.hpp"
#include "training/derivative_scatter.hpp"
#include "training/loss_accuracy_chart.hpp"
#include "training/network_view.hpp"
