/** Epoch milliseconds of a validated RFC 3339 instant. */
export function parseInstantMs(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${instant}`);
  return ms;
}
