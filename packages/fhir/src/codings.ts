import type { CodeableConcept, Coding, Extension } from './fhir-schemas.js';
import { CHRONICLE_CODES, CPT_SYSTEMS, HCPCS_SYSTEMS } from './systems.js';

// Small readers over codings and extensions, shared by the mappers.

export function codings(concepts: ReadonlyArray<CodeableConcept | undefined>): Coding[] {
  return concepts.flatMap((c) => c?.coding ?? []);
}

/** The first coding whose system is one of `systems` and that has a code. */
export function codingIn(
  concepts: ReadonlyArray<CodeableConcept | undefined>,
  systems: ReadonlySet<string> | string,
): Coding | undefined {
  const wanted = typeof systems === 'string' ? new Set([systems]) : systems;
  return codings(concepts).find(
    (c) => c.system !== undefined && wanted.has(c.system) && (c.code ?? '').trim() !== '',
  );
}

export function codeIn(
  concepts: ReadonlyArray<CodeableConcept | undefined>,
  systems: ReadonlySet<string> | string,
): string | undefined {
  return codingIn(concepts, systems)?.code?.trim();
}

const CPT_OR_HCPCS = new Set([...CPT_SYSTEMS, ...HCPCS_SYSTEMS]);

/** A CPT or HCPCS code, upper-cased as billed (`G0506`). */
export function billingCode(
  concepts: ReadonlyArray<CodeableConcept | undefined>,
): string | undefined {
  return codeIn(concepts, CPT_OR_HCPCS)?.toUpperCase();
}

/** The system to write a billing code under: HCPCS Level II codes start with a letter. */
export function billingSystem(code: string): string {
  return /^[A-Z]/i.test(code)
    ? 'https://bluebutton.cms.gov/resources/codesystem/hcpcs'
    : 'http://www.ama-assn.org/go/cpt';
}

export function extensionOf(
  extensions: readonly Extension[] | undefined,
  url: string,
): Extension | undefined {
  return extensions?.find((e) => e.url === url);
}

/** Text of a concept for matching conventions: its text and every coding's display and code. */
export function conceptWords(concepts: ReadonlyArray<CodeableConcept | undefined>): string {
  return concepts
    .flatMap((c) => [c?.text, ...(c?.coding ?? []).flatMap((k) => [k.display, k.code])])
    .filter((s): s is string => typeof s === 'string')
    .join(' ');
}

/** A billed code: CPT or HCPCS, or a code Chronicle wrote under its own system (not CPT-shaped). */
export function lineCode(concepts: ReadonlyArray<CodeableConcept | undefined>): string | undefined {
  return billingCode(concepts) ?? codeIn(concepts, CHRONICLE_CODES.otherCode);
}
