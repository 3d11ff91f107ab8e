import type { CliIO } from '../core/io.js';

/** Reads standard input to its end, keeping no more than `limit` + 1 bytes: enough to tell that it is too large. */
async function readProcessStdin(limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    if (size <= limit) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, limit + 1);
}

/**
 * A writer for a standard stream that goes quiet once the reader has gone (`dpg rules | head -1`): the
 * command still finishes and exits with its own status, without an EPIPE stack trace. The stream is
 * opened on the first write: opening stderr costs a few milliseconds when it is a pipe.
 */
function quietOnClosedPipe(open: () => NodeJS.WriteStream): (text: string) => void {
  let stream: NodeJS.WriteStream | undefined;
  let closed = false;
  return (text) => {
    if (closed) return;
    if (!stream) {
      stream = open();
      stream.on('error', (err: NodeJS.ErrnoException) => {
        closed = true;
        // A reader that went away is normal; any other failure to write the output is not.
        if (err.code !== 'EPIPE') process.exitCode = 2;
      });
    }
    stream.write(text);
  };
}

export function processIO(): CliIO {
  return {
    stdout: quietOnClosedPipe(() => process.stdout),
    stderr: quietOnClosedPipe(() => process.stderr),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    // Asked only when progress could be shown: opening stderr costs a few milliseconds when it is a pipe.
    get stderrIsTTY() {
      return Boolean(process.stderr.isTTY);
    },
    now: new Date(),
    readStdin: readProcessStdin,
  };
}
