import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  InvalidInputError,
  parseInvocation,
  type AlarmNotification,
  type Invocation,
  type ParseOutcome,
} from '../../../lambdas/pipeline/notification';

/** Fixtures and narrowing helpers of the notification parsing tests. */
const EVENTS = join(__dirname, '..', '..', 'events');

export type Json = Record<string, unknown>;

export function isJson(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function asRecord(v: unknown): Json {
  if (!isJson(v)) throw new Error(`not an object: ${String(v)}`);
  return v;
}
export function asArray(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new Error(`not an array: ${String(v)}`);
  return v;
}

export function fixture(name: string): Json {
  const parsed: unknown = JSON.parse(readFileSync(join(EVENTS, name), 'utf8'));
  return asRecord(parsed);
}

/** A copy of an SNS fixture whose alarm message (and optionally envelope) `edit` has changed. */
export function withMessage(name: string, edit: (message: Json) => void): Json {
  const event = fixture(name);
  const sns = asRecord(asRecord(asArray(event.Records)[0]).Sns);
  const parsed: unknown = JSON.parse(String(sns.Message));
  const message = asRecord(parsed);
  edit(message);
  sns.Message = JSON.stringify(message);
  return event;
}

export function withRawMessage(name: string, raw: string): Json {
  const event = fixture(name);
  asRecord(asRecord(asArray(event.Records)[0]).Sns).Message = raw;
  return event;
}

export function only(event: unknown): ParseOutcome {
  const outcomes = parseInvocation(event);
  expect(outcomes).toHaveLength(1);
  const [first] = outcomes;
  if (first === undefined) throw new Error('no outcome');
  return first;
}

export function value(event: unknown): Invocation {
  const outcome = only(event);
  if (!outcome.ok) throw new Error(`expected success, got: ${outcome.error.message}`);
  return outcome.value;
}

export function alarm(event: unknown): AlarmNotification {
  const v = value(event);
  if (v.source !== 'sns') throw new Error(`expected an alarm notification, got ${v.source}`);
  return v;
}

export function error(event: unknown): InvalidInputError {
  const outcome = only(event);
  if (outcome.ok) throw new Error(`expected an error, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(InvalidInputError);
  expect(outcome.error.name).toBe('InvalidInputError');
  return outcome.error;
}

export const ACCOUNT = '123456789012';
export const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:ar-high-alerts`;
export const LATENCY = 'ar-rung-high-latency-rung-api-prod';

export function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
