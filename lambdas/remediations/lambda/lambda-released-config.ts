import type { FunctionConfiguration } from '@aws-sdk/client-lambda';

/**
 * The parts of a function's configuration that a published version freezes, as plain values.
 * Publishing `$LATEST` ships every one of them, not only the setting a remediation changed, so
 * each must already be what the alias serves. Fields that differ between `$LATEST` and any
 * version by nature (ARN, revision, state, SnapStart's optimization status, runtime version
 * ARN, last modified) are left out, or the comparison would never match.
 */
const RELEASED_FIELDS: Readonly<Record<string, (c: FunctionConfiguration) => unknown>> = {
  'memory size': (c) => c.MemorySize,
  timeout: (c) => c.Timeout,
  runtime: (c) => c.Runtime,
  handler: (c) => c.Handler,
  role: (c) => c.Role,
  'package type': (c) => c.PackageType,
  architectures: (c) => c.Architectures,
  'environment variables': (c) => c.Environment?.Variables,
  layers: (c) => c.Layers?.map((l) => l.Arn),
  'VPC configuration': (c) => ({ subnets: [...(c.VpcConfig?.SubnetIds ?? [])].sort(), groups: [...(c.VpcConfig?.SecurityGroupIds ?? [])].sort() }),
  'dead-letter target': (c) => c.DeadLetterConfig?.TargetArn,
  tracing: (c) => c.TracingConfig?.Mode,
  'KMS key': (c) => c.KMSKeyArn,
  'ephemeral storage': (c) => c.EphemeralStorage?.Size,
  'file systems': (c) => c.FileSystemConfigs,
  'image configuration': (c) => c.ImageConfigResponse?.ImageConfig,
  SnapStart: (c) => c.SnapStart?.ApplyOn,
  logging: (c) => c.LoggingConfig,
};

/** JSON with object keys sorted, so the order AWS lists environment variables in does not matter. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  ) ?? 'undefined';
}

/**
 * What `$LATEST` changes relative to the served version, by name, leaving out `except` (the
 * setting the remediation is about to overwrite anyway). Empty: publishing ships only that setting.
 */
export function unreleasedChanges(served: FunctionConfiguration, latest: FunctionConfiguration, except: string): string[] {
  return Object.entries(RELEASED_FIELDS)
    .filter(([name, read]) => name !== except && canonical(read(served)) !== canonical(read(latest)))
    .map(([name]) => name);
}
