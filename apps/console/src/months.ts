/**
 * The month (YYYY-MM) an instant falls in for a practice: months are the practice's, in
 * its time zone, as the server and the rules count them, whatever zone the browser is in.
 */
export function practiceMonth(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}
