import { useQueryClient } from '@tanstack/react-query';
import { useTRPC, type ApiInputs, type ApiOutputs } from '../api.js';

// What the time log's pieces share: the kinds of service time is recorded for, the types
// of the month's answer, and what a write of time makes out of date.

export type TimeMonth = ApiOutputs['time']['list'];
export type TimeRow = TimeMonth['entries'][number];
export type Service = ApiInputs['time']['add']['service'];
export type Mdm = NonNullable<ApiInputs['time']['add']['mdm']>;

const SERVICE_LABELS: Record<Service, string> = {
  ccm: 'CCM',
  pcm: 'PCM',
  bhi: 'BHI',
  rpm: 'RPM',
  tcm: 'TCM',
  apcm: 'APCM',
  'g0506-planning': 'G0506 care planning',
  other: 'Other',
};
export const SERVICES = (Object.keys(SERVICE_LABELS) as Service[]).map((id) => ({
  id,
  label: SERVICE_LABELS[id],
}));
export const serviceLabel = (service: Service) => SERVICE_LABELS[service];

const MDM_LABELS: Record<Mdm, string> = {
  straightforward: 'Straightforward',
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
};
export const MDM_LEVELS = (Object.keys(MDM_LABELS) as Mdm[]).map((id) => ({
  id,
  label: MDM_LABELS[id],
}));

/**
 * After time is written: the month's entries and timer, every month status (this month's
 * row of the history) and the worklist's pages (their minutes and billable codes) are out
 * of date.
 */
export function useTimeWritten(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.time.list.pathFilter()),
      queryClient.invalidateQueries(trpc.months.status.pathFilter()),
      queryClient.invalidateQueries(trpc.patients.list.pathFilter()),
    ]);
  };
}
