/**
 * Exponential smoothing in innovations state-space form (ETS) and AutoETS.
 * `fitEts` fits one form by maximum likelihood, `forecastEts` forecasts a fit, `autoEts` selects the form
 * by AICc and forecasts (a ForecastModel), `etsModel(spec)` is a ForecastModel for one fixed form.
 */
import type { Forecast, ForecastModel, ForecastOptions } from '../forecast-types.js';
import { checkHorizonAndLevels, forecastEts } from './ets-forecast.js';
import { type EtsSpec, parseEtsSpec } from './ets-spec.js';
import { fitEts } from './fit-ets.js';

export { type AutoEtsOptions, autoEts, type EtsCandidate, type EtsSelection, selectEts } from './auto-ets.js';
export { type EtsForecastOptions, forecastEts } from './ets-forecast.js';
export {
  allEtsSpecs,
  type EtsErrorType,
  type EtsSeasonType,
  type EtsSpec,
  type EtsTrendType,
  etsName,
  parseEtsSpec,
} from './ets-spec.js';
export { type EtsFit, type EtsFitOptions, fitEts } from './fit-ets.js';

/** A ForecastModel for one fixed form, e.g. etsModel('MAdM') or etsModel({ error: 'A', trend: 'N', season: 'N' }). */
export function etsModel(spec: EtsSpec | string): ForecastModel {
  const form = typeof spec === 'string' ? parseEtsSpec(spec) : spec;
  return (values: readonly number[], options: ForecastOptions): Forecast => {
    checkHorizonAndLevels(options.horizon, options.levels ?? [80, 95], 'etsModel');
    const fit = fitEts(values, form, { seasonLength: options.seasonLength });
    return forecastEts(fit, {
      horizon: options.horizon,
      ...(options.levels ? { levels: options.levels } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
  };
}
