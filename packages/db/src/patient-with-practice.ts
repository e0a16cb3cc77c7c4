import type { Patient, Practice } from '@chronicle/dataset';
import { loadPractice } from './import-export.js';
import { readWholePatient } from './patients.js';
import { withTenant, type Db } from './tenant.js';

// One patient's whole record with their practice's, in the dataset's shapes, read in one
// transaction: what a plugin's console panel is computed from on the server. It is what
// patients.get already gives the caller (the practice's setting and capabilities are not
// patient data), and the read goes to the log as that read does.

export async function getPatientWithPractice(
  db: Db,
  orgId: string,
  actor: string,
  input: { practiceId: string; patientId: string },
): Promise<{ practice: Practice; patient: Patient } | undefined> {
  return withTenant(db, orgId, async (trx) => {
    const stored = await loadPractice(trx, orgId, input.practiceId);
    if (!stored) return undefined;
    const patient = await readWholePatient(trx, orgId, actor, input);
    return patient && { practice: stored.practice, patient };
  });
}
