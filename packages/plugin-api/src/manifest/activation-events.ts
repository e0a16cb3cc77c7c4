// When a plugin's `activate` runs. A plugin is activated the first time one of its events
// happens, never before: a CLI run that only validates a dataset loads no plugin code.

/**
 * The events the host fires:
 * - `onStartup`: the server has started (console panels are wanted from then on);
 * - `onAudit`: rules are about to run (an audit, a billing proposal, a what-if);
 * - `onReport`: a report is about to be rendered;
 * - `onCommand:<id>`: the command `<id>` is about to be executed.
 */
export type ActivationEvent = 'onStartup' | 'onAudit' | 'onReport' | `onCommand:${string}`;

const PLAIN = new Set<string>(['onStartup', 'onAudit', 'onReport']);

/** True for an event the host knows (others are kept, with a warning, and never fire). */
export function isActivationEvent(event: string): event is ActivationEvent {
  return PLAIN.has(event) || /^onCommand:[a-z0-9][a-z0-9.-]*$/.test(event);
}
