// What an import made of its input, resource by resource: used (something of it is in
// the dataset), skipped (a type or a resource Chronicle has no use for, never an error),
// or rejected (malformed, or lacking what the record needs). Problems name the resource
// and the element, never its content: a report may be shown or logged, and the values
// are patient data.

export interface FhirProblem {
  resourceType: string;
  id?: string;
  /** `Condition/abc.code.coding[0].system`, or `Condition.ndjson line 3` for unreadable input. */
  location: string;
  message: string;
}

export interface FhirImportReport {
  /** Resources read, bundles unpacked (a bundle itself is not counted). */
  resources: number;
  used: Record<string, number>;
  /** Resource type -> reason -> count. */
  skipped: Record<string, Record<string, number>>;
  rejected: Record<string, number>;
  problems: FhirProblem[];
}

export function formatFhirProblem(problem: FhirProblem): string {
  return `${problem.location}: ${problem.message}`;
}

/** A resource as the report names it. */
export interface Subject {
  resourceType: string;
  id?: string | undefined;
}

type Outcome = { kind: 'used' } | { kind: 'skipped'; reason: string } | { kind: 'rejected' };

/** Collects the outcome of every resource; the last word on a resource wins, except that a rejection stands. */
export class ReportCollector {
  private readonly outcomes = new Map<Subject, Outcome>();
  private readonly problems: FhirProblem[] = [];
  /** Resources with a problem: one that is then not used counts as rejected, not skipped. */
  private readonly troubled = new Set<Subject>();

  /** A problem about input that is not a resource (a line of NDJSON that is not JSON). */
  unreadable(resourceType: string, location: string, message: string): void {
    this.problems.push({ resourceType, location, message });
  }

  seen(subject: Subject): void {
    if (!this.outcomes.has(subject)) this.outcomes.set(subject, { kind: 'skipped', reason: '' });
  }

  use(subject: Subject): void {
    if (this.outcomes.get(subject)?.kind !== 'rejected')
      this.outcomes.set(subject, { kind: 'used' });
  }

  skip(subject: Subject, reason: string): void {
    const now = this.outcomes.get(subject)?.kind;
    if (now !== 'rejected' && now !== 'used')
      this.outcomes.set(subject, { kind: 'skipped', reason });
  }

  /** A problem that keeps the resource (or the part of it named) out of the dataset. */
  reject(subject: Subject, path: string, message: string): void {
    this.outcomes.set(subject, { kind: 'rejected' });
    this.problem(subject, path, message);
  }

  /** A problem the import worked around; the resource is still used. */
  problem(subject: Subject, path: string, message: string): void {
    this.troubled.add(subject);
    this.problems.push({
      resourceType: subject.resourceType,
      ...(subject.id === undefined ? {} : { id: subject.id }),
      location: locate(subject, path),
      message,
    });
  }

  finish(): FhirImportReport {
    const report: FhirImportReport = {
      resources: this.outcomes.size,
      // Counted in objects without a prototype: a resourceType is input, and "__proto__"
      // must count like any other name.
      used: Object.create(null) as Record<string, number>,
      skipped: Object.create(null) as Record<string, Record<string, number>>,
      rejected: Object.create(null) as Record<string, number>,
      problems: this.problems,
    };
    for (const [subject, outcome] of this.outcomes) {
      const type = subject.resourceType;
      if (outcome.kind === 'used') report.used[type] = (report.used[type] ?? 0) + 1;
      else if (outcome.kind === 'rejected' || this.troubled.has(subject))
        report.rejected[type] = (report.rejected[type] ?? 0) + 1;
      else {
        const reasons = (report.skipped[type] ??= {});
        const reason = outcome.reason || 'not used by Chronicle';
        reasons[reason] = (reasons[reason] ?? 0) + 1;
      }
    }
    report.used = sortKeys(report.used);
    report.rejected = sortKeys(report.rejected);
    report.skipped = sortKeys(report.skipped);
    return report;
  }
}

export function locate(subject: Subject, path: string): string {
  const head = `${subject.resourceType}/${subject.id ?? '(no id)'}`;
  if (path === '') return head;
  return path.startsWith('[') ? `${head}${path}` : `${head}.${path}`;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}
