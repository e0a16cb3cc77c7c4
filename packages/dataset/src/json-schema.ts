import { z } from 'zod';
import { datasetSchema } from './dataset-schema.js';

/** The JSON Schema (draft 2020-12) of the dataset format, generated from the zod schema. */
export function datasetJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://chronicle.invalid/schemas/ccm-dataset-v1.json',
    ...z.toJSONSchema(datasetSchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
  };
}
