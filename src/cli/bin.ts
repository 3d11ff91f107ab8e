import { processIO } from './io.js';
import { main } from './main.js';

/** Entry point of the `dpg` executable. */
export function run(): void {
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`dpg: internal error: ${String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
