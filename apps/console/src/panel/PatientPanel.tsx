import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTRPC, type ApiOutputs } from '../api.js';
import { practiceMonth } from '../months.js';
import { usePracticeToday } from '../patient/shared.js';
import { useSession } from '../session.js';
import { Loading, Problem } from '../ui.js';

// The patient panel an EHR opens beside its chart (SMART EHR launch, docs/admin/smart-launch.md):
// one patient at a glance, without the console's navigation. Who the patient is, this
// month's countable minutes, what is billable now and what becomes billable next, what
// blocks billing, and the standing of the CCM consent and the care plan. It reads what the
// patient page reads (patients.get, months.status, consents.list, carePlans.list) and
// links to that page for anything to change.

const route = getRouteApi('/panel/patients/$practiceId/$patientId');

type Status = ApiOutputs['months']['status'];
type StoredConsent = ApiOutputs['consents']['list'][number];
type StoredPlan = ApiOutputs['carePlans']['list'][number];

/** Minutes to a tenth: a timed entry counts to the second. */
const minutes = (value: number) => Math.round(value * 10) / 10;

function billableNow(status: Status): string {
  const codes = status.lines.map((l) => `${l.code}${l.units > 1 ? ` ×${l.units}` : ''}`);
  if (codes.length > 0) return codes.join(', ');
  return status.blockers.length > 0 ? 'nothing while blocked' : 'nothing yet';
}

/** The CCM consent as it stands today: the latest one dated by today. */
function consentText(consents: StoredConsent[], today: string): string {
  const ccm = consents
    .map((s) => s.record)
    .filter((c) => c.program === 'ccm' && c.date <= today)
    .sort((a, b) => a.date.localeCompare(b.date));
  const latest = ccm.at(-1);
  if (!latest) return 'no CCM consent recorded';
  if (latest.decision === 'declined') return `declined on ${latest.date}`;
  if (latest.revokedOn !== undefined && latest.revokedOn <= today)
    return `revoked on ${latest.revokedOn}`;
  return `in force since ${latest.date} (${latest.method})`;
}

function carePlanText(plans: StoredPlan[]): string {
  const events = plans.map((s) => s.record).sort((a, b) => a.date.localeCompare(b.date));
  const latest = events.at(-1);
  if (!latest) return 'no care plan recorded';
  const shared = events.filter((e) => e.sharedWithPatient).at(-1)?.sharedWithPatient;
  return `${latest.event} on ${latest.date}; ${
    shared ? `shared with the patient on ${shared.date}` : 'not shared with the patient'
  }`;
}

export function PatientPanel() {
  const { practiceId, patientId } = route.useParams();
  const trpc = useTRPC();
  const { practices } = useSession();
  const today = usePracticeToday(practiceId);
  const month = practiceMonth(practices.find((p) => p.id === practiceId)?.timezone ?? 'UTC');
  const ref = { practiceId, patientId };
  const found = useQuery(trpc.patients.get.queryOptions(ref));
  const status = useQuery(trpc.months.status.queryOptions({ ...ref, month }));
  const consents = useQuery(trpc.consents.list.queryOptions(ref));
  const plans = useQuery(trpc.carePlans.list.queryOptions(ref));
  if (found.isPending) return <Loading>Loading the patient…</Loading>;
  if (found.isError) return <Problem error={found.error} />;
  const { patient } = found.data;
  const failed = [status, consents, plans].find((q) => q.isError);
  return (
    <article className="patient-panel" aria-labelledby="panel-title">
      <h1 id="panel-title" data-testid="panel-patient-name">
        {patient.name.family}, {patient.name.given}
      </h1>
      <p className="panel-ids">
        MRN <span data-testid="panel-patient-mrn">{patient.mrn}</span>
      </p>
      {failed ? <Problem error={failed.error} /> : null}
      <dl className="facts" data-testid="panel-facts">
        <dt>Minutes in {month}</dt>
        <dd data-testid="panel-minutes">
          {status.data
            ? `${minutes(status.data.countableMinutes.clinicalStaff)} clinical staff, ${minutes(status.data.countableMinutes.practitioner)} practitioner`
            : '…'}
        </dd>
        <dt>Billable now</dt>
        <dd data-testid="panel-billable">{status.data ? billableNow(status.data) : '…'}</dd>
        <dt>Next</dt>
        <dd data-testid="panel-next">
          {!status.data
            ? '…'
            : status.data.next
              ? `${status.data.next.code} after ${minutes(status.data.next.minutesNeeded)} more minutes`
              : 'no higher level this month'}
        </dd>
        <dt>CCM consent</dt>
        <dd data-testid="panel-consent">
          {consents.data ? consentText(consents.data, today) : '…'}
        </dd>
        <dt>Care plan</dt>
        <dd data-testid="panel-care-plan">{plans.data ? carePlanText(plans.data) : '…'}</dd>
      </dl>
      {status.data && status.data.blockers.length > 0 ? (
        <section aria-labelledby="panel-blockers-title">
          <h2 id="panel-blockers-title">Blocks billing</h2>
          <ul className="findings" data-testid="panel-blockers">
            {status.data.blockers.map((b) => (
              <li key={b.ruleId}>
                <strong>{b.ruleId}</strong>: {b.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link
          to="/patients/$practiceId/$patientId"
          params={{ practiceId, patientId }}
          data-testid="panel-full-record"
        >
          Open the full record
        </Link>
      </p>
    </article>
  );
}
