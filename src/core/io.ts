/** Everything a command touches in the outside world (made in src/cli/io.ts), so tests can run it in-process. */
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
  /** Standard input, read to its end or to just past `limit` bytes (`validate --stdin`); absent means empty. */
  readStdin?(limit: number): Promise<Uint8Array>;
}
