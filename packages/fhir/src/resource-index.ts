import type { FhirEntry } from './fhir-input.js';
import type { Reference } from './fhir-schemas.js';
import type { Subject } from './import-report.js';

// Resolves references between the input's resources: by the entry's fullUrl (transaction
// bundles use `urn:uuid:`), or by `Type/id` at the end of a relative or absolute URL.

export interface Indexed<T = Record<string, unknown>> {
  entry: FhirEntry;
  /** The report's handle on the resource. */
  subject: Subject;
  /** The resource as its schema read it; absent when it did not parse. */
  parsed?: T;
}

export interface Resolved {
  found?: Indexed;
  /** The type and id the reference names, found or not. */
  type?: string;
  id?: string;
}

const TYPE_AND_ID = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

export class ResourceIndex {
  private readonly byUrl = new Map<string, Indexed>();
  private readonly byKey = new Map<string, Indexed>();
  /** Ids held by exactly one resource (null: by several), for `urn:uuid:` without a fullUrl. */
  private readonly byId = new Map<string, Indexed | null>();

  add(item: Indexed): void {
    const { fullUrl, resourceType, id } = item.entry;
    if (fullUrl !== undefined && !this.byUrl.has(fullUrl)) this.byUrl.set(fullUrl, item);
    if (id !== undefined && !this.byKey.has(`${resourceType}/${id}`))
      this.byKey.set(`${resourceType}/${id}`, item);
    if (id !== undefined) this.byId.set(id, this.byId.has(id) ? null : item);
  }

  resolve(ref: Reference | undefined): Resolved {
    const target = ref?.reference;
    if (target === undefined || target.startsWith('#')) return {};
    const byUrl = this.byUrl.get(target);
    if (byUrl) return { found: byUrl, type: byUrl.entry.resourceType, id: byUrl.entry.id };
    // Bulk-data NDJSON has no fullUrls: a transaction's `urn:uuid:X` then names the resource with id X.
    const uuid = /^urn:uuid:(.+)$/.exec(target)?.[1];
    const byId = uuid === undefined ? undefined : this.byId.get(uuid);
    if (byId) return { found: byId, type: byId.entry.resourceType, id: byId.entry.id };
    const m = TYPE_AND_ID.exec(target);
    if (!m) return {};
    const [, type, id] = m as unknown as [string, string, string];
    const found = this.byKey.get(`${type}/${id}`);
    return found ? { found, type, id } : { type, id };
  }
}
