import type { Clinician, Patient } from '@chronicle/dataset';
import { lastDay } from '../time/calendar.js';

/**
 * Who would bill a month that has no claim yet: the practitioner named on the latest
 * accepted CCM (then PCM) consent dated by the month's end, else the practitioner of the
 * latest visit by then. Undefined when the record names nobody.
 */
export function responsiblePractitioner(
  patient: Patient,
  month: string,
  clinicians: ReadonlyMap<string, Clinician>,
): string | undefined {
  const end = lastDay(month);
  for (const program of ['ccm', 'pcm'] as const) {
    let chosen: { date: string; id: string } | undefined;
    for (const c of patient.consents) {
      if (c.program !== program || c.decision !== 'accepted' || c.date > end) continue;
      if (!chosen || c.date >= chosen.date) chosen = { date: c.date, id: c.practitionerId };
    }
    if (chosen) return chosen.id;
  }
  let visit: { date: string; id: string } | undefined;
  for (const e of patient.encounters) {
    if (e.kind !== 'visit' || e.date > end) continue;
    if (clinicians.get(e.clinicianId)?.role !== 'practitioner') continue;
    if (!visit || e.date >= visit.date) visit = { date: e.date, id: e.clinicianId };
  }
  return visit?.id;
}
