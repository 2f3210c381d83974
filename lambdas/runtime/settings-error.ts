/** A required environment variable was missing or malformed: a deployment fault, not an input fault. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}
