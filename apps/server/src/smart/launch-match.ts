import {
  findPatientByMbi,
  matchOidcUser,
  type Db,
  type OidcMatch,
  type OidcRefusal,
} from '@chronicle/db';
import type { Logger } from 'pino';
import type { HttpErrorCode } from '../http-errors.js';
import type { SmartEhrConfig } from './ehr-config.js';
import type { SmartLaunchTokens } from './exchange.js';
import { describeFailure } from './failure-name.js';
import { readPatientMbis } from './fhir-patient.js';

// Who and what a verified launch is about, in Chronicle's terms: the EHR user is the
// Chronicle user single sign-on would find (matchOidcUser: linked, else by verified email,
// only a user an admin created), and the patient in context is the one Chronicle patient
// of the EHR's organization (or practice) with the MBI the EHR's FHIR Patient carries.
// The user is matched first, so that the patient is read from the EHR, and looked up in
// Chronicle, only for someone who may sign in.

export type LaunchMatch =
  | { ok: true; user: Extract<OidcMatch, { ok: true }>; practiceId: string; patientId: string }
  | { ok: false; code: HttpErrorCode; path: string; message: string; reason: string };

export async function matchLaunch(
  db: Db,
  log: Logger,
  ehr: SmartEhrConfig,
  tokens: SmartLaunchTokens,
): Promise<LaunchMatch> {
  const organization = ehr.organization;
  const user = await matchOidcUser(db, organization, tokens.identity);
  if (!user.ok)
    return {
      ok: false,
      code: 'FORBIDDEN',
      path: '',
      message: USER_REFUSALS[user.refusal],
      reason: user.refusal,
    };
  const mbis = await readPatientMbis(ehr.issuer, tokens.patient, tokens.accessToken).catch(
    (failure: unknown) => {
      log.warn(
        { event: 'smart patient read failed', organization, error: describeFailure(failure) },
        'smart patient read failed',
      );
      return undefined;
    },
  );
  if (!mbis)
    return {
      ok: false,
      code: 'BAD_GATEWAY',
      path: 'patient',
      message: 'the patient in context could not be read from the EHR',
      reason: 'patient-unreadable',
    };
  const found = await findPatientByMbi(db, organization, user.userId, {
    mbis,
    practiceId: ehr.practice,
  });
  if (found.found === 'one')
    return { ok: true, user, practiceId: found.practiceId, patientId: found.patientId };
  const why = mbis.length === 0 ? 'no-mbi' : found.found;
  return {
    ok: false,
    code: why === 'several' ? 'CONFLICT' : 'NOT_FOUND',
    path: 'patient',
    message: PATIENT_REFUSALS[why],
    reason: `patient-${why}`,
  };
}

/** When the EHR user reaches no Chronicle user (matchOidcUser's refusals). */
const USER_REFUSALS = {
  'email-unverified':
    'no Chronicle user is linked to this EHR user, and the EHR has not verified their email',
  'unknown-user': 'no Chronicle user of this organization is this EHR user or has their email',
  'linked-elsewhere': 'the Chronicle user with this email is linked to another EHR user',
  disabled: 'this Chronicle user is disabled',
} satisfies Record<OidcRefusal, string>;

/** When the EHR's patient in context is no one Chronicle knows. */
const PATIENT_REFUSALS = {
  'no-mbi': 'the EHR gives no Medicare Beneficiary Identifier (MBI) for the patient in context',
  none: 'no Chronicle patient of this organization has the patient’s MBI',
  several: 'more than one Chronicle patient of this organization has the patient’s MBI',
} as const;
