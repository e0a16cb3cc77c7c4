/**
 * Sorts in place, stably. Data logged in time order is in order or nearly (a month's
 * entries logged by two people are two runs): an insertion sort puts it in order with a
 * few moves and without the copy Array.prototype.sort makes. Past a budget of moves the
 * rest goes to Array.prototype.sort; both sorts are stable, so the result is the same.
 */
export function sortIfNeeded<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  let budget = 8 * items.length + 64;
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as T;
    if (compare(items[i - 1] as T, item) <= 0) continue;
    let j = i - 1;
    while (j >= 0 && compare(items[j] as T, item) > 0) {
      items[j + 1] = items[j] as T;
      j--;
    }
    items[j + 1] = item;
    budget -= i - j;
    if (budget < 0) return items.sort(compare);
  }
  return items;
}

/** Ordinal string order: fast, and the same on every machine and locale (unlike localeCompare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
