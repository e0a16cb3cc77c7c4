import { fhirId } from './ids.js';

/** FHIR ids for one Bundle: unique per resource type, whatever the dataset ids are. */
export class ExportIds {
  private readonly taken = new Map<string, Set<string>>();

  allocate(resourceType: string, ...parts: string[]): string {
    const used = this.taken.get(resourceType) ?? new Set<string>();
    this.taken.set(resourceType, used);
    let id = fhirId(...parts);
    // Joined parts can meet ("a-b" + "c" and "a" + "b-c"): the hash of the parts cannot.
    if (used.has(id)) id = fhirId(...parts, '\u0000');
    used.add(id);
    return id;
  }
}
