import * as z from 'zod';
import { DEFAULT_MAINTENANCE_ESCALATION, MAX_WINDOW_MINUTES, SEVERITY_IDS, WINDOW_NAME_PATTERN, windowProblems, type Severity } from '../catalogue';

/** One maintenance window: the cron, start and zone are checked at synth (lib/catalogue/maintenance.ts), each problem named by its field. */
export const maintenanceWindowSchema = z
  .object({
    name: z
      .string()
      .regex(WINDOW_NAME_PATTERN, 'must be 1-64 letters, digits, spaces or ". _ : -", starting with a letter or digit')
      .describe('Names the window in records, reasons and escalations.'),
    cron: z
      .string()
      .optional()
      .describe(
        'Recurring: when each occurrence starts, as a standard 5-field cron expression "minute hour day-of-month month day-of-week" ' +
          'in timeZone (for example "0 2 * * SUN": Sundays at 02:00). Not the 6-field AWS EventBridge form.',
      ),
    start: z.string().optional().describe('One-off: when it starts, as a local date and time YYYY-MM-DDTHH:MM in timeZone (for example "2026-12-24T18:00").'),
    durationMinutes: z.number().int().min(1).max(MAX_WINDOW_MINUTES).describe(`How long each occurrence lasts, in elapsed minutes (1 to ${MAX_WINDOW_MINUTES}).`),
    timeZone: z.string().describe('The IANA time zone of cron and start (for example "Europe/Berlin", "America/New_York" or "UTC"); daylight saving time is followed.'),
  })
  .strict()
  .superRefine((window, ctx) => {
    for (const { field, message } of windowProblems(window)) ctx.addIssue({ code: 'custom', path: [field], message, input: window[field] });
  })
  .meta({
    id: 'MaintenanceWindow',
    description: 'A time when people change things on purpose: responders plan and record ("maintenance") but do not apply. Either "cron" or "start".',
  });

const windowList = z
  .array(maintenanceWindowSchema)
  .superRefine((windows, ctx) => {
    const seen = new Set<string>();
    windows.forEach((w, i) => {
      if (seen.has(w.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'duplicate window name in this list', input: w.name });
      seen.add(w.name);
    });
  })
  .describe('Maintenance windows; all that apply to a resource count (its own, its system\'s and the deployment\'s).');

/** `maintenance` of a system or a resource: its own windows. */
export const scopedMaintenanceSchema = z
  .object({ windows: windowList.default([]) })
  .strict()
  .meta({ id: 'ScopedMaintenance', description: 'Maintenance windows of this system or resource, in addition to the deployment\'s.' });

/** `maintenance` of the deployment: windows for every system, and who is paged inside any window. */
export const maintenanceSchema = z
  .object({
    windows: windowList.default([]),
    escalate: z
      .array(z.enum(SEVERITY_IDS as [Severity, ...Severity[]]))
      .default([...DEFAULT_MAINTENANCE_ESCALATION])
      .describe('Severities that still escalate (page) inside a window; the others are recorded only. Default: P0 only.'),
  })
  .strict()
  .describe('Maintenance windows of the whole deployment, and which severities still page inside any window.');
export type MaintenanceConfig = z.output<typeof maintenanceSchema>;
