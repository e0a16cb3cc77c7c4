import semver from 'semver';
import { z } from 'zod';
import { API_PROPOSALS } from './contribution-points.js';
import { pluginIdSchema } from './ids.js';

// The manifest's own fields (everything but `contributes`, whose points are checked one
// by one so that each gets its own problems).

export const manifestHeadSchema = z.strictObject({
  $schema: z.string().optional(),
  id: pluginIdSchema.describe('publisher.name, lowercase: the id the plugin is known by.'),
  version: z
    .string()
    .refine((v) => semver.valid(v) !== null, 'must be a semantic version such as 1.0.0')
    .describe("The plugin's own version."),
  displayName: z.string().trim().min(1).optional(),
  description: z.string().trim().min(1).optional(),
  engines: z
    .strictObject({
      chronicle: z
        .string()
        .refine(
          (range) => semver.validRange(range) !== null,
          'must be a semver range such as ^0.1.0',
        )
        .describe('The Chronicle versions the plugin works with.'),
    })
    .describe('The host versions the plugin works with (VS Code: engines.vscode).'),
  main: z
    .string()
    .trim()
    .min(1, 'must name the module to load')
    .describe('The module, relative to the plugin folder, exporting activate (and deactivate).'),
  activationEvents: z
    .array(z.string())
    .default([])
    .describe(
      'Events that activate the plugin besides those its contributions imply: onStartup, onAudit, onReport, onCommand:<id>.',
    ),
  enabledApiProposals: z
    .array(z.enum(API_PROPOSALS))
    .default([])
    .describe('Proposed API parts the plugin uses; without them, calling one is refused.'),
  contributes: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('What the plugin adds, by contribution point.'),
});

export type ManifestHead = z.infer<typeof manifestHeadSchema>;
