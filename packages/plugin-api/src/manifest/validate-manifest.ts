import type { z } from 'zod';
import { ProblemCollector, type PluginProblem, type ProblemPoint } from '../problems.js';
import { isActivationEvent, type ActivationEvent } from './activation-events.js';
import {
  CONTRIBUTION_POINT_NAMES,
  CONTRIBUTION_POINTS,
  type ContributionPointName,
  type Contributions,
} from './contribution-points.js';
import { pluginIdSchema } from './ids.js';
import { manifestHeadSchema, type ManifestHead } from './manifest-schema.js';

// Validates a manifest field by field and point by point, collecting every problem at
// once. Any error refuses the whole plugin (a rule pack running with one point dropped
// would give an audit its author never wrote); warnings do not.

/** A manifest that passed validation. */
export interface PluginManifest extends Omit<ManifestHead, 'contributes' | '$schema'> {
  contributes: Contributions;
}

/** The outcome of {@link validateManifest}. */
export interface ManifestValidation {
  /** Undefined when the manifest has an error. */
  manifest: PluginManifest | undefined;
  /** The plugin's id when the manifest gives a valid one, else `fallbackId`. */
  id: string;
  /** Every problem of the manifest, errors and warnings. */
  problems: PluginProblem[];
}

/** Validates a manifest as read from disk (or given in-process). */
export function validateManifest(raw: unknown, fallbackId: string): ManifestValidation {
  const rawId = (raw as { id?: unknown } | null)?.id;
  const id = pluginIdSchema.safeParse(rawId).success ? (rawId as string) : fallbackId;
  const collect = new ProblemCollector(id);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    collect.error('manifest', 'the manifest must be a JSON object');
    return { manifest: undefined, id, problems: collect.problems };
  }
  const head = manifestHeadSchema.safeParse(raw);
  if (!head.success) {
    for (const issue of head.error.issues) collect.error(pointOf(issue.path), describe(issue));
    return { manifest: undefined, id, problems: collect.problems };
  }
  const contributes: Contributions = {};
  for (const [name, value] of Object.entries(head.data.contributes)) {
    const point: ProblemPoint = `contributes.${name}`;
    if (!(CONTRIBUTION_POINT_NAMES as string[]).includes(name)) {
      collect.error(
        point,
        `there is no contribution point "${name}"; the points are ${CONTRIBUTION_POINT_NAMES.join(', ')}`,
      );
      continue;
    }
    const spec = CONTRIBUTION_POINTS[name as ContributionPointName];
    if ('proposal' in spec && !head.data.enabledApiProposals.includes(spec.proposal))
      collect.error(
        point,
        `"${name}" is a proposed contribution point: add "${spec.proposal}" to enabledApiProposals to use it`,
      );
    const parsed = spec.schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        collect.error(point, describe(issue, ['contributes', name]));
      continue;
    }
    (contributes as Record<string, unknown>)[name] = parsed.data;
  }
  const declaredCommands = new Set((contributes.commands ?? []).map((c) => c.id));
  for (const event of head.data.activationEvents) {
    if (!isActivationEvent(event))
      collect.warn(
        'activationEvents',
        `"${event}" is not an activation event Chronicle fires (onStartup, onAudit, onReport, onCommand:<id>); it is ignored`,
      );
    else if (event.startsWith('onCommand:') && !declaredCommands.has(event.slice(10)))
      collect.warn(
        'activationEvents',
        `"${event}" names a command that contributes.commands does not declare`,
      );
  }
  if (collect.failed) return { manifest: undefined, id, problems: collect.problems };
  const { $schema: _schema, contributes: _raw, ...rest } = head.data;
  return { manifest: { ...rest, contributes }, id, problems: collect.problems };
}

/**
 * The events that activate a plugin: those it lists and those its contributions imply
 * (VS Code's implicit activation events), each once, in that order.
 */
export function activationEventsOf(manifest: PluginManifest): ActivationEvent[] {
  const events = new Set<ActivationEvent>();
  for (const event of manifest.activationEvents) if (isActivationEvent(event)) events.add(event);
  for (const name of CONTRIBUTION_POINT_NAMES) {
    const items = manifest.contributes[name];
    if (items === undefined || items.length === 0) continue;
    const implies = CONTRIBUTION_POINTS[name].implies as (items: unknown[]) => string[];
    for (const event of implies(items)) if (isActivationEvent(event)) events.add(event);
  }
  return [...events];
}

function pointOf(path: readonly PropertyKey[]): ProblemPoint {
  const [first, second] = path;
  if (first === 'engines') return 'engines';
  if (first === 'activationEvents') return 'activationEvents';
  if (first === 'contributes' && typeof second === 'string') return `contributes.${second}`;
  return 'manifest';
}

/** `field.path[2].name: message`, the path written as in the manifest. */
function describe(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys')
    return `${formatPath(path) || '(manifest)'}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${formatPath(path) || '(manifest)'}: ${issue.message}`;
}

/** A zod issue path written as in JSON: `contributes.rules[0].id`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
