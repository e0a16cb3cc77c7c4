import { z } from 'zod';
import { chronicleConfigSchema } from '../config/config-schema.js';
import { CONTRIBUTION_POINT_NAMES, CONTRIBUTION_POINTS } from './contribution-points.js';
import { manifestHeadSchema } from './manifest-schema.js';

// The JSON Schemas published in docs/developer/schemas/, generated from the zod schemas
// the host validates with, so the two cannot disagree (a refinement such as "a valid
// semver range" is checked by the host only).

/** The whole manifest, every contribution point included. */
export const manifestSchema = manifestHeadSchema.extend({
  contributes: z
    .strictObject(
      Object.fromEntries(
        CONTRIBUTION_POINT_NAMES.map((name) => [name, CONTRIBUTION_POINTS[name].schema.optional()]),
      ),
    )
    .default({})
    .describe('What the plugin adds, by contribution point.'),
});

const toJson = (schema: z.ZodType, title: string, description?: string) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title,
  ...(description ? { description } : {}),
  ...withoutDraft(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })),
});

function withoutDraft(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _draft, ...rest } = schema;
  return rest;
}

/**
 * Every published schema by file name: the manifest, one per contribution point
 * (`contributes.<point>.schema.json`) and the config file.
 */
export function pluginJsonSchemas(): Record<string, Record<string, unknown>> {
  const schemas: Record<string, Record<string, unknown>> = {
    'chronicle-plugin.schema.json': toJson(manifestSchema, 'Chronicle plugin manifest'),
    'chronicle-config.schema.json': toJson(chronicleConfigSchema, 'Chronicle config file'),
  };
  for (const name of CONTRIBUTION_POINT_NAMES) {
    const point = CONTRIBUTION_POINTS[name];
    schemas[`contributes.${name}.schema.json`] = toJson(
      point.schema,
      `contributes.${name}`,
      'proposal' in point
        ? `A proposed contribution point: the manifest must list "${point.proposal}" in enabledApiProposals.`
        : undefined,
    );
  }
  return schemas;
}
