// Calendar days as the practice counts them (YYYY-MM-DD in its time zone), and the month
// arithmetic the capability attestation is judged by: the audit takes an attestation as
// current for 12 months from its date (PRACTICE-CAPABILITY-UNATTESTED).

/** Today (YYYY-MM-DD) on the practice's calendar, whatever zone the browser is in. */
export function practiceToday(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The same day `months` later (or earlier), the last day of a shorter month when needed. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}
