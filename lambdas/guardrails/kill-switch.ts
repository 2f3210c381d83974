import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import { KILL_SWITCH_MODES, type KillSwitchMode, type KillSwitchReading } from '../core/mode';
import { describeError } from '../runtime/aws-call';

/** How long a read value is reused: flipping the switch takes effect within this many seconds. */
export const MODE_CACHE_SECONDS = 60;

const isMode = (value: string | undefined): value is KillSwitchMode => KILL_SWITCH_MODES.some((m) => m === value);

/**
 * Reads the kill switch, cached for at most a minute, and says what it found; what each finding
 * means for the invocation is decided in one place (lambdas/pipeline/mode.ts).
 */
export async function readKillSwitch(parameter: string): Promise<KillSwitchReading> {
  let value: string | undefined;
  try {
    value = await getParameter(parameter, { maxAge: MODE_CACHE_SECONDS });
  } catch (err) {
    // Powertools wraps the SDK's error (AccessDenied, ParameterNotFound): name the cause.
    const cause = err instanceof Error && err.cause !== undefined ? err.cause : err;
    return { state: 'unreadable', parameter, error: describeError(cause) };
  }
  const mode = value?.trim();
  return isMode(mode) ? { state: mode, parameter } : { state: 'invalid', parameter, value };
}
