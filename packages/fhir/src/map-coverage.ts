import { COVERAGE_KINDS, type Coverage } from '@chronicle/dataset';
import { codeIn, conceptWords, extensionOf } from './codings.js';
import { practiceDate } from './fhir-dates.js';
import type { FhirCoverage } from './fhir-schemas.js';
import type { ReportCollector, Subject } from './import-report.js';
import type { CoverageSighting } from './patient-registry.js';
import { CHRONICLE_CODES, EXTENSION, SYSTEM } from './systems.js';

type Kind = Coverage['kind'];
export type KindReading = { kinds: Kind[] } | { skip: string };

/**
 * What a Coverage is, in this order: Chronicle's coverage-kind coding; the Medicare part
 * in `class` (CMS writes group "Medicare", plan "Part A/B/C/D"); the payer type in `type`
 * (Source of Payment Typology codes, or words such as Synthea's medicare, medicaid,
 * dual_eligible and private). Parts A and D are skipped: CCM is billed to Part B, and
 * neither says whether the patient has it.
 */
export function coverageKinds(c: FhirCoverage): KindReading {
  const own = codeIn([c.type], CHRONICLE_CODES.coverageKind);
  if (own !== undefined && (COVERAGE_KINDS as readonly string[]).includes(own))
    return { kinds: [own as Kind] };
  const classWords = (c.class ?? []).map((k) => `${k.value ?? ''} ${k.name ?? ''}`).join(' ');
  if (/\bpart\s*b\b/i.test(classWords)) return { kinds: ['medicare-part-b'] };
  if (/\bpart\s*c\b|medicare advantage/i.test(classWords)) return { kinds: ['medicare-advantage'] };
  if (/\bpart\s*[ad]\b/i.test(classWords))
    return { skip: 'Medicare Part A or D (CCM is billed to Part B)' };
  const sopt = codeIn([c.type], SYSTEM.sopt);
  if (sopt !== undefined) {
    if (sopt.startsWith('11')) return { kinds: ['medicare-advantage'] };
    if (sopt.startsWith('1')) return { kinds: ['medicare-part-b'] };
    if (sopt.startsWith('2')) return { kinds: ['medicaid'] };
    if (/^[567]/.test(sopt)) return { kinds: ['commercial'] };
  }
  return { kinds: kindsFromWords(`${conceptWords([c.type])} ${classWords}`) };
}

/** Payer words (Synthea's contained Coverage `type.text`), best effort; docs/admin/fhir.md. */
export function kindsFromWords(words: string): Kind[] {
  if (/dual/i.test(words)) return ['medicare-part-b', 'medicaid'];
  if (/medicare advantage|part\s*c\b/i.test(words)) return ['medicare-advantage'];
  if (/medicare/i.test(words)) return ['medicare-part-b'];
  if (/medicaid/i.test(words)) return ['medicaid'];
  if (/private|commercial|employer|\b(ppo|hmo|pos|epo)\b/i.test(words)) return ['commercial'];
  return ['other'];
}

export function mapCoverage(
  subject: Subject,
  c: FhirCoverage,
  timeZone: string,
  report: ReportCollector,
): Coverage[] | undefined {
  if (c.status === 'cancelled' || c.status === 'entered-in-error' || c.status === 'draft') {
    report.skip(subject, 'cancelled, draft or entered in error');
    return undefined;
  }
  const reading = coverageKinds(c);
  if ('skip' in reading) {
    report.skip(subject, reading.skip);
    return undefined;
  }
  const start = c.period?.start === undefined ? undefined : practiceDate(c.period.start, timeZone);
  if (start === undefined) {
    report.reject(subject, 'period.start', 'coverage needs a start date; not imported');
    return undefined;
  }
  const end = c.period?.end === undefined ? undefined : practiceDate(c.period.end, timeZone);
  if (end !== undefined && end < start) {
    report.reject(subject, 'period.end', 'before the start; not imported');
    return undefined;
  }
  const qmb = extensionOf(c.extension, EXTENSION.qmb)?.valueBoolean;
  return reading.kinds.map((kind) => ({
    kind,
    start,
    ...(end === undefined ? {} : { end }),
    ...(qmb === undefined ? {} : { qmb }),
  }));
}

/**
 * Coverage spans from the payer an ExplanationOfBenefit names on each date, for inputs
 * with no Coverage resource (Synthea): a kind starts on the first date it is seen and
 * ends the day before the first later date it is not; the last spans stay open.
 */
export function coverageFromSightings(sightings: readonly CoverageSighting[]): Coverage[] {
  const byDate = new Map<string, Set<Kind>>();
  for (const s of sightings) {
    const kinds = byDate.get(s.date) ?? new Set<Kind>();
    for (const k of s.kinds) kinds.add(k);
    byDate.set(s.date, kinds);
  }
  const open = new Map<Kind, string>();
  const spans: Coverage[] = [];
  for (const date of [...byDate.keys()].sort()) {
    const kinds = byDate.get(date) as Set<Kind>;
    for (const [kind, start] of open)
      if (!kinds.has(kind)) {
        spans.push({ kind, start, end: dayBefore(date) });
        open.delete(kind);
      }
    for (const kind of kinds) if (!open.has(kind)) open.set(kind, date);
  }
  for (const [kind, start] of open) spans.push({ kind, start });
  const rank = (k: Kind) => COVERAGE_KINDS.indexOf(k);
  return spans.sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : rank(a.kind) - rank(b.kind),
  );
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
