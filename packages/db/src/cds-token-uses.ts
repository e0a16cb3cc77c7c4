import { createHash } from 'node:crypto';
import { withTenant, type Db } from './tenant.js';

// The CDS Clients' bearer tokens already used (see the migration 2026-11-29T13-00): each
// call must bring a token never seen before, whichever server process saw it.

export type TokenUse = 'first' | 'replayed' | 'no-organization';

/**
 * Records a token's use, unless it was used before: `replayed` then, and nothing is
 * written. Sweeps the organization's tokens that have expired. `no-organization` when the
 * organization is not stored (there is nothing of it to read, and nothing is kept).
 */
export async function recordCdsTokenUse(
  db: Db,
  input: { orgId: string; issuer: string; jti: string; expiresAt: Date },
  now: Date,
): Promise<TokenUse> {
  const { orgId } = input;
  const tokenHash = createHash('sha256')
    .update(JSON.stringify([input.issuer, input.jti]))
    .digest('hex');
  return withTenant(db, orgId, async (trx) => {
    const org = await trx
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (!org) return 'no-organization';
    await trx
      .deleteFrom('cds_token_uses')
      .where('org_id', '=', orgId)
      .where('expires_at', '<=', now)
      .execute();
    // A token two processes see at once is inserted by one of them only.
    const inserted = await trx
      .insertInto('cds_token_uses')
      .values({ org_id: orgId, token_hash: tokenHash, expires_at: input.expiresAt.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .returning('token_hash')
      .executeTakeFirst();
    return inserted ? 'first' : 'replayed';
  });
}
