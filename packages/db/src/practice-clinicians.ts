import type { Clinician } from '@chronicle/dataset';
import { loadPractice } from './import-export.js';
import { withTenant, type Db } from './tenant.js';

// A practice's clinicians as the dataset lists them (name, credential, role), for choosing
// who obtained a consent, the billing practitioner it names, or who wrote a care-plan
// event. They are the practice's staff, not patient data: the read is not logged.

/** The practice's clinicians in list order; none when there is no such practice. */
export async function listPracticeClinicians(
  db: Db,
  orgId: string,
  practiceId: string,
): Promise<Clinician[]> {
  return withTenant(
    db,
    orgId,
    async (trx) => (await loadPractice(trx, orgId, practiceId))?.clinicians ?? [],
  );
}
