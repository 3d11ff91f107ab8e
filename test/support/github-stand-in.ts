import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the parts of GitHub's REST API that dpg uses, served over real HTTP on 127.0.0.1 so
 * that tests drive the real Octokit client (auth, pagination by `Link`, retries, rate limits).
 */

export interface StandInUser {
  login: string;
  type: 'User' | 'Bot';
  /** Like a pull_request workflow's token: reads work, writes get 403. */
  readOnly?: boolean;
}

export interface StandInComment {
  id: number;
  body: string;
  user: StandInUser;
  created_at: string;
  updated_at: string;
  html_url: string;
  issue_url: string;
  /** Reactions added through POST …/issues/comments/{id}/reactions. */
  reactions: Array<{ content: string; user: string }>;
}

export interface StandInWorkflowRun {
  id: number;
  /** The workflow's file name, e.g. validate.yml. */
  workflow: string;
  head_sha: string;
  event: string;
  status: string;
  conclusion: string | null;
  /** How often POST …/actions/runs/{id}/rerun was called. */
  reruns: number;
}

export interface StandInLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

interface StandInAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  message: string;
  title?: string;
  start_column?: number;
  end_column?: number;
}

export interface StandInCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  details_url: string | null;
  output: { title: string | null; summary: string | null; annotations: StandInAnnotation[] };
  /** Every create/update request that touched this run, in order. */
  requests: Array<{ method: 'POST' | 'PATCH'; body: Record<string, unknown> }>;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
}

interface PullRequest {
  number: number;
  headSha: string;
  files: Array<{ filename: string; status: string; previous_filename?: string }>;
  /** What `changed_files` says; GitHub counts every file, while listing at most 3,000. */
  changedFiles: number;
  comments: StandInComment[];
  labels: string[];
}

export interface PullFile {
  filename: string;
  status: string;
  previous_filename?: string;
}

interface ReviewState {
  author: string;
  requestedUsers: string[];
  requestedTeams: string[];
  reviews: Array<{ id: number; user: StandInUser; state: string; commit_id: string; submitted_at: string }>;
}

interface Repository {
  owner: string;
  name: string;
  pulls: Map<number, PullRequest>;
  labels: StandInLabel[];
  checkRuns: StandInCheckRun[];
  workflowRuns: StandInWorkflowRun[];
  /** What GET /repos/{owner}/{repo} tells about the repository. */
  info?: StandInRepositoryInfo;
}

export interface StandInRepositoryInfo {
  archived?: boolean;
  pushedAt?: string;
  /** The SPDX id GitHub detects ("NOASSERTION" for an unrecognised licence); null for none. */
  license?: string | null;
}

interface Fault {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const STAND_IN_TOKEN = 'ghs_stand_in_token';
const WEB_URL = 'https://github.example';

export class GitHubStandIn {
  /** Every request received, faults included, in order. */
  readonly requests: LoggedRequest[] = [];
  private readonly repos = new Map<string, Repository>();
  private readonly faults: Fault[] = [];
  private readonly tokens = new Map<string, StandInUser>([[STAND_IN_TOKEN, { login: 'github-actions[bot]', type: 'Bot' }]]);
  private readonly contents = new Map<string, string | { type: 'symlink'; target: string } | { type: 'submodule'; url: string }>();
  private readonly reviewStates = new Map<string, ReviewState>();
  private readonly collaborators = new Map<string, string>();
  private readonly teamMembers = new Map<string, string>();
  private nextId = 1000;
  private clock = Date.parse('2026-01-01T00:00:00Z');

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<GitHubStandIn> {
    let standIn: GitHubStandIn | undefined;
    const server = createServer((req, res) => {
      void standIn!.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new GitHubStandIn(server, `http://127.0.0.1:${port}`);
    return standIn;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  addToken(token: string, user: StandInUser): void {
    this.tokens.set(token, user);
  }

  addPullRequest(
    fullName: string,
    number: number,
    options: { headSha?: string; files?: Array<string | PullFile>; author?: string; changedFiles?: number } = {},
  ): void {
    const repo = this.repository(fullName, true);
    this.reviewState(fullName, number).author = options.author ?? 'octocat';
    const files = (options.files ?? []).map((f) => (typeof f === 'string' ? { filename: f, status: 'modified' } : f));
    repo.pulls.set(number, {
      number,
      headSha: options.headSha ?? 'f'.repeat(40),
      files,
      changedFiles: options.changedFiles ?? files.length,
      comments: [],
      labels: [],
    });
  }

  /** A file's content at a commit, for GET /repos/{o}/{r}/contents/{path}?ref=. */
  setFile(fullName: string, ref: string, file: string, content: string): void {
    this.contents.set(`${fullName.toLowerCase()}@${ref}:${file}`, content);
  }

  /**
   * A symbolic link at a commit. Like GitHub, the contents API answers a link to a file of the
   * repository with that file (under its own path), and any other link as `type: "symlink"` with its target.
   */
  setSymlink(fullName: string, ref: string, file: string, target: string): void {
    this.contents.set(`${fullName.toLowerCase()}@${ref}:${file}`, { type: 'symlink', target });
  }

  /** A submodule (a commit of another repository) at a path. */
  setSubmodule(fullName: string, ref: string, file: string, url = 'https://github.example/other/repo.git'): void {
    this.contents.set(`${fullName.toLowerCase()}@${ref}:${file}`, { type: 'submodule', url });
  }

  /** A submitted pull request review (state APPROVED, CHANGES_REQUESTED or COMMENTED) on `commitId`. */
  addReview(fullName: string, pull: number, login: string, state: string, commitId?: string): void {
    const pr = this.pull(this.repository(fullName), pull);
    const review = this.reviewState(fullName, pull);
    review.reviews.push({
      id: this.id(),
      user: { login, type: 'User' },
      state,
      commit_id: commitId ?? pr.headSha,
      submitted_at: this.timestamp(),
    });
    // Like GitHub: a submitted review ends the request.
    review.requestedUsers = review.requestedUsers.filter((u) => u.toLowerCase() !== login.toLowerCase());
  }

  /** A collaborator's role (admin, maintain, write, triage, read) for GET …/collaborators/{user}/permission. */
  setCollaborator(fullName: string, login: string, role: string): void {
    this.collaborators.set(`${fullName.toLowerCase()}:${login.toLowerCase()}`, role);
  }

  addTeamMember(org: string, team: string, login: string, state: 'active' | 'pending' = 'active'): void {
    this.teamMembers.set(`${org}/${team}:${login}`.toLowerCase(), state);
  }

  /** Users and team slugs requested to review, as GitHub lists them now. */
  requestedReviewers(fullName: string, pull: number): { users: string[]; teams: string[] } {
    const review = this.reviewState(fullName, pull);
    return { users: [...review.requestedUsers], teams: [...review.requestedTeams] };
  }

  /** Adds a comment as if `login` had written it (a person unless the login ends in [bot]). */
  addComment(fullName: string, pull: number, body: string, login = 'someone'): StandInComment {
    const repo = this.repository(fullName);
    const pr = this.pull(repo, pull);
    return this.createComment(repo, pr, body, { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' });
  }

  /** Creates the repository if needed and sets what GET /repos/{owner}/{repo} answers. */
  setRepositoryInfo(fullName: string, info: StandInRepositoryInfo): void {
    this.repository(fullName, true).info = info;
  }

  addRepositoryLabel(fullName: string, name: string, color = 'ededed'): void {
    this.repository(fullName).labels.push({ id: this.id(), name, color, description: null });
  }

  addIssueLabel(fullName: string, pull: number, name: string): void {
    const repo = this.repository(fullName);
    if (!repo.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) this.addRepositoryLabel(fullName, name);
    this.pull(repo, pull).labels.push(name);
  }

  comments(fullName: string, pull: number): StandInComment[] {
    return this.pull(this.repository(fullName), pull).comments;
  }

  issueLabels(fullName: string, pull: number): string[] {
    return [...this.pull(this.repository(fullName), pull).labels].sort();
  }

  repositoryLabels(fullName: string): StandInLabel[] {
    return this.repository(fullName).labels;
  }

  /** A run of a workflow (by file name) on a commit, for GET …/actions/workflows/{file}/runs and POST …/runs/{id}/rerun. */
  addWorkflowRun(
    fullName: string,
    run: { workflow: string; headSha: string; event?: string; status?: string; conclusion?: string | null },
  ): StandInWorkflowRun {
    const added = {
      id: this.id(),
      workflow: run.workflow,
      head_sha: run.headSha,
      event: run.event ?? 'pull_request',
      status: run.status ?? 'completed',
      conclusion: run.conclusion === undefined ? 'failure' : run.conclusion,
      reruns: 0,
    };
    this.repository(fullName, true).workflowRuns.push(added);
    return added;
  }

  workflowRuns(fullName: string): StandInWorkflowRun[] {
    return this.repository(fullName).workflowRuns;
  }

  checkRuns(fullName: string): StandInCheckRun[] {
    return this.repository(fullName).checkRuns;
  }

  /** The next `count` requests get `status` (502 by default) without being handled. */
  failNext(count: number, status = 502, message = 'Server Error'): void {
    for (let i = 0; i < count; i++) this.faults.push({ status, headers: {}, body: { message } });
  }

  /** The next request gets GitHub's "rate limit exceeded" 403, with a reset `resetInSeconds` from now. */
  rateLimitNext(resetInSeconds: number): void {
    this.faults.push({
      status: 403,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '5000',
        'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000 + resetInSeconds)),
      },
      body: {
        message: 'API rate limit exceeded for installation ID 1.',
        documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
      },
    });
  }

  /** Requests that could change state (anything but GET and HEAD). */
  writes(): LoggedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  }

  clearLog(): void {
    this.requests.length = 0;
  }

  private id(): number {
    return this.nextId++;
  }

  private timestamp(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private repository(fullName: string, create = false): Repository {
    let repo = this.repos.get(fullName.toLowerCase());
    if (!repo && create) {
      const [owner, name] = fullName.split('/') as [string, string];
      repo = { owner, name, pulls: new Map(), labels: [], checkRuns: [], workflowRuns: [] };
      this.repos.set(fullName.toLowerCase(), repo);
    }
    if (!repo) throw new HttpError(404, 'Not Found');
    return repo;
  }

  private pull(repo: Repository, number: number): PullRequest {
    const pr = repo.pulls.get(number);
    if (!pr) throw new HttpError(404, 'Not Found');
    return pr;
  }

  private createComment(repo: Repository, pr: PullRequest, body: string, user: StandInUser): StandInComment {
    const id = this.id();
    const at = this.timestamp();
    const comment = {
      id,
      body,
      user,
      created_at: at,
      updated_at: at,
      reactions: [],
      html_url: `${WEB_URL}/${repo.owner}/${repo.name}/pull/${pr.number}#issuecomment-${id}`,
      issue_url: `${this.url}/repos/${repo.owner}/${repo.name}/issues/${pr.number}`,
    };
    pr.comments.push(comment);
    return comment;
  }

  private findComment(repo: Repository, id: number): { pr: PullRequest; comment: StandInComment } {
    for (const pr of repo.pulls.values()) {
      const comment = pr.comments.find((c) => c.id === id);
      if (comment) return { pr, comment };
    }
    throw new HttpError(404, 'Not Found');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const raw = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const entry: LoggedRequest = {
      method,
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      body,
      status: 0,
    };
    this.requests.push(entry);
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      entry.status = status;
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
        ...headers,
      });
      res.end(status === 204 ? undefined : JSON.stringify(data));
    };

    const fault = this.faults.shift();
    if (fault) return send(fault.status, fault.body, fault.headers);
    try {
      const user = this.authenticate(req.headers.authorization, method);
      const [status, data, headers] = this.route(method, url, body as Record<string, unknown> | undefined, user);
      send(status, data, headers);
    } catch (err) {
      if (err instanceof HttpError) send(err.status, { message: err.message, ...err.extra });
      else send(500, { message: String(err) });
    }
  }

  private authenticate(header: string | undefined, method: string): StandInUser | undefined {
    if (!header) {
      if (method !== 'GET') throw new HttpError(401, 'Requires authentication');
      return undefined;
    }
    const token = header.replace(/^(token|bearer)\s+/i, '');
    const user = this.tokens.get(token);
    if (!user) throw new HttpError(401, 'Bad credentials');
    return user;
  }

  private paginate<T>(url: URL, items: readonly T[]): [number, T[], Record<string, string>] {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const pageUrl = (n: number) => {
      const next = new URL(url.pathname + url.search, this.url);
      next.searchParams.set('per_page', String(perPage));
      next.searchParams.set('page', String(n));
      return next.toString();
    };
    const links: string[] = [];
    if (page < last) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`);
    if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`);
    return [200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {}];
  }

  private reviewState(fullName: string, pull: number): ReviewState {
    const key = `${fullName.toLowerCase()}#${pull}`;
    let state = this.reviewStates.get(key);
    if (!state) this.reviewStates.set(key, (state = { author: 'octocat', requestedUsers: [], requestedTeams: [], reviews: [] }));
    return state;
  }

  private route(
    method: string,
    url: URL,
    body: Record<string, unknown> | undefined,
    user: StandInUser | undefined,
  ): [number, unknown, Record<string, string>?] {
    const path = url.pathname;
    const membership = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(path);
    if (membership && method === 'GET') {
      const [org, team, login] = membership.slice(1).map((s) => decodeURIComponent(s!));
      if (!user) throw new HttpError(401, 'Requires authentication');
      const state = this.teamMembers.get(`${org}/${team}:${login}`.toLowerCase());
      if (!state) throw new HttpError(404, 'Not Found');
      return [200, { url: `${this.url}${path}`, role: 'member', state }];
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    if (!match) throw new HttpError(404, 'Not Found');
    const repo = this.repository(`${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`);
    const rest = match[3] ?? '';
    const write = () => {
      if (!user) throw new HttpError(401, 'Requires authentication');
      if (user.readOnly) throw new HttpError(403, 'Resource not accessible by integration');
      return user;
    };
    let m: RegExpExecArray | null;

    if (rest === '' && method === 'GET') {
      const info = repo.info ?? {};
      const license = info.license ? { key: info.license.toLowerCase(), spdx_id: info.license, name: info.license } : null;
      return [
        200,
        {
          id: 1,
          name: repo.name,
          full_name: `${repo.owner}/${repo.name}`,
          private: false,
          html_url: `${WEB_URL}/${repo.owner}/${repo.name}`,
          archived: info.archived ?? false,
          pushed_at: info.pushedAt ?? '2026-10-01T00:00:00Z',
          license,
        },
      ];
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && method === 'GET') {
      const pr = this.pull(repo, Number(m[1]));
      const author = this.reviewState(`${repo.owner}/${repo.name}`, pr.number).author;
      return [
        200,
        {
          number: pr.number,
          state: 'open',
          user: { login: author, type: 'User' },
          head: { sha: pr.headSha, ref: 'topic' },
          base: { ref: 'main', sha: 'b'.repeat(40) },
          changed_files: pr.changedFiles,
        },
      ];
    }
    if ((m = /^\/pulls\/(\d+)\/requested_reviewers$/.exec(rest))) {
      const pr = this.pull(repo, Number(m[1]));
      const review = this.reviewState(`${repo.owner}/${repo.name}`, pr.number);
      const listing = () => ({
        users: review.requestedUsers.map((login) => ({ login, type: 'User' })),
        teams: review.requestedTeams.map((slug) => ({ slug, name: slug })),
      });
      if (method === 'GET') return [200, listing()];
      if (method === 'POST') {
        write();
        const users = Array.isArray(body?.reviewers) ? (body.reviewers as string[]) : [];
        const teams = Array.isArray(body?.team_reviewers) ? (body.team_reviewers as string[]) : [];
        if (users.some((u) => u.toLowerCase() === review.author.toLowerCase()))
          throw new HttpError(422, 'Review cannot be requested from pull request author.');
        const collaborator = (u: string) => this.collaborators.has(`${repo.owner}/${repo.name}:${u}`.toLowerCase());
        if (users.some((u) => !collaborator(u)))
          throw new HttpError(
            422,
            'Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the repository.',
          );
        for (const u of users) if (!review.requestedUsers.includes(u)) review.requestedUsers.push(u);
        for (const t of teams) if (!review.requestedTeams.includes(t)) review.requestedTeams.push(t);
        return [201, { number: pr.number, requested_reviewers: listing().users, requested_teams: listing().teams }];
      }
    }
    if ((m = /^\/pulls\/(\d+)\/reviews$/.exec(rest)) && method === 'GET') {
      const pr = this.pull(repo, Number(m[1]));
      return this.paginate(url, this.reviewState(`${repo.owner}/${repo.name}`, pr.number).reviews);
    }
    if ((m = /^\/collaborators\/([^/]+)\/permission$/.exec(rest)) && method === 'GET') {
      const login = decodeURIComponent(m[1]!);
      const role = this.collaborators.get(`${repo.owner}/${repo.name}:${login}`.toLowerCase());
      if (!role) throw new HttpError(404, `${login} is not a user`);
      const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
      return [200, { permission, role_name: role, user: { login } }];
    }
    if ((m = /^\/contents\/(.+)$/.exec(rest)) && method === 'GET') {
      const ref = url.searchParams.get('ref') ?? 'main';
      return [200, this.contentAt(`${repo.owner}/${repo.name}`, ref, decodeURIComponent(m[1]!))];
    }
    if ((m = /^\/pulls\/(\d+)\/files$/.exec(rest)) && method === 'GET') {
      // GitHub lists at most 3,000 files of a pull request.
      return this.paginate(url, this.pull(repo, Number(m[1])).files.slice(0, 3000));
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const pr = this.pull(repo, Number(m[1]));
      if (method === 'GET') return this.paginate(url, pr.comments);
      if (method === 'POST') {
        const author = write();
        const text = body?.body;
        if (typeof text !== 'string' || !text)
          throw new HttpError(422, 'Validation Failed', { errors: [{ field: 'body', code: 'missing_field' }] });
        if (text.length > 65_536) throw new HttpError(422, 'Body is too long (maximum is 65536 characters)');
        return [201, this.createComment(repo, pr, text, author)];
      }
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const { pr, comment } = this.findComment(repo, Number(m[1]));
      if (method === 'PATCH') {
        const author = write();
        if (comment.user.login !== author.login) throw new HttpError(403, 'Resource not accessible by integration');
        const text = body?.body;
        if (typeof text !== 'string' || text.length > 65_536) throw new HttpError(422, 'Validation Failed');
        comment.body = text;
        comment.updated_at = this.timestamp();
        return [200, comment];
      }
      if (method === 'DELETE') {
        write();
        pr.comments.splice(pr.comments.indexOf(comment), 1);
        return [204, null];
      }
      if (method === 'GET') return [200, comment];
    }
    if ((m = /^\/issues\/comments\/(\d+)\/reactions$/.exec(rest)) && method === 'POST') {
      const { comment } = this.findComment(repo, Number(m[1]));
      const author = write();
      const content = body?.content;
      if (typeof content !== 'string' || !['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'].includes(content))
        throw new HttpError(422, 'Validation Failed');
      const existing = comment.reactions.find((r) => r.content === content && r.user === author.login);
      if (!existing) comment.reactions.push({ content, user: author.login });
      return [existing ? 200 : 201, { id: this.id(), content, user: { login: author.login } }];
    }
    if ((m = /^\/actions\/workflows\/([^/]+)\/runs$/.exec(rest)) && method === 'GET') {
      const workflow = decodeURIComponent(m[1]!);
      const sha = url.searchParams.get('head_sha');
      const event = url.searchParams.get('event');
      const runs = repo.workflowRuns.filter(
        (r) => r.workflow === workflow && (!sha || r.head_sha === sha) && (!event || r.event === event),
      );
      const json = runs.map((r) => ({
        id: r.id,
        head_sha: r.head_sha,
        event: r.event,
        status: r.status,
        conclusion: r.conclusion,
        html_url: `${WEB_URL}/${repo.owner}/${repo.name}/actions/runs/${r.id}`,
      }));
      return [200, { total_count: json.length, workflow_runs: json.reverse() }];
    }
    if ((m = /^\/actions\/runs\/(\d+)\/rerun$/.exec(rest)) && method === 'POST') {
      write();
      const run = repo.workflowRuns.find((r) => r.id === Number(m![1]));
      if (!run) throw new HttpError(404, 'Not Found');
      if (run.status !== 'completed') throw new HttpError(403, 'This workflow is already running');
      run.reruns++;
      run.status = 'queued';
      run.conclusion = null;
      return [201, {}];
    }
    if (rest === '/labels') {
      if (method === 'GET') return this.paginate(url, repo.labels);
      if (method === 'POST') {
        write();
        const name = String(body?.name ?? '');
        if (!name) throw new HttpError(422, 'Validation Failed');
        if (repo.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) {
          throw new HttpError(422, 'Validation Failed', { errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] });
        }
        const label = {
          id: this.id(),
          name,
          color: String(body?.color ?? 'ededed'),
          description: typeof body?.description === 'string' ? body.description : null,
        };
        repo.labels.push(label);
        return [201, label];
      }
    }
    if ((m = /^\/issues\/(\d+)\/labels$/.exec(rest))) {
      const pr = this.pull(repo, Number(m[1]));
      const issueLabels = () => pr.labels.map((name) => repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase())!);
      if (method === 'GET') return this.paginate(url, issueLabels());
      if (method === 'POST') {
        write();
        const names = body?.labels;
        if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) throw new HttpError(422, 'Validation Failed');
        for (const name of names as string[]) {
          // Like GitHub, a label that does not exist yet is created with the default colour.
          if (!repo.labels.some((l) => l.name.toLowerCase() === name.toLowerCase()))
            repo.labels.push({ id: this.id(), name, color: 'ededed', description: null });
          if (!pr.labels.some((l) => l.toLowerCase() === name.toLowerCase())) pr.labels.push(name);
        }
        return [200, issueLabels()];
      }
    }
    if ((m = /^\/issues\/(\d+)\/labels\/(.+)$/.exec(rest)) && method === 'DELETE') {
      write();
      const pr = this.pull(repo, Number(m[1]));
      const name = decodeURIComponent(m[2]!);
      const index = pr.labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
      if (index < 0) throw new HttpError(404, 'Label does not exist');
      pr.labels.splice(index, 1);
      return [200, pr.labels.map((n) => repo.labels.find((l) => l.name === n))];
    }
    if (rest === '/check-runs' && method === 'POST') {
      write();
      const run: StandInCheckRun = {
        id: this.id(),
        name: '',
        head_sha: '',
        status: 'queued',
        conclusion: null,
        details_url: null,
        output: { title: null, summary: null, annotations: [] },
        requests: [],
      };
      if (typeof body?.name !== 'string' || typeof body.head_sha !== 'string') throw new HttpError(422, 'Validation Failed');
      run.name = body.name;
      run.head_sha = body.head_sha;
      this.applyCheckRunChange(run, 'POST', body);
      repo.checkRuns.push(run);
      return [201, this.checkRunJson(repo, run)];
    }
    if ((m = /^\/check-runs\/(\d+)$/.exec(rest)) && method === 'PATCH') {
      write();
      const run = repo.checkRuns.find((r) => r.id === Number(m![1]));
      if (!run) throw new HttpError(404, 'Not Found');
      this.applyCheckRunChange(run, 'PATCH', body ?? {});
      return [200, this.checkRunJson(repo, run)];
    }
    if ((m = /^\/commits\/([^/]+)\/check-runs$/.exec(rest)) && method === 'GET') {
      const name = url.searchParams.get('check_name');
      let runs = repo.checkRuns.filter((r) => r.head_sha === m![1] && (!name || r.name === name));
      if (url.searchParams.get('filter') !== 'all') {
        const latest = new Map<string, StandInCheckRun>();
        for (const r of runs) latest.set(r.name, r);
        runs = [...latest.values()];
      }
      return [200, { total_count: runs.length, check_runs: runs.map((r) => this.checkRunJson(repo, r)) }];
    }
    throw new HttpError(404, 'Not Found');
  }

  /** GET …/contents/{path}: files up to 1 MB with their content, larger ones without (`encoding: "none"`), as GitHub does. */
  private contentAt(fullName: string, ref: string, file: string): unknown {
    const key = (f: string) => `${fullName.toLowerCase()}@${ref}:${f}`;
    const entry = this.contents.get(key(file));
    if (entry === undefined) throw new HttpError(404, 'Not Found');
    const name = file.split('/').at(-1);
    if (typeof entry === 'string') {
      const bytes = Buffer.from(entry, 'utf8');
      const large = bytes.length > 1024 * 1024;
      return {
        type: 'file',
        name,
        path: file,
        size: bytes.length,
        encoding: large ? 'none' : 'base64',
        content: large ? '' : bytes.toString('base64'),
        sha: 'c'.repeat(40),
      };
    }
    if (entry.type === 'submodule')
      return { type: 'submodule', name, path: file, size: 0, sha: 'd'.repeat(40), submodule_git_url: entry.url };
    const segments = [...file.split('/').slice(0, -1)];
    for (const part of entry.target.split('/')) {
      if (part === '..') segments.pop();
      else if (part !== '.' && part !== '') segments.push(part);
    }
    const resolved = segments.join('/');
    const target = entry.target.startsWith('/') ? undefined : this.contents.get(key(resolved));
    if (typeof target === 'string') return this.contentAt(fullName, ref, resolved);
    return { type: 'symlink', name, path: file, target: entry.target, size: entry.target.length, sha: 'e'.repeat(40) };
  }

  private applyCheckRunChange(run: StandInCheckRun, method: 'POST' | 'PATCH', body: Record<string, unknown>): void {
    const output = body.output as { title?: string; summary?: string; annotations?: StandInAnnotation[] } | undefined;
    const annotations = output?.annotations ?? [];
    if (annotations.length > 50) throw new HttpError(422, 'Only 50 annotations are allowed per request');
    if (output && (typeof output.title !== 'string' || typeof output.summary !== 'string'))
      throw new HttpError(422, 'output needs a title and a summary');
    if (body.status === 'completed' && typeof body.conclusion !== 'string')
      throw new HttpError(422, 'conclusion is required when status is completed');
    if (typeof body.conclusion === 'string') run.status = 'completed';
    else if (typeof body.status === 'string') run.status = body.status;
    if (typeof body.conclusion === 'string') run.conclusion = body.conclusion;
    if (typeof body.details_url === 'string') run.details_url = body.details_url;
    if (output) {
      run.output.title = output.title!;
      run.output.summary = output.summary!;
      run.output.annotations.push(...annotations);
    }
    run.requests.push({ method, body });
  }

  private checkRunJson(repo: Repository, run: StandInCheckRun): unknown {
    return {
      id: run.id,
      name: run.name,
      head_sha: run.head_sha,
      status: run.status,
      conclusion: run.conclusion,
      details_url: run.details_url,
      html_url: `${WEB_URL}/${repo.owner}/${repo.name}/runs/${run.id}`,
      output: {
        title: run.output.title,
        summary: run.output.summary,
        text: null,
        annotations_count: run.output.annotations.length,
        annotations_url: `${this.url}/repos/${repo.owner}/${repo.name}/check-runs/${run.id}/annotations`,
      },
    };
  }
}
