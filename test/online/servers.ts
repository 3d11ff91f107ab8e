import { afterAll, beforeAll, beforeEach } from 'vitest';
import { GitHubStandIn } from '../support/github-stand-in.js';
import { WebServer } from './web-server.js';

export interface OnlineServers {
  readonly web: WebServer;
  readonly github: GitHubStandIn;
}

/**
 * Starts a loopback web server and the GitHub stand-in for the file's tests, and before each test
 * clears their logs and lets `prepare` set up the repositories GitHub knows.
 */
export function useOnlineServers(prepare: (github: GitHubStandIn) => void): OnlineServers {
  let web: WebServer | undefined;
  let github: GitHubStandIn | undefined;
  beforeAll(async () => {
    web = await WebServer.start();
    github = await GitHubStandIn.start();
  });
  afterAll(async () => {
    await web?.close();
    await github?.close();
  });
  beforeEach(() => {
    prepare(github!);
    web!.requests.length = 0;
    github!.clearLog();
  });
  return {
    get web() {
      return web!;
    },
    get github() {
      return github!;
    },
  };
}
