import type { Occasion } from './types.js';

/** Every occasion a piece can be written for, in the order the CLI lists them. */
export const occasionIds: readonly Occasion[] = [
  'launch',
  'promotion',
  'birthday',
  'anniversary',
  'win_back',
  'care',
  'restock',
  'festival',
];
