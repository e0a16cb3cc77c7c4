import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { ApiOutputs } from '../api.js';

// One finding's evidence, opened from its row: the patient (by id), the month, the rule
// and what the finding cites (record ids, dates, minutes), exactly as the finding holds it
// and nothing more: no name or other detail is looked up to go with it.

type Finding = ApiOutputs['audits']['findings']['rows'][number];

/** `consentsForOtherPractitioners` → "Consents for other practitioners". */
function fieldLabel(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function EvidenceValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <>none</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <>none</>;
    if (value.every((v) => v === null || typeof v !== 'object'))
      return <>{value.map((v) => String(v)).join(', ')}</>;
    return (
      <ul className="evidence-list">
        {value.map((v, i) => (
          <li key={i}>
            <EvidenceValue value={v} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object')
    return <EvidenceFields evidence={value as Record<string, unknown>} />;
  return <>{String(value)}</>;
}

function EvidenceFields({ evidence }: { evidence: Record<string, unknown> }) {
  const entries = Object.entries(evidence).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p>The finding cites no records beyond its message.</p>;
  return (
    <dl className="facts evidence">
      {entries.map(([key, value]) => (
        <div key={key} className="evidence-field" data-testid="evidence-field">
          <dt>{fieldLabel(key)}</dt>
          <dd>
            <EvidenceValue value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function EvidenceDialog({ finding }: { finding: Finding }) {
  return (
    <DialogTrigger>
      <Button className="button" aria-label={`Evidence for ${finding.patientId}, ${finding.month}`}>
        Evidence
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="evidence-dialog" data-testid="evidence-dialog">
            {({ close }) => (
              <>
                <Heading slot="title">
                  {finding.ruleId} · {finding.patientId} · {finding.month}
                </Heading>
                <dl className="facts">
                  <dt>Patient id</dt>
                  <dd data-testid="evidence-patient">{finding.patientId}</dd>
                  <dt>Month</dt>
                  <dd data-testid="evidence-month">{finding.month}</dd>
                  <dt>Billing practitioner</dt>
                  <dd>{finding.billingPractitionerId ?? 'none'}</dd>
                  <dt>Severity</dt>
                  <dd>{finding.severity}</dd>
                  <dt>Finding</dt>
                  <dd>{finding.message}</dd>
                </dl>
                <h3>What the finding cites</h3>
                <EvidenceFields evidence={finding.evidence} />
                <Button className="button" onPress={close} autoFocus>
                  Close
                </Button>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
