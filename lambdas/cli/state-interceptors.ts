/**
 * The two ways the CLI stands in front of the SDK clients (lambdas/runtime/clients): capture
 * passes reads through to AWS and keeps their answers; replay answers from a saved state and
 * sends nothing. The responders' code above the clients runs unchanged.
 */
import type { Interceptor } from '../runtime/clients/on-first-use';
import { answerKey, type SavedAnswer, type SavedState } from './saved-state';

/** The names the records give the clients, where the class name says it otherwise. */
const SERVICE_NAMES: Readonly<Record<string, string>> = { CloudWatchLogsClient: 'logs' };

export const serviceOf = (client: object): string => SERVICE_NAMES[client.constructor.name] ?? client.constructor.name.replace(/Client$/, '').toLowerCase();
export const operationOf = (command: object): string => command.constructor.name.replace(/Command$/, '');
const inputOf = (command: object): Readonly<Record<string, unknown>> => {
  const input: unknown = Reflect.get(command, 'input');
  return typeof input === 'object' && input !== null ? Object.fromEntries(Object.entries(input)) : {};
};

/** Reads only: capture never sends a command that could change anything (AWS names reads so). */
const READ_ONLY = /^(Describe|Get|List)/;

/** The saved state has no answer for a call the dry run made: the state is older than the code or the configuration. */
export class NoSavedAnswerError extends Error {
  override readonly name = 'NoSavedAnswer';
}

/** Capture refused a command that is not a read. */
export class NotAReadError extends Error {
  override readonly name = 'NotARead';
}

/** Errors of the capture itself (no credentials, no network), not answers about a resource. */
const CAPTURE_FAILURES = new Set(['CredentialsProviderError', 'ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'InvalidClientTokenId', 'ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'TimeoutError']);

/** A short view of an input for a message. */
const brief = (input: unknown) => {
  const json = JSON.stringify(input);
  return json.length > 200 ? `${json.slice(0, 199)}…` : json;
};

/** Answers every call from `state`; a call it does not hold fails with NoSavedAnswerError. */
export function replaying(state: SavedState): Interceptor {
  const answers = new Map(state.answers.map((a) => [answerKey(a.service, a.operation, a.input), a]));
  return async (client, command) => {
    const service = serviceOf(client);
    const operation = operationOf(command);
    const input = inputOf(command);
    const answer = answers.get(answerKey(service, operation, input));
    if (!answer) throw new NoSavedAnswerError(`the saved state has no answer for ${service}.${operation} ${brief(input)}: capture again`);
    if (answer.error) throw Object.assign(new Error(answer.error.message), { name: answer.error.name, $metadata: {} });
    return { ...answer.output, $metadata: {} };
  };
}

/** Sends reads to AWS and adds each answer (or AWS's error) to `into`; refuses anything else. */
export function capturing(into: Map<string, SavedAnswer>): Interceptor {
  return async (client, command, send) => {
    const service = serviceOf(client);
    const operation = operationOf(command);
    if (!READ_ONLY.test(operation)) throw new NotAReadError(`capture only reads: it did not send ${service}.${operation}`);
    const input = inputOf(command);
    const key = answerKey(service, operation, input);
    try {
      const output = await send(command);
      const kept = typeof output === 'object' && output !== null ? Object.fromEntries(Object.entries(output)) : {};
      into.set(key, { service, operation, input, output: kept });
      return output;
    } catch (err) {
      const name = err instanceof Error ? err.name : 'Error';
      const code: unknown = typeof err === 'object' && err !== null ? Reflect.get(err, 'code') : undefined;
      // Credentials and network failures are the capture's own, not the resource's state: not kept.
      if (!CAPTURE_FAILURES.has(name) && !(typeof code === 'string' && CAPTURE_FAILURES.has(code))) into.set(key, { service, operation, input, error: { name, message: err instanceof Error ? err.message : String(err) } });
      throw err;
    }
  };
}
