/** A problem with how dpg was called or configured (unknown option, missing file, bad dpg.config.yaml): exit code 2, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}
