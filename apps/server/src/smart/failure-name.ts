import { SmartTokenError } from './exchange.js';
import { FhirReadError } from './fhir-patient.js';
import { SmartConfigurationError } from './smart-configuration.js';

/**
 * A failure as a log line may carry it: its name and code, and the message only of the
 * launch's own errors, whose messages are written here and quote nothing received (an
 * openid-client message may quote a token's claims, a fetch error the EHR's answer).
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const own =
    error instanceof SmartConfigurationError ||
    error instanceof SmartTokenError ||
    error instanceof FhirReadError;
  return [
    error.name,
    (error as { code?: unknown }).code,
    (error as { error?: unknown }).error,
    own ? error.message : undefined,
  ]
    .filter((part) => typeof part === 'string')
    .join(' ');
}
