import type { MaintenanceWindow, ResponderMaintenance, ScopedWindow } from '../catalogue';
import type { DeploymentConfig, SystemConfig } from '../config/schema';
import { systemResources } from '../config/semantics';

/**
 * A system's maintenance as its responders receive it: the deployment's and the system's windows
 * (AR_MAINTENANCE) and each resource's own (with its target, in AR_TARGETS); undefined when no
 * window applies anywhere in the system, so the environment carries nothing.
 */
export function systemMaintenance(config: DeploymentConfig, system: SystemConfig): ResponderMaintenance | undefined {
  const windows: ScopedWindow[] = [
    ...(system.maintenance?.windows ?? []).map((w) => ({ ...w, level: 'system' as const })),
    ...config.maintenance.windows.map((w) => ({ ...w, level: 'deployment' as const })),
  ];
  const resources = new Map<string, readonly MaintenanceWindow[]>();
  for (const r of systemResources(system, 0)) {
    const own = r.raw.maintenance?.windows ?? [];
    if (own.length > 0 && r.key) resources.set(r.key, own);
  }
  if (windows.length === 0 && resources.size === 0) return undefined;
  return { escalate: config.maintenance.escalate, windows, resources };
}
