// How deeply an input may nest. Reading a resource recurses (its schema follows nested
// extensions; a malformed one is copied and pruned), and so does unpacking bundles inside
// bundles: input nested thousands of levels deep would overflow the stack and end the
// whole import. Real resources nest about ten levels (the deepest of the published
// examples in fixtures/fhir: 9), so the bounds leave room to spare.

/** Levels of objects and arrays within one resource. */
export const MAX_RESOURCE_DEPTH = 64;
/** Bundles inside bundles. */
export const MAX_BUNDLE_DEPTH = 16;

/** True when the value nests objects or arrays more than `limit` levels deep. Iterative, for any depth. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
