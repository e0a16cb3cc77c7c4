import { z } from 'zod';
import type { JsonValue } from '../json.js';

// chronicle.config.json: the plugins to load, in order, each by package name or by a
// path relative to the config file, with the policy values it should use.

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

const pluginName = z
  .string()
  .trim()
  .min(1, 'must name a plugin: a package name, or a path starting with ./ or ../');

const pluginWithSettings = z.strictObject({
  plugin: pluginName,
  policies: z
    .record(z.string(), z.record(z.string(), jsonValue))
    .optional()
    .describe("Values for the plugin's policy options, by policy id, then option."),
});

/** One entry of `plugins`: a name, or `{ plugin, policies }`. */
export const pluginEntrySchema = z.union([pluginName, pluginWithSettings], {
  error:
    'must be a plugin name ("@acme/pack", "./pack") or { "plugin": name, "policies": {...} } with no other field',
});

/** chronicle.config.json, validated. */
export const chronicleConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    plugins: z
      .array(pluginEntrySchema)
      .describe(
        'The plugins, in order: "@scope/package" (resolved from the config file\'s folder), "./relative/folder", or { "plugin": ..., "policies": {...} }.',
      ),
  })
  .describe('The Chronicle config file (chronicle.config.json).');

/** A valid config file. */
export type ChronicleConfig = z.infer<typeof chronicleConfigSchema>;
/** A valid entry of `plugins`. */
export type PluginEntry = z.infer<typeof pluginEntrySchema>;

/** The file looked for in the working directory when no config is named. */
export const CONFIG_FILE_NAME = 'chronicle.config.json';
