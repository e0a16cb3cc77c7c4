import semver from 'semver';
import { validateManifest, activationEventsOf } from '../manifest/validate-manifest.js';
import { ProblemCollector } from '../problems.js';
import type { PluginRecord } from './plugin-record.js';
import type { PluginSource } from './plugin-source.js';

// The host's first look at a plugin, before any of its code is loaded: the manifest is
// validated and the engines range checked. A refused plugin is kept, with its problems,
// so that listings show it.

/** Validates one source's manifest and engines range; a refused plugin stays listed. */
export function acceptPlugin(
  source: PluginSource,
  rank: number,
  chronicleVersion: string,
  byId: ReadonlyMap<string, PluginRecord>,
): PluginRecord {
  const refused = (id: string, problems: ProblemCollector): PluginRecord => ({
    id,
    rank,
    source,
    manifest: undefined,
    events: [],
    state: 'refused',
    problems,
    fileCodes: new Map(),
    subscriptions: [],
    live: false,
  });
  if (source.error !== undefined) {
    const problems = new ProblemCollector(source.location);
    problems.error('manifest', source.error);
    return refused(source.location, problems);
  }
  const validation = validateManifest(source.manifest, source.location);
  const problems = new ProblemCollector(validation.id);
  problems.problems.push(...validation.problems);
  const manifest = validation.manifest;
  if (!manifest) return refused(validation.id, problems);
  const record: PluginRecord = {
    ...refused(manifest.id, problems),
    manifest,
    events: activationEventsOf(manifest),
    state: 'inactive',
  };
  const range = manifest.engines.chronicle;
  if (!semver.satisfies(chronicleVersion, range, { includePrerelease: true })) {
    problems.error(
      'engines',
      `engines.chronicle "${range}" does not include this Chronicle (${chronicleVersion}); use a version of the plugin made for it`,
    );
    record.state = 'refused';
  }
  const first = byId.get(manifest.id);
  if (first) {
    problems.error(
      'manifest',
      `another plugin with the id ${manifest.id} is already loaded (from ${first.source.location})`,
    );
    record.state = 'refused';
  }
  return record;
}

/** The version a manifest gives, when valid: listed even for a refused plugin. */
export function versionOf(manifest: unknown): string | null {
  const version = (manifest as { version?: unknown } | null)?.version;
  return typeof version === 'string' && semver.valid(version) ? version : null;
}
