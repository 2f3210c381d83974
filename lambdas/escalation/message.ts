import type { Incident } from '../core/alarm';
import type { State } from '../core/state';
import type { Diagnostics } from './diagnostics';

/** SNS requires a subject of fewer than 100 characters; email clients need plain ASCII. */
export const MAX_SUBJECT_CHARS = 99;
/** SNS allows 256 KB per message, attributes and subject included: keep a margin. */
export const MAX_MESSAGE_BYTES = 250_000;
const RECORD_PREVIEW_CHARS = 20_000;
const FALLBACK_SUBJECT = 'alert-responder escalation';

export function snsSubject(subject: string): string {
  const ascii = subject
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[^\x20-\x7E]/g, '?')
    .trim();
  const fitted = ascii.length > MAX_SUBJECT_CHARS ? `${ascii.slice(0, MAX_SUBJECT_CHARS - 3)}...` : ascii;
  return fitted === '' ? FALLBACK_SUBJECT : fitted;
}

/** What the escalation message holds: the alarm, why people are needed, the record so far and the diagnostics. */
export type Body = { alarm: State; reason: string; record: State; diagnostics: Diagnostics; truncated: string[] };

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Fits the message under SNS's limit, giving up the least useful parts first: the oldest
 * detail of log events, then metric points, then the record's full text. `limit` and `measure`:
 * the room the message has and how it counts where it goes inside a larger one (an SNS envelope
 * with a message per protocol, where JSON escaping lengthens it).
 */
export function fitMessage(body: Body, limit: number = MAX_MESSAGE_BYTES, measure: (text: string) => number = utf8Bytes): string {
  const bytes = (b: Body) => measure(JSON.stringify(b));
  let current = body;
  const logs = current.diagnostics.logEvents;
  if (logs && bytes(current) > limit) {
    const events = [...logs.events];
    while (events.length > 0 && bytes(current) > limit) {
      events.pop();
      current = { ...current, diagnostics: { ...current.diagnostics, logEvents: { ...logs, events: [...events] } } };
    }
    current = { ...current, truncated: [...current.truncated, `log events cut to ${events.length} of ${logs.events.length}`] };
  }
  const metrics = current.diagnostics.metrics;
  if (metrics && bytes(current) > limit) {
    const series = metrics.series.map((s) => ({ ...s, points: [] }));
    current = { ...current, diagnostics: { ...current.diagnostics, metrics: { ...metrics, series } }, truncated: [...current.truncated, 'metric points dropped'] };
  }
  if (bytes(current) > limit) {
    const preview = JSON.stringify(current.record).slice(0, RECORD_PREVIEW_CHARS);
    current = { ...current, record: { preview }, truncated: [...current.truncated, `record cut to ${RECORD_PREVIEW_CHARS} characters`] };
  }
  if (bytes(current) > limit) {
    current = { ...current, reason: current.reason.slice(0, RECORD_PREVIEW_CHARS), truncated: [...current.truncated, 'reason cut'] };
  }
  return JSON.stringify(current);
}

export function alarmState({ alarm, kind, region, account, windowSeconds }: Incident): State {
  return {
    name: alarm.name,
    arn: alarm.arn ?? null,
    kind,
    region,
    account: account ?? null,
    stateChangeTime: alarm.stateChangeTime.toISOString(),
    windowSeconds,
  };
}

