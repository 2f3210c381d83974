import {
  ALERT_KINDS,
  DEFAULT_KEY,
  MAX_ALARM_NAME_LENGTH,
  REMEDIATIONS,
  TARGET_TYPES,
  alarmName,
  isAlertKindId,
  systemIdClashesWithKinds,
  type AlertKindId,
  type MaintenanceWindow,
  type TargetProps,
  type TargetType,
} from '../catalogue';
import { deploymentAutonomyProblems, resourceAutonomyProblems, systemAutonomyProblems } from './autonomy-semantics';
import type { AutonomyLevels } from './autonomy-schema';
import { environmentProblems } from './environments';
import { formatReceived, type ConfigProblem } from './problems';
import type { AlertOverride, DeploymentConfig, SystemConfig } from './schema';

/** A resource of a system with its resolved key and its place in the configuration. */
export interface ConfiguredResource {
  readonly type: TargetType;
  readonly key: string;
  readonly path: string;
  readonly raw: Record<string, unknown> & { alerts?: Record<string, AlertOverride>; guarded?: string[]; autonomy?: AutonomyLevels; maintenance?: { windows: MaintenanceWindow[] } };
}

/** The resources of a system, in configuration order, with their keys. */
export function systemResources(system: SystemConfig, systemIndex: number): ConfiguredResource[] {
  const out: ConfiguredResource[] = [];
  for (const type of TARGET_TYPES) {
    const list = (system.resources[type] ?? []) as Array<Record<string, unknown>>;
    list.forEach((raw, i) => {
      const keyOf = DEFAULT_KEY[type] as ((t: TargetProps<typeof type>) => string) | undefined;
      const id = typeof raw.id === 'string' ? raw.id : keyOf?.(raw as never);
      out.push({ type, key: id ?? '', path: `systems[${systemIndex}].resources.${type}[${i}]`, raw });
    });
  }
  return out;
}

/** The alert kinds a resource raises: log groups and custom metrics name theirs; others have every kind with a signal for the type. */
export function kindsOf(resource: ConfiguredResource): AlertKindId[] {
  const named = resource.raw.alert;
  if (typeof named === 'string') return isAlertKindId(named) && ALERT_KINDS[named].signals[resource.type] ? [named] : [];
  return Object.values(ALERT_KINDS)
    .filter((k) => k.signals[resource.type] !== undefined)
    .map((k) => k.id);
}

function typesOfKind(kind: AlertKindId): string {
  return Object.keys(ALERT_KINDS[kind].signals).join(', ');
}

/** The checks a schema cannot express: references, uniqueness, applicability, ranges. */
export function semanticProblems(config: DeploymentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, received?: unknown) =>
    problems.push({ path, message, received: received === undefined ? undefined : formatReceived(received) });

  const seenSystems = new Map<string, number>();
  config.systems.forEach((system, s) => {
    const sPath = `systems[${s}]`;
    const first = seenSystems.get(system.id);
    if (first !== undefined) add(`${sPath}.id`, `duplicate system id, already used by systems[${first}]`, system.id);
    else seenSystems.set(system.id, s);
    const clash = systemIdClashesWithKinds(system.id);
    if (clash) add(`${sPath}.id`, `must not contain the alert kind id "${clash}": alarm names could not be read back`, system.id);

    const resources = systemResources(system, s);
    const byKey = new Map<string, ConfiguredResource>();
    for (const r of resources) {
      if (!r.key) {
        add(`${r.path}.id`, `is required for ${r.type} resources`);
        continue;
      }
      const other = byKey.get(r.key);
      if (other) add(`${r.path}.id`, `duplicate resource key in system "${system.id}", already used by ${other.path}; set a distinct "id"`, r.key);
      else byKey.set(r.key, r);
    }

    for (const r of resources) {
      const named = r.raw.alert;
      if (typeof named === 'string') {
        if (!isAlertKindId(named)) add(`${r.path}.alert`, 'unknown alert kind', named);
        else if (!ALERT_KINDS[named].signals[r.type]) add(`${r.path}.alert`, `alert kind "${named}" does not apply to ${r.type} resources (it applies to: ${typesOfKind(named)})`, named);
      }
      checkOverrides(r.raw.alerts, `${r.path}.alerts`, kindsOf(r), r.type, add);
      for (const g of r.raw.guarded ?? []) {
        const acts = REMEDIATIONS[g as keyof typeof REMEDIATIONS]?.acts;
        if (acts !== r.type) add(`${r.path}.guarded`, `guarded action "${g}" acts on ${acts} resources, not on ${r.type}`, g);
      }
      resourceAutonomyProblems(r, add);
      const backends = r.raw.backends;
      if (Array.isArray(backends)) {
        backends.forEach((b: { type: TargetType; key: string }, i) => {
          const target = byKey.get(b.key);
          if (!target || target.type !== b.type) add(`${r.path}.backends[${i}]`, `no ${b.type} resource with key "${b.key}" in system "${system.id}"`, b);
        });
      }
      if (r.key) {
        for (const kind of kindsOf(r)) {
          const name = alarmName({ prefix: config.prefix, system: system.id, kind, resourceKey: r.key });
          if (name.length > MAX_ALARM_NAME_LENGTH) add(`${r.path}.id`, `alarm name "${name.slice(0, 60)}..." would exceed CloudWatch's ${MAX_ALARM_NAME_LENGTH} characters; set a shorter "id"`, r.key);
        }
      }
    }

    systemAutonomyProblems(system.autonomy, sPath, add);
    const systemKinds = new Set(resources.flatMap(kindsOf));
    checkOverrides(system.alerts, `${sPath}.alerts`, [...systemKinds], undefined, add);
  });
  deploymentAutonomyProblems(config, add);
  problems.push(...environmentProblems(config));
  return problems;
}

function checkOverrides(
  overrides: Record<string, AlertOverride> | undefined,
  path: string,
  applicable: readonly AlertKindId[],
  type: TargetType | undefined,
  add: (path: string, message: string, received?: unknown) => void,
): void {
  for (const [kindId, o] of Object.entries(overrides ?? {})) {
    const p = `${path}.${kindId}`;
    if (!isAlertKindId(kindId)) {
      add(p, 'unknown alert kind', kindId);
      continue;
    }
    if (!applicable.includes(kindId)) {
      add(p, type ? `alert kind "${kindId}" does not apply to ${type} resources (it applies to: ${typesOfKind(kindId)})` : `alert kind "${kindId}" applies to no resource of this system (it applies to: ${typesOfKind(kindId)})`, kindId);
      continue;
    }
    const range = ALERT_KINDS[kindId].thresholdRange;
    if (o.threshold !== undefined && (o.threshold < range.min || o.threshold > range.max)) {
      add(`${p}.threshold`, `out of range for ${kindId}: must be between ${range.min} and ${range.max} (${ALERT_KINDS[kindId].unit})`, o.threshold);
    }
    if (o.datapointsToAlarm !== undefined && o.evaluationPeriods !== undefined && o.datapointsToAlarm > o.evaluationPeriods) {
      add(`${p}.datapointsToAlarm`, `must not exceed evaluationPeriods (${o.evaluationPeriods})`, o.datapointsToAlarm);
    }
  }
}
