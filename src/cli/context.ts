import type { Command } from 'commander';
import type { CliIO } from '../core/io.js';

export interface CliContext {
  io: CliIO;
  /** Records the exit status of the command that ran. */
  setExitCode(code: number): void;
}

/** Adds one subcommand to the program. Each lives in src/cli/commands/<name>.ts. */
export type RegisterCommand = (program: Command, context: CliContext) => void;

/** Colour unless --no-color, NO_COLOR, or output that is not a terminal; FORCE_COLOR wins. */
export function useColor(flag: boolean | undefined, io: CliIO, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  if (flag === false) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  if (io.env.NO_COLOR) return false;
  return stream === 'stdout' ? io.stdoutIsTTY : Boolean(io.stderrIsTTY);
}

export function parseNonNegativeInteger(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, not "${value}"`);
    return Number(value);
  };
}
