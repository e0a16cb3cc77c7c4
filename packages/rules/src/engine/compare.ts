/**
 * Sorts in place unless the array is already in order: the common case for data logged
 * in time order, and a check costs far less than the copy Array.prototype.sort makes.
 */
export function sortIfNeeded<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++) {
    if (compare(items[i - 1] as T, items[i] as T) > 0) return items.sort(compare);
  }
  return items;
}

/** Ordinal string order: fast, and the same on every machine and locale (unlike localeCompare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
