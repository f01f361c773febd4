/** Media-mix modelling: adstock, Hill saturation, per-channel response fits and budget allocation. */

export { geometricAdstock, steadyStateAdstock } from './adstock.js';
export {
  type Allocation,
  allocateBudget,
  type BudgetCurve,
  type BudgetOptions,
  type BudgetPlan,
  type ChannelBudget,
  optimizeBudget,
} from './budget.js';
export { type CampaignStatInput, type ChannelDailySeries, channelDailySeries } from './daily-series.js';
export {
  type ChannelResponseFit,
  fitChannelResponse,
  fitMediaMix,
  type HoldoutCheck,
  type MediaMixFit,
  type MediaMixOptions,
  type ParameterSet,
  parametersFromUnconstrained,
  type ResponseCurvePoint,
} from './fit-media-mix.js';
export {
  type HillParams,
  hillDerivative,
  hillResponse,
  type MediaResponseParams,
  steadyStateMarginalResponse,
  steadyStateResponse,
} from './hill.js';
