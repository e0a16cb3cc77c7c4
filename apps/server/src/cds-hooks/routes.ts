import { randomUUID } from 'node:crypto';
import { patientOverview, recordCdsTokenUse, type Db } from '@chronicle/db';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Env } from '../env.js';
import { CdsAuthError, createCdsAuthenticator, type CdsCaller } from './authenticate.js';
import { patientViewCards } from './cards.js';
import { patientViewRequestSchema, type CdsResponse, type Discovery } from './schemas.js';

// Chronicle as a CDS Service (CDS Hooks 2.0): the discovery document at /cds-services and
// one service for the `patient-view` hook, answering with cards about the patient in
// context. Every call needs a CDS Client's signed JWT (authenticate.ts). Answers are JSON,
// errors included; nothing that identifies the patient is logged (not the patient id of
// the context, which may be an MRN, and no card).

export const PATIENT_VIEW_SERVICE = 'chronicle-ccm-patient-view';

export const DISCOVERY: Discovery = {
  services: [
    {
      hook: 'patient-view',
      id: PATIENT_VIEW_SERVICE,
      title: 'Chronicle CCM status',
      description:
        "The patient's Chronic Care Management status in Chronicle: eligibility by chronic " +
        "conditions, enrollment and consent, this month's countable minutes against the next " +
        'billing level, and what blocks billing.',
    },
  ],
};

const SOURCE_LABEL = 'Chronicle CCM';

export interface CdsHooksOptions {
  db: Db;
  env: Env;
  now: () => Date;
}

export function cdsHooksRoutes({ db, env, now }: CdsHooksOptions): Router {
  const routes = Router();
  const authenticate = createCdsAuthenticator(env.CDS_HOOKS_CLIENTS);
  const base = `${env.PUBLIC_URL ?? ''}/cds-services`;

  /** Lets through only a configured client's valid JWT for this audience; 401 otherwise. */
  const requireClient =
    (audience: string) => async (req: Request, res: Response, next: NextFunction) => {
      try {
        if (env.CDS_HOOKS_CLIENTS.length === 0)
          throw new CdsAuthError('no CDS client is configured on this server');
        const at = now();
        const caller = await authenticate(req.headers.authorization, audience, at);
        const use = await recordCdsTokenUse(
          db,
          {
            orgId: caller.client.organization,
            issuer: caller.client.issuer,
            jti: caller.jti,
            expiresAt: caller.acceptableUntil,
          },
          at,
        );
        if (use === 'replayed')
          throw new CdsAuthError(
            'the token was used before: each call needs a new JWT with its own "jti"',
          );
        res.locals.cdsCaller = caller;
        next();
      } catch (error) {
        if (!(error instanceof CdsAuthError)) throw error;
        req.log.warn({ event: 'cds-hooks.refused', reason: error.message }, 'CDS call refused');
        res
          .status(401)
          .set('WWW-Authenticate', 'Bearer error="invalid_token"')
          .json(failure('UNAUTHORIZED', [{ path: 'Authorization', message: error.message }]));
      }
    };

  routes.get('/cds-services', requireClient(base), (_req, res) => {
    res.json(DISCOVERY);
  });

  // The body is read only once the caller is known.
  const json = express.json({ limit: env.BODY_LIMIT });
  const service = `${base}/${PATIENT_VIEW_SERVICE}`;
  routes.post(
    `/cds-services/${PATIENT_VIEW_SERVICE}`,
    requireClient(service),
    json,
    async (req, res) => {
      const caller = res.locals.cdsCaller as CdsCaller;
      const parsed = patientViewRequestSchema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json(
          failure(
            'BAD_REQUEST',
            parsed.error.issues.map((i) => ({
              path: i.path.map(String).join('.') || '(body)',
              message: i.message,
            })),
          ),
        );
        return;
      }
      const { client } = caller;
      const { context, hookInstance } = parsed.data;
      const result = await patientOverview(
        db,
        client.organization,
        `cds-hooks ${client.issuer} ${context.userId}`.slice(0, 500),
        {
          practiceId: client.practice,
          by: client.patientIdentifier,
          value: context.patientId,
          at: now(),
        },
      );
      const by = client.patientIdentifier === 'mrn' ? 'MRN' : 'patient id';
      if (result.found !== 'one') {
        // The id is not echoed: it may be an MRN.
        const several = result.found === 'several';
        req.log.info(
          {
            event: 'cds-hooks.patient-view',
            client: client.issuer,
            hookInstance,
            found: result.found,
          },
          'CDS call for a patient not found',
        );
        res.status(several ? 409 : 404).json(
          failure(several ? 'CONFLICT' : 'NOT_FOUND', [
            {
              path: 'context.patientId',
              message: several
                ? `more than one patient of the practice has this ${by}`
                : `no patient of the practice has this ${by}`,
            },
          ]),
        );
        return;
      }
      const body: CdsResponse = {
        cards: patientViewCards(result.overview, {
          source: { label: SOURCE_LABEL, ...(env.PUBLIC_URL ? { url: env.PUBLIC_URL } : {}) },
          newId: randomUUID,
        }),
      };
      req.log.info(
        {
          event: 'cds-hooks.patient-view',
          client: client.issuer,
          hookInstance,
          cards: body.cards.map((c) => c.indicator),
        },
        'CDS cards sent',
      );
      res.json(body);
    },
  );

  routes.all(`/cds-services/${PATIENT_VIEW_SERVICE}`, (_req, res) => {
    res
      .status(405)
      .set('Allow', 'POST')
      .json(failure('METHOD_NOT_SUPPORTED', [{ path: '', message: 'call the service with POST' }]));
  });
  routes.use('/cds-services', (_req, res) => {
    res.status(404).json(failure('NOT_FOUND', [{ path: '', message: 'no such CDS service' }]));
  });
  return routes;
}

/** The server's error shape (as auth.ts answers), with every problem named. */
function failure(code: string, problems: Array<{ path: string; message: string }>) {
  return {
    error: {
      code,
      message: problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n'),
      problems,
    },
  };
}
