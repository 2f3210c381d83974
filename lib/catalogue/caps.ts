// A namespace import lets esbuild tree-shake zod (the named `z` export drags in every locale).
import * as z from 'zod';

// The defaults, before the schema whose descriptions quote them (DEFAULT_CAPS below checks the shape).
const CAP_DEFAULTS = {
  maxProvisionedConcurrency: 10,
  provisionedConcurrencyStep: 2,
  maxReservedConcurrency: 100,
  reservedConcurrencyStep: 10,
  maxMemoryMb: 3008,
  maxTimeoutSeconds: 300,
  maxDesiredCount: 10,
  maxAppRunnerMaxSize: 25,
  appRunnerMaxSizeStep: 5,
  rollbackWindowMinutes: 60,
};

/** Caps that bound what a remediation may set (AWS's own limits are enforced on top). */
export const capsSchema = z
  .object({
    maxProvisionedConcurrency: z
      .number()
      .int()
      .min(1)
      .max(100000)
      .describe(`Highest provisioned concurrency raise-provisioned-concurrency may set on an alias (default ${CAP_DEFAULTS.maxProvisionedConcurrency}).`),
    provisionedConcurrencyStep: z
      .number()
      .int()
      .min(1)
      .max(10000)
      .describe(`Concurrent executions raise-provisioned-concurrency adds per action (default ${CAP_DEFAULTS.provisionedConcurrencyStep}).`),
    maxReservedConcurrency: z
      .number()
      .int()
      .min(1)
      .max(100000)
      .describe(`Highest reserved concurrency raise-reserved-concurrency may set on a function (default ${CAP_DEFAULTS.maxReservedConcurrency}).`),
    reservedConcurrencyStep: z
      .number()
      .int()
      .min(1)
      .max(10000)
      .describe(`Concurrent executions raise-reserved-concurrency adds per action (default ${CAP_DEFAULTS.reservedConcurrencyStep}).`),
    maxMemoryMb: z
      .number()
      .int()
      .min(128)
      .max(10240)
      .describe(`Highest memory size, in MB, double-lambda-memory may set (default ${CAP_DEFAULTS.maxMemoryMb}).`),
    maxTimeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(900)
      .describe(`Highest timeout, in seconds, double-lambda-timeout may set (default ${CAP_DEFAULTS.maxTimeoutSeconds}).`),
    maxDesiredCount: z
      .number()
      .int()
      .min(1)
      .max(5000)
      .describe(`Highest ECS desired task count scale-out-ecs-service may set (default ${CAP_DEFAULTS.maxDesiredCount}).`),
    maxAppRunnerMaxSize: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .describe(`Highest auto-scaling MaxSize, in instances, raise-apprunner-max-size may set (default ${CAP_DEFAULTS.maxAppRunnerMaxSize}).`),
    appRunnerMaxSizeStep: z
      .number()
      .int()
      .min(1)
      .max(100)
      .describe(`Instances raise-apprunner-max-size adds to MaxSize per action (default ${CAP_DEFAULTS.appRunnerMaxSizeStep}).`),
    rollbackWindowMinutes: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .describe(`Minutes since the alias last moved within which rollback-lambda-alias may roll it back (default ${CAP_DEFAULTS.rollbackWindowMinutes}).`),
  })
  .strict();
export type Caps = z.infer<typeof capsSchema>;

/** Defaults where neither the deployment nor the system sets a cap. */
export const DEFAULT_CAPS: Caps = CAP_DEFAULTS;

