/** A failed GitHub request, described in one line for the person running the command. */
export class GitHubError extends Error {
  override name = 'GitHubError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function githubMessage(err: RequestErrorLike): string {
  const data = err.response?.data;
  const fromBody = data && typeof data === 'object' && 'message' in data ? String((data as { message: unknown }).message) : '';
  const text = (fromBody || err.message || '').split('\n')[0]!.trim();
  return text.length > 200 ? text.slice(0, 200) + '…' : text;
}

/** One line saying what failed, why, and what to do; `notFound` replaces the generic 404 text. */
function describeGitHubError(err: unknown, action: string, repo: string, notFound?: string): string {
  const e = (err ?? {}) as RequestErrorLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const said = githubMessage(e);
  const detail = said ? `: ${said}` : '';
  // Octokit reports a failed connection as a 500 without a response.
  if (status === undefined || (status >= 500 && !e.response))
    return `could not reach GitHub while ${action} in ${repo}${detail}; check GITHUB_API_URL and the network`;
  if (status === 401) return `GitHub rejected the token while ${action} in ${repo} (401${detail}); check GITHUB_TOKEN`;
  if (status === 403 || status === 429) {
    const headers = e.response?.headers ?? {};
    if (String(headers['x-ratelimit-remaining']) === '0') {
      const reset = Number(headers['x-ratelimit-reset']);
      const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : '';
      return `GitHub's API rate limit is used up${when} while ${action} in ${repo} (${status}); try again later`;
    }
    return `GitHub refused ${action} in ${repo} (${status}${detail}); the token needs write access to issues, pull requests and checks`;
  }
  if (status === 404)
    return notFound ?? `not found while ${action} in ${repo} (404); check --repo and that the token can see the repository`;
  if (status >= 500) return `GitHub failed while ${action} in ${repo} (${status}${detail}), also after retrying; try again later`;
  return `GitHub rejected ${action} in ${repo} (${status}${detail})`;
}

/** Runs one GitHub call, turning a failure into a GitHubError with a one-line description. */
export async function githubStep<T>(action: string, repo: string, call: () => Promise<T>, notFound?: string): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof GitHubError) throw err;
    const status = typeof (err as RequestErrorLike | null)?.status === 'number' ? (err as RequestErrorLike).status : undefined;
    throw new GitHubError(describeGitHubError(err, action, repo, notFound), status);
  }
}
