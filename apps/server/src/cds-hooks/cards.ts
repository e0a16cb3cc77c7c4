import type { Consent, Patient } from '@chronicle/dataset';
import type { PatientOverview } from '@chronicle/db';
import { chronicConditionsIn, type Blocker, type MonthCondition } from '@chronicle/rules';
import type { Card } from './schemas.js';

// The cards for a patient's chart, from what Chronicle knows of the patient this month:
// CCM eligibility by chronic conditions, enrollment and consent, the month's minutes
// against the next billing level, and one card per finding that blocks or warns. Each
// card's indicator follows its finding's severity: error is critical, warning is
// warning, the rest info. Cards go to the clinician viewing the chart; nothing here is
// logged.

export interface CardOptions {
  /** The source shown on every card. */
  source: Card['source'];
  /** A new unique id per card, for the client's feedback. */
  newId: () => string;
}

export function patientViewCards(overview: PatientOverview, options: CardOptions): Card[] {
  const card = (
    indicator: Card['indicator'],
    topic: string,
    summary: string,
    detail: string[],
  ): Card => ({
    uuid: options.newId(),
    summary: oneLine(summary),
    detail: detail.join('\n'),
    indicator,
    source: { ...options.source, topic: { system: TOPICS, code: topic, display: TOPIC[topic] } },
  });
  const { status } = overview;
  return [
    eligibilityCard(overview, card),
    enrollmentCard(overview, card),
    minutesCard(overview, card),
    ...status.blockers.map((b) => findingCard('critical', 'Blocks billing', b, card)),
    ...status.warnings.map((w) => findingCard('warning', 'Warning', w, card)),
  ];
}

type MakeCard = (
  indicator: Card['indicator'],
  topic: string,
  summary: string,
  detail: string[],
) => Card;

const TOPICS = 'urn:chronicle:cds-hooks:topic';
const TOPIC: Record<string, string> = {
  eligibility: 'CCM eligibility',
  enrollment: 'Enrollment and consent',
  minutes: 'Minutes this month',
  finding: 'Billing finding',
};

function eligibilityCard({ patient, month }: PatientOverview, card: MakeCard): Card {
  const chronic = chronicConditionsIn(patient, month);
  const when = monthLabel(month);
  const basis = [
    '',
    'CCM needs two or more chronic conditions expected to last at least 12 months (or until',
    'death) that put the patient at significant risk of death, acute decompensation or',
    'functional decline.',
  ];
  if (chronic.length >= 2)
    return card(
      'info',
      'eligibility',
      `Meets the CCM condition count: ${chronic.length} chronic conditions active in ${when}`,
      [`**Chronic conditions active in ${when}**`, '', ...chronic.map(conditionLine), ...basis],
    );
  return card(
    'warning',
    'eligibility',
    chronic.length === 1
      ? `One chronic condition active in ${when}: CCM needs two or more (PCM may fit)`
      : `No chronic condition active in ${when}: not eligible for CCM`,
    [
      ...(chronic.length === 1
        ? [`**Chronic condition active in ${when}**`, '', ...chronic.map(conditionLine)]
        : [`No condition on record in ${when} is classified as chronic.`]),
      ...basis,
    ],
  );
}

const BASIS: Record<MonthCondition['classification']['basis'], string> = {
  override: "the clinician's chronic flag",
  ccw: 'CMS Chronic Conditions Warehouse',
  cci: 'AHRQ Chronic Condition Indicator',
  'snomed-curated': "Chronicle's SNOMED CT list",
  none: 'no list',
};

function conditionLine({ condition, classification }: MonthCondition): string {
  const name = condition.display ? ` ${md(condition.display)}` : '';
  const category = classification.categoryName ? `, ${md(classification.categoryName)}` : '';
  return `- \`${condition.code.replace(/`/g, '')}\`${name} (${BASIS[classification.basis]}${category})`;
}

function enrollmentCard(
  { patient, today, month, enrollment }: PatientOverview,
  card: MakeCard,
): Card {
  const ccm = enrollment.find((e) => e.program === 'ccm');
  const consent = latestConsent(patient, 'ccm', today);
  const inForce =
    consent?.decision === 'accepted' &&
    (consent.revokedOn === undefined || consent.revokedOn > today);
  const consentText = !consent
    ? 'no CCM consent on record'
    : consent.decision === 'declined'
      ? `CCM declined on ${consent.date}`
      : inForce
        ? `CCM consent on ${consent.date} (${consent.method})`
        : `CCM consent revoked on ${consent.revokedOn}`;
  const statusText = ccm
    ? `${STATUS[ccm.status] ?? ccm.status} since ${ccm.effectiveOn}`
    : 'no CCM enrollment recorded';
  const enrolled = ccm?.status === 'enrolled';
  const indicator = enrolled && !inForce ? 'warning' : 'info';
  const summary =
    enrolled && !inForce
      ? `Enrolled in CCM without consent in force (${consentText}): record consent before billing`
      : `${capital(statusText)}; ${consentText}`;
  const rows = enrollment.map(
    (e) => `| ${e.program.toUpperCase()} | ${STATUS[e.status] ?? e.status} | ${e.effectiveOn} |`,
  );
  const consents = patient.consents
    .filter((c) => c.date <= today)
    .map(
      (c) =>
        `- ${c.program.toUpperCase()}: ${c.decision} on ${c.date} (${c.method})${c.revokedOn ? `, revoked on ${c.revokedOn}` : ''}`,
    );
  return card(indicator, 'enrollment', summary, [
    `**Enrollment** (as of ${today}, month ${month})`,
    '',
    ...(rows.length > 0
      ? ['| program | status | since |', '| --- | --- | --- |', ...rows]
      : ['No enrollment status recorded in Chronicle.']),
    '',
    '**Consents**',
    '',
    ...(consents.length > 0 ? consents : ['No consent on record.']),
  ]);
}

const STATUS: Record<string, string> = {
  candidate: 'CCM candidate',
  invited: 'Invited to CCM',
  enrolled: 'Enrolled in CCM',
  declined: 'Declined CCM',
  disenrolled: 'Disenrolled from CCM',
  'enrolled-elsewhere': 'Enrolled in CCM elsewhere',
};

function latestConsent(patient: Patient, program: Consent['program'], today: string) {
  let latest: Consent | undefined;
  for (const c of patient.consents)
    if (c.program === program && c.date <= today && (!latest || c.date >= latest.date)) latest = c;
  return latest;
}

function minutesCard({ month, status }: PatientOverview, card: MakeCard): Card {
  const { clinicalStaff, practitioner } = status.countableMinutes;
  const when = monthLabel(month);
  const billable = status.lines.map((l) => (l.units > 1 ? `${l.code} ×${l.units}` : l.code));
  const now =
    billable.length > 0
      ? `billable now: ${billable.join(', ')}`
      : status.blockers.length > 0
        ? 'nothing billable while blocked'
        : 'nothing billable yet';
  const next = status.next ? `; ${status.next.minutesNeeded} more min for ${status.next.code}` : '';
  return card(
    'info',
    'minutes',
    `${when}: ${clinicalStaff} min staff, ${practitioner} min practitioner; ${now}${next}`,
    [
      `**Countable minutes in ${when}**`,
      '',
      '| clinical staff | billing practitioner |',
      '| --- | --- |',
      `| ${clinicalStaff} | ${practitioner} |`,
      '',
      billable.length > 0
        ? `Billable now: ${status.lines.map((l) => `\`${l.code}\` × ${l.units}`).join(', ')}${status.dateOfService ? `, date of service ${status.dateOfService}` : ''}.`
        : `Nothing is billable now${status.blockers.length > 0 ? ` (${status.blockers.length} finding(s) block billing)` : ''}.`,
      '',
      status.next
        ? `Next level: \`${status.next.code}\` after ${status.next.minutesNeeded} more minute(s).`
        : 'No higher level to reach this month.',
    ],
  );
}

function findingCard(
  indicator: Card['indicator'],
  label: string,
  finding: Blocker,
  card: MakeCard,
): Card {
  return card(indicator, 'finding', `${label}: ${finding.message}`, [
    md(finding.message),
    '',
    `Rule \`${finding.ruleId}\` (Chronicle rule catalogue).`,
  ]);
}

/** A summary on one line, within the spec's 140 characters. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 140) return flat;
  const cut = flat.slice(0, 139);
  const space = cut.lastIndexOf(' ');
  return `${space > 100 ? cut.slice(0, space) : cut}…`;
}

/** Text from a record, safe inside Markdown. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]#|<>]/g, (c) => `\\${c}`);
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function monthLabel(month: string): string {
  return new Date(`${month}-01T12:00:00Z`).toLocaleString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
