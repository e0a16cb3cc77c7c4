import type { Clinician, Practice } from '@chronicle/dataset';
import { npi, personName } from './identities.js';
import type { Random } from './random.js';

// Who works at the synthetic practice. It grows with the panel, as a real one must: a
// care manager handles about 120 CCM patients and a practitioner about 400, so that the
// booked minutes fit in their days.

export interface Roster {
  clinicians: Clinician[];
  practitioners: string[];
  staff: string[];
  nonClinical: string;
  /** Each clinician's position, for the schedule's cursors. */
  index: Map<string, number>;
}

export function roster(r: Random, patients: number): Roster {
  const clinicians: Clinician[] = [];
  const practitioners: string[] = [];
  const staff: string[] = [];
  const practitionerCount = Math.max(3, Math.ceil(patients / 400));
  for (let i = 1; i <= practitionerCount; i++) {
    const credential = i % 3 === 0 ? 'NP' : 'MD';
    const { given, family } = personName(r);
    const name = credential === 'MD' ? `Dr. ${given} ${family}` : `${given} ${family}, NP`;
    clinicians.push({ id: `c-pr${i}`, name, npi: npi(r), credential, role: 'practitioner' });
    practitioners.push(`c-pr${i}`);
  }
  for (let i = 1; i <= Math.max(3, Math.ceil(patients / 120)); i++) {
    const { given, family } = personName(r);
    const credential = i % 3 === 2 ? 'MA' : 'RN';
    clinicians.push({
      id: `c-st${i}`,
      name: `${given} ${family}`,
      credential,
      role: 'clinical-staff',
    });
    staff.push(`c-st${i}`);
  }
  const front = personName(r);
  clinicians.push({
    id: 'c-fd1',
    name: `${front.given} ${front.family} (front desk)`,
    credential: 'non-clinical',
    role: 'non-clinical-staff',
  });
  const index = new Map(clinicians.map((c, i) => [c.id, i]));
  return { clinicians, practitioners, staff, nonClinical: 'c-fd1', index };
}

export function practice(year: number, timezone: string): Practice {
  return {
    id: 'demo-practice',
    name: 'Chronicle Demo Clinic (synthetic)',
    timezone,
    setting: 'office',
    capabilities: {
      certifiedEhr: true,
      access24x7: true,
      continuityOfCare: true,
      enhancedCommunication: true,
      careTransitions: true,
      attestedOn: `${year - 1}-12-31`,
    },
  };
}
