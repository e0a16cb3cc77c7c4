import type { ReportCollector } from './import-report.js';
import { MAX_BUNDLE_DEPTH } from './nesting.js';

// The shapes an import accepts: a Bundle of any type (transaction, collection, searchset,
// batch), a single resource, or a list of either (the resources of bulk-data NDJSON
// files). Bundles inside bundles are unpacked. Everything else about a Bundle (its type,
// the requests of a transaction) is ignored: the import reads resources, it does not
// replay a transaction.

/** One resource of the input, with the `fullUrl` its bundle entry gave it. */
export interface FhirEntry {
  resourceType: string;
  id?: string | undefined;
  resource: Record<string, unknown>;
  fullUrl?: string | undefined;
}

export function collectEntries(input: unknown, report: ReportCollector): FhirEntry[] {
  const entries: FhirEntry[] = [];
  const add = (value: unknown, fullUrl: string | undefined, where: string, depth = 0): void => {
    if (!isObject(value) || typeof value.resourceType !== 'string') {
      report.unreadable('(input)', where, 'not a FHIR resource (no resourceType)');
      return;
    }
    if (value.resourceType === 'Bundle') {
      if (depth >= MAX_BUNDLE_DEPTH) {
        report.unreadable(
          'Bundle',
          where,
          `bundles nested more than ${MAX_BUNDLE_DEPTH} deep; not read`,
        );
        return;
      }
      const inner = Array.isArray(value.entry) ? value.entry : [];
      inner.forEach((e: unknown, i) => {
        const at = `${where === '' ? 'Bundle' : where}.entry[${i}]`;
        if (!isObject(e)) return report.unreadable('Bundle', at, 'not a Bundle entry');
        // A searchset's OperationOutcome entries are search information, not data.
        const url = typeof e.fullUrl === 'string' ? e.fullUrl : undefined;
        if (e.resource !== undefined) add(e.resource, url, `${at}.resource`, depth + 1);
      });
      return;
    }
    const id = typeof value.id === 'string' ? value.id : idFromFullUrl(fullUrl);
    entries.push({ resourceType: value.resourceType, id, resource: value, fullUrl });
  };
  if (Array.isArray(input)) input.forEach((item, i) => add(item, undefined, `[${i}]`));
  else add(input, undefined, '');
  return entries;
}

/** `urn:uuid:X` gives X: transaction bundles often identify a new resource only so. */
function idFromFullUrl(fullUrl: string | undefined): string | undefined {
  const m = fullUrl === undefined ? null : /^urn:uuid:([0-9a-fA-F-]{1,64})$/.exec(fullUrl);
  return m?.[1];
}

export interface NdjsonFile {
  /** The file's name, for problems (`Condition.ndjson`). */
  name: string;
  text: string;
}

/**
 * The resources of bulk-data NDJSON files (one resource per line). A line that is not
 * JSON is reported by file and line number, without quoting it.
 */
export function parseNdjson(files: readonly NdjsonFile[], report: ReportCollector): unknown[] {
  const resources: unknown[] = [];
  for (const file of files) {
    file.text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        resources.push(JSON.parse(line) as unknown);
      } catch {
        report.unreadable('(input)', `${file.name} line ${i + 1}`, 'not valid JSON');
      }
    });
  }
  return resources;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
