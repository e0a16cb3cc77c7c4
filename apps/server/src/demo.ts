import { randomBytes } from 'node:crypto';
import {
  createUser,
  importDataset,
  linkUserToClinician,
  setPasswordHash,
  withTenant,
  type Db,
} from '@chronicle/db';
import { generateDataset } from '@chronicle/synthetic';
import { sql } from 'kysely';
import { ROLES } from '@chronicle/api';
import { hashPassword } from './auth.js';

// On an empty database the server offers a demo organization, so that a new user sees a
// working product at once: a generated practice of synthetic patients, its name saying
// so, and one account per role. The passwords are random, made once, and given to the
// person who started the server (on standard error), never written to the log. The care
// manager and practitioner accounts are linked to clinicians of the practice.

export const DEMO_ORG = 'demo';

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
}

/** Creates the demo organization when the database holds no organization at all. */
export async function seedDemoIfEmpty(db: Db, now: Date): Promise<DemoAccount[] | undefined> {
  // Counted as the connection's role. A role under row-level security sees no
  // organization here (none is set), so such deployments, which are production ones,
  // turn the demo off with CHRONICLE_DEMO=0; the demo's own row is looked for as well, so
  // it is never made twice.
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from organizations`.execute(
    db,
  );
  if ((rows[0]?.n ?? 0) > 0) return undefined;
  const demo = await withTenant(db, DEMO_ORG, (trx) =>
    trx.selectFrom('organizations').select('id').where('id', '=', DEMO_ORG).executeTakeFirst(),
  );
  if (demo) return undefined;
  const year = now.getUTCFullYear();
  const dataset = generateDataset({
    seed: year,
    patients: 120,
    year,
    months: now.getUTCMonth() + 1,
  });
  dataset.practice.name = 'Demo Family Medicine (synthetic data)';
  await importDataset(db, { orgId: DEMO_ORG, actor: 'demo-setup', dataset });
  const accounts: DemoAccount[] = [];
  for (const role of ROLES) {
    const email = `${role}@demo.chronicle.invalid`;
    await createUser(
      db,
      DEMO_ORG,
      { id: role, email, displayName: `Demo ${role.replace('-', ' ')}`, role },
      'demo-setup',
    );
    const password = randomBytes(12).toString('base64url');
    await setPasswordHash(db, {
      orgId: DEMO_ORG,
      userId: role,
      passwordHash: await hashPassword(password),
      actor: 'demo-setup',
    });
    accounts.push({ role, email, password });
  }
  // The care manager and the practitioner are people of the practice, so that time can be
  // logged as them from the first sign-in; an admin changes the links in Administration.
  for (const [userId, clinicianRole] of [
    ['care-manager', 'clinical-staff'],
    ['practitioner', 'practitioner'],
  ] as const) {
    const clinician = dataset.clinicians.find((c) => c.role === clinicianRole);
    if (clinician)
      await linkUserToClinician(db, DEMO_ORG, 'demo-setup', {
        userId,
        practiceId: dataset.practice.id,
        clinicianId: clinician.id,
      });
  }
  return accounts;
}
