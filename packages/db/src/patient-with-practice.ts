import type { Patient, Practice } from '@chronicle/dataset';
import { appendActivity } from './activity-log.js';
import { loadPatient, loadPractice } from './import-export.js';
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
  const { practiceId, patientId } = input;
  return withTenant(db, orgId, async (trx) => {
    const stored = await loadPractice(trx, orgId, practiceId);
    if (!stored) return undefined;
    const patient = await loadPatient(trx, orgId, practiceId, patientId);
    if (!patient) return undefined;
    await appendActivity(trx, orgId, [
      {
        actor,
        action: 'read',
        recordType: 'patient',
        recordId: `${practiceId}/${patientId}`,
        fields: ['*'],
      },
    ]);
    return { practice: stored.practice, patient };
  });
}
