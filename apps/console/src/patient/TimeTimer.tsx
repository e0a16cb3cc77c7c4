import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTRPC } from '../api.js';
import { Problem } from '../ui.js';
import { practiceClock, clockDuration } from './practice-time.js';
import { Choice, Field, Refusal, type PatientRef } from './shared.js';
import {
  serviceLabel,
  SERVICES,
  useTimeWritten,
  type Service,
  type TimeMonth,
} from './time-shared.js';

// The user's timer on the patient. The server keeps it (time.list answers with it), so it
// survives a reload, another tab or a server restart; the page only counts the seconds
// since it started. Stopping it writes one time entry from the second it started to the
// second it stopped.

/** Seconds since the instant, updated every second while shown. */
function useElapsed(startedAt: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);
  return (now - Date.parse(startedAt)) / 1000;
}

export function TimeTimer({
  practiceId,
  patientId,
  timer,
  timezone,
}: PatientRef & { timer: TimeMonth['timer']; timezone: string }) {
  return timer ? (
    <RunningTimer practiceId={practiceId} patientId={patientId} timer={timer} timezone={timezone} />
  ) : (
    <StartTimer practiceId={practiceId} patientId={patientId} />
  );
}

function StartTimer({ practiceId, patientId }: PatientRef) {
  const trpc = useTRPC();
  const written = useTimeWritten();
  const [service, setService] = useState<Service>('ccm');
  const [activity, setActivity] = useState('');
  const start = useMutation(trpc.time.startTimer.mutationOptions({ onSuccess: written }));
  return (
    <div className="timer" data-testid="timer">
      <Choice label="Service" options={SERVICES} value={service} onChange={setService} />
      <Field label="What you are doing (optional)" value={activity} onChange={setActivity} />
      <Button
        className="button primary"
        isDisabled={start.isPending}
        onPress={() =>
          start.mutate({
            practiceId,
            patientId,
            service,
            ...(activity.trim() ? { activity: activity.trim() } : {}),
          })
        }
      >
        Start timer
      </Button>
      {start.isError ? <Problem error={start.error} /> : null}
    </div>
  );
}

function RunningTimer({
  practiceId,
  patientId,
  timer,
  timezone,
}: PatientRef & { timer: NonNullable<TimeMonth['timer']>; timezone: string }) {
  const trpc = useTRPC();
  const written = useTimeWritten();
  const elapsed = useElapsed(timer.startedAt);
  const [activity, setActivity] = useState(timer.activity);
  const [refusal, setRefusal] = useState<string>();
  const stop = useMutation(trpc.time.stopTimer.mutationOptions({ onSuccess: written }));
  const cancel = useMutation(trpc.time.cancelTimer.mutationOptions({ onSuccess: written }));
  const started = practiceClock(timer.startedAt, timezone);
  const busy = stop.isPending || cancel.isPending;
  return (
    <div className="timer running" data-testid="timer">
      <p>
        Timer running for {serviceLabel(timer.service)} since {started.date} {started.time}:{' '}
        <strong className="elapsed" data-testid="timer-elapsed" role="timer" aria-live="off">
          {clockDuration(elapsed)}
        </strong>
      </p>
      <Field label="What was done" value={activity} onChange={setActivity} />
      <Button
        className="button primary"
        isDisabled={busy}
        onPress={() => {
          if (!activity.trim()) return setRefusal('Fill in: What was done.');
          setRefusal(undefined);
          stop.mutate({ practiceId, patientId, activity: activity.trim() });
        }}
      >
        Stop and record
      </Button>
      <Button
        className="button"
        isDisabled={busy}
        onPress={() => cancel.mutate({ practiceId, patientId })}
      >
        Discard timer
      </Button>
      {refusal ? <Refusal>{refusal}</Refusal> : null}
      {stop.isError ? <Problem error={stop.error} /> : null}
      {cancel.isError ? <Problem error={cancel.error} /> : null}
    </div>
  );
}
