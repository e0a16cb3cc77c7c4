// The care manager the API and console benchmarks sign in as, in their organization.
import { createUser, setPasswordHash, type Db } from '@chronicle/db';
import { hashPassword } from '@chronicle/server';

export const ORG = 'bench';
export const USER = 'care-manager';
export const EMAIL = 'care-manager@bench.test';
export const PASSWORD = 'bench password, not a secret';

/** Adds the care manager to the organization (once: a second call is refused). */
export async function createCareManager(db: Db): Promise<void> {
  await createUser(
    db,
    ORG,
    { id: USER, email: EMAIL, displayName: 'Bench care manager', role: 'care-manager' },
    'bench',
  );
}

/** Gives the care manager PASSWORD, which also ends its sessions of an earlier run. */
export async function setCareManagerPassword(db: Db): Promise<void> {
  await setPasswordHash(db, {
    orgId: ORG,
    userId: USER,
    passwordHash: await hashPassword(PASSWORD),
    actor: 'bench',
  });
}
