import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from './cli.js';

/** Debian's chromium (never a downloaded browser); DPG_CHROMIUM points elsewhere. */
const CHROMIUM = process.env.DPG_CHROMIUM ?? '/usr/bin/chromium';

/** Where the browser tests save their screenshots (ignored by git). */
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-output');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.atom': 'application/atom+xml',
  '.svg': 'image/svg+xml',
};

/** Starts Debian's chromium headless, with the folder for screenshots ready. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The browser tests drive Debian's chromium: install it (sudo apt-get install chromium; CI's .ci/run does) or set DPG_CHROMIUM to its path.`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Serves the folder `root` under `subPath` on 127.0.0.1, as GitHub Pages serves a site; a request for a
 * file that is not there, or outside `subPath`, is answered 404 and recorded in `problems`.
 */
export async function serveFolder(root: string, problems: string[], subPath = '/'): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // Browsers ask for it at the host's root on their own; it is not a link of the site.
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    let file = url.pathname.startsWith(subPath) ? path.join(root, decodeURIComponent(url.pathname.slice(subPath.length))) : '';
    if (file && existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file || !file.startsWith(root + path.sep) || !existsSync(file)) {
      problems.push(`404 ${url.pathname}`);
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}${subPath}` };
}

export function closeServer(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}
