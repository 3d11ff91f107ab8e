/** Everything the CLI touches in the outside world, so tests can run it in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colour by default). */
  stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (progress display); absent means no. */
  stderrIsTTY?: boolean;
  /** Today, for expiry checks. */
  now: Date;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    // Asked only when progress could be shown: opening stderr costs a few milliseconds when it is a pipe.
    get stderrIsTTY() { return Boolean(process.stderr.isTTY); },
    now: new Date(),
  };
}
