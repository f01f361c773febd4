/** Demo data generator with planted truth: the public surface of src/demo. */

export { BAD_CUSTOMER_SHARE_PER_PROBLEM, BAD_ORDER_SHARE_PER_PROBLEM } from './bad-data.js';
export { type BgNbdParams, bgNbdExpectedRepeatPurchases, hypergeometric2F1 } from './bg-nbd-expectation.js';
export { blackFriday, LUNAR_NEW_YEAR, makeWindow } from './calendar.js';
export { FUNNEL } from './events.js';
export { CONVERSION_WINDOW_DAYS, EXPERIMENTS } from './experiments.js';
export { DEMO_GENERATOR_VERSION, generateDemoData, MAX_DEMO_CUSTOMERS } from './generate-demo-data.js';
export { JOURNEY_MODEL } from './journeys.js';
export { CHANNELS } from './marketing.js';
export {
  COUPON,
  PERSONA_KEYS,
  PERSONAS,
  type PersonaKey,
  type PersonaSpec,
  personaSpec,
} from './personas.js';
export { BRANDS, CATEGORIES, OUR_BRAND } from './products.js';
export { BG_NBD_PARAMS, CNY_PER_USD, GAMMA_GAMMA_PARAMS, SPEND_UNIT_CNY } from './purchases.js';
export type { DemoDataOptions, DemoDataSet, DemoRow, DemoValue, QaItem, RawOverride } from './types.js';
