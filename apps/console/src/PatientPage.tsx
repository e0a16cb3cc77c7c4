import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTRPC } from './api.js';
import { CarePlan } from './patient/CarePlan.js';
import { Conditions } from './patient/Conditions.js';
import { Consent } from './patient/Consent.js';
import { Enrollment } from './patient/Enrollment.js';
import { MonthHistory } from './patient/MonthHistory.js';
import { TimeLog } from './patient/TimeLog.js';
import { PatientPluginPanels } from './plugins/PluginPanels.js';
import { Loading, Problem } from './ui.js';

// One patient: who they are, and each part of their care-management record as a section
// of its own (its own reads, its own forms), in the order a care manager works through
// them; last, what the organization's plugins show about the patient, if anything.

const route = getRouteApi('/patients/$practiceId/$patientId');

export function PatientPage() {
  const { practiceId, patientId } = route.useParams();
  const trpc = useTRPC();
  const found = useQuery(trpc.patients.get.queryOptions({ practiceId, patientId }));
  if (found.isPending) return <Loading>Loading the patient…</Loading>;
  if (found.isError) return <Problem error={found.error} />;
  const { patient } = found.data;
  return (
    <article className="patient" aria-labelledby="patient-title">
      <p>
        <Link to="/">← Patients</Link>
      </p>
      <h1 id="patient-title" data-testid="patient-name">
        {patient.name.family}, {patient.name.given}
      </h1>
      <dl className="facts">
        <dt>MRN</dt>
        <dd data-testid="patient-mrn">{patient.mrn}</dd>
        <dt>Birth date</dt>
        <dd>{patient.birthDate}</dd>
        <dt>Patient id</dt>
        <dd>{patient.id}</dd>
      </dl>
      <Conditions practiceId={practiceId} patientId={patientId} />
      <Enrollment practiceId={practiceId} patientId={patientId} />
      <Consent practiceId={practiceId} patientId={patientId} />
      <CarePlan practiceId={practiceId} patientId={patientId} />
      <TimeLog practiceId={practiceId} patientId={patientId} />
      <MonthHistory practiceId={practiceId} patientId={patientId} />
      <PatientPluginPanels practiceId={practiceId} patientId={patientId} />
    </article>
  );
}
