export * from './dataset-schema.js';
export * from './parse-dataset.js';
export * from './problems.js';
export { datasetJsonSchema } from './json-schema.js';
export { isValidNpi, MBI_PATTERN } from './primitives.js';
