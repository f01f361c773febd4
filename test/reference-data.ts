import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Reference data sets in ../shared/datasets for tests (see each SOURCE.md). Tests that use them skip with a
 * message when ../shared is absent: `describe.skipIf(!hasAirPassengers)(…)`.
 */

/** Absolute path of a file under ../shared/datasets. */
export function datasetPath(relative: string): string {
  return fileURLToPath(new URL(`../../shared/datasets/${relative}`, import.meta.url));
}

export const airPassengersPath = datasetPath('timeseries/air_passengers.csv');
export const hasAirPassengers = existsSync(airPassengersPath);

/** Box & Jenkins' monthly airline passengers 1949-01 … 1960-12 (144 values, thousands). */
export function airPassengers(): number[] {
  return readFileSync(airPassengersPath, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[1]));
}
