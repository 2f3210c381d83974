import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import type { KillSwitchReading } from '../core/mode';
import type { Mode, ResultRecord } from '../core/record';
import type { ResponderSettings } from '../runtime/settings';
import { circuitBreakerGuard } from './circuit-breaker-guard';
import { cooldownGuard } from './cooldown-guard';
import { allGuards, autonomyGuard, guardedActionGuard, type Guard } from './guard';
import { idempotencyStore, respondOnce, type Delivery } from './idempotency';
import { readKillSwitch } from './kill-switch';
import { lockGuard } from './lock-guard';
import { loopProtectionGuard } from './loop-protection-guard';
import { stateTable } from './state-table';

export { circuitBreakerGuard } from './circuit-breaker-guard';
export { cooldownGuard } from './cooldown-guard';
export { duplicateRecord, idempotencyStore, respondOnce, IDEMPOTENCY_EXPIRY_SECONDS, type Delivery, type OnceDeps } from './idempotency';
export { lockGuard, DEFAULT_LOCK_SECONDS } from './lock-guard';
export { loopProtectionGuard, ownResource } from './loop-protection-guard';
export { readKillSwitch, MODE_CACHE_SECONDS } from './kill-switch';
export { stateKeys, stateTable, type StateTable } from './state-table';

/** What the guardrails need of the settings; `stateTable` comes from AR_STATE_TABLE. */
export type GuardrailSettings = Pick<ResponderSettings, 'system' | 'family' | 'modeParameter'> & { readonly stateTable: string };

export interface GuardrailDeps {
  /** @default the shared client of lambdas/runtime/clients/dynamodb.ts */
  readonly dynamodb?: DynamoDBClient;
  readonly now?: () => Date;
}

/**
 * The guards between plan and apply, cheap checks first: loop protection, guarded actions,
 * autonomy (in memory), then the circuit breaker, the lock and the cooldown (one DynamoDB write
 * each). The lock comes before the cooldown so that of two concurrent alarms on one resource
 * only one can reach the cooldown; a later refusal releases what earlier guards took.
 */
export function stateGuards(settings: Pick<GuardrailSettings, 'stateTable'>, deps: GuardrailDeps = {}): Guard {
  const table = stateTable(settings.stateTable, deps.dynamodb);
  return allGuards([loopProtectionGuard(table.tableName), guardedActionGuard, autonomyGuard, circuitBreakerGuard(table), lockGuard(table), cooldownGuard(table)]);
}

/** Per invocation: what the handler knows of it. */
export interface Invocation {
  readonly requestId?: string;
  readonly lambdaContext?: Pick<Context, 'getRemainingTimeInMillis'>;
  /** The mode the invocation runs in (dry-run when the kill switch says so). */
  readonly mode: Mode;
}

export interface Guardrails {
  /** The kill switch, read through a cache of at most a minute; lambdas/pipeline/mode.ts decides what it means. */
  readKillSwitch(): Promise<KillSwitchReading>;
  /** `stateGuards` on this responder's table. */
  readonly guard: Guard;
  /** `respondOnce` with this responder's store and identity. */
  respondOnce(delivery: Delivery | undefined, run: () => Promise<ResultRecord>, invocation: Invocation): Promise<ResultRecord>;
}

/** Built once per container, like the SDK clients: the store and the guards hold no per-call state. */
export function createGuardrails(settings: GuardrailSettings, deps: GuardrailDeps = {}): Guardrails {
  const table = stateTable(settings.stateTable, deps.dynamodb);
  const store = idempotencyStore(table);
  const guards = stateGuards(settings, { ...deps, dynamodb: table.client });
  return {
    readKillSwitch: () => readKillSwitch(settings.modeParameter),
    guard: guards,
    respondOnce: (delivery, run, invocation) =>
      respondOnce(
        delivery,
        {
          store,
          responder: { system: settings.system, family: settings.family, requestId: invocation.requestId },
          mode: invocation.mode,
          now: deps.now,
          lambdaContext: invocation.lambdaContext,
        },
        run,
      ),
  };
}
