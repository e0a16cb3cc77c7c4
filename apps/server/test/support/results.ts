import type { Response } from 'supertest';

// What a tRPC call answered: the data of a success (anything else fails the test with the
// status and body), or the parts of a refusal the tests compare.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data read loosely, checked by expect
export function ok<T = any>(res: Response): T {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${res.text}`);
  return (res.body as { result: { data: T } }).result.data;
}

export interface Refusal {
  status: number;
  code: string | undefined;
  problems: Array<{ path: string; message: string }>;
}

export function refusal(res: Response): Refusal {
  const error = (
    res.body as { error?: { data?: { code?: string; problems?: Refusal['problems'] } } }
  ).error;
  return { status: res.status, code: error?.data?.code, problems: error?.data?.problems ?? [] };
}
