import { pino, type Logger } from 'pino';

// Structured logs (pino, one JSON object a line). Patient data never belongs in a log:
// request bodies and query strings are not logged at all (tRPC queries carry their input
// in the URL, and a search may be a name), and the headers and fields that could carry
// credentials or patient data are censored should anything pass them to the logger.

export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.name',
  '*.given',
  '*.family',
  '*.mbi',
  '*.birthDate',
  '*.email',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'chronicle' },
    },
    destination as pino.DestinationStream | undefined,
  );
}

/** The path of a URL without its query string, which may hold patient data. */
export function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0] as string;
}
