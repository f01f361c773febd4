export * from './column.js';
export * from './row-schema.js';
export * from './tables.js';
