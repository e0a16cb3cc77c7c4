import type { ApiOutputs } from '../api.js';

// A corrective-action item as the server answers it, and its statuses in words.

export type CorrectiveAction = ApiOutputs['correctiveActions']['list'][number];
export type CorrectiveActionStatus = CorrectiveAction['status'];

export const STATUS_LABELS: Record<CorrectiveActionStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  verified: 'Verified',
};

export const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as CorrectiveActionStatus[]).map(
  (id) => ({ id, label: STATUS_LABELS[id] }),
);
