import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { slugOf } from '../util/slug.js';
import { escapeHtml } from './fields.js';

/** The form's page and assets, as published by `dpg build`. */
const NOMINATE_PAGE = 'nominate/index.html';
const NOMINATE_JS = 'assets/nominate.js';
const NOMINATE_CSS = 'assets/nominate.css';

/** The form's script, bundled for browsers by scripts/bundle.mjs. One literal URL, so bundling can relocate it. */
const SCRIPT_URL = new URL('../../dist/nominate.js', import.meta.url);

/** Nothing but our own script and stylesheet; the form sends nothing anywhere (no connect-src). */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

export interface NominateInput {
  config: Config;
  /** The registry folder, relative to the repository root. */
  registry: string;
  /** Paths of the registry's nomination files. */
  files: readonly string[];
  /** "owner/name" on GitHub; without it the form offers a download only. */
  repository?: string;
  branch?: string;
}

const NOMINATE_CSS_TEXT = `.nominate form { max-width: 46rem; }
.nominate .field, .nominate .group { margin: 0 0 1.25rem; }
.nominate fieldset { border: 1px solid #c8ccd0; border-radius: 4px; padding: .75rem 1rem; }
.nominate label, .nominate legend { display: block; font-weight: 600; }
.nominate .choice label { display: inline; font-weight: normal; }
.nominate input[type=text], .nominate input[type=url], .nominate textarea { box-sizing: border-box; width: 100%; padding: .4rem; font: inherit; }
.nominate .hint, .nominate .choice-note, .nominate .optional, .nominate .indicator { color: #555; font-weight: normal; }
.nominate .required { color: #8a1c1c; font-weight: normal; }
.nominate .problem { margin: .25rem 0; color: #8a1c1c; }
.nominate .problem.warning { color: #7a5200; }
.nominate .rule { font-size: .85em; color: #444; }
.nominate [aria-invalid=true] { border: 2px solid #8a1c1c; }
.nominate .summary, .nominate .outcome { border: 3px solid #8a1c1c; padding: .5rem 1rem; margin: 1rem 0; }
.nominate .note { border-left: 4px solid #7a5200; padding-left: .75rem; }
.nominate .entry { border-top: 1px dashed #c8ccd0; padding-top: .5rem; }
.nominate pre { overflow: auto; max-height: 30rem; background: #f6f8fa; padding: .75rem; }
.nominate .actions a, .nominate button { margin-right: .75rem; }
`;

/** The settings the form reads, as JSON inside the page: data, never run as script. */
function settingsJson(input: NominateInput): string {
  const settings = {
    config: { preset: input.config.preset, rules: input.config.rules, docsBaseUrl: input.config.docsBaseUrl },
    registry: input.registry,
    existingSlugs: input.files.map(slugOf).sort(),
    ...(input.repository ? { repository: input.repository, branch: input.branch ?? 'main' } : {}),
  };
  return JSON.stringify(settings).replace(/</g, '\\u003c');
}

export function renderNominatePage(input: NominateInput): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>Nominate a digital public good</title>
<link rel="stylesheet" href="../assets/site.css">
<link rel="stylesheet" href="../${NOMINATE_CSS}">
<script type="application/json" id="nominate-settings">${settingsJson(input)}</script>
<script src="../${NOMINATE_JS}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><p class="site-title"><a href="../index.html">Digital public goods</a></p></header>
<main id="main" class="nominate" tabindex="-1">
<h1>Nominate a digital public good</h1>
<noscript><p>This form needs JavaScript; without it, write the nomination file with <code>dpg new</code> (see the project's docs/new.md).</p></noscript>
<p>The form asks the questions of the DPG Standard and checks each answer on this page with the same rules as the registry. Nothing is sent anywhere: your answers are kept in this browser until you take the finished file to GitHub${input.repository ? ` (${escapeHtml(input.repository)})` : ''} or download it.</p>
<section id="step-eligibility" aria-labelledby="step-eligibility-title">
<h2 id="step-eligibility-title" tabindex="-1">Step 1 of 2: can it be a digital public good?</h2>
<p>Five minutes with the DPG Standard's eligibility questions, before the full nomination.</p>
<div id="eligibility-summary" class="summary" role="alert" tabindex="-1" hidden></div>
<form id="eligibility" novalidate>
<div id="eligibility-fields"></div>
<button type="submit">Continue</button>
</form>
<div id="eligibility-outcome" class="outcome" role="alert" tabindex="-1" hidden></div>
</section>
<section id="step-nomination" aria-labelledby="step-nomination-title" hidden>
<h2 id="step-nomination-title" tabindex="-1">Step 2 of 2: the nomination</h2>
<p id="eligibility-note" class="note" hidden></p>
<p><button type="button" id="back-to-eligibility">Back to the eligibility questions</button> <button type="button" id="start-over">Start again</button></p>
<div id="nomination-summary" class="summary" role="alert" tabindex="-1" aria-labelledby="nomination-summary-title" hidden></div>
<form id="nomination" novalidate>
<div id="nomination-fields"></div>
<button type="submit">Check and make the file</button>
</form>
<section id="nomination-output" aria-labelledby="nomination-output-title" hidden>
<h2 id="nomination-output-title" tabindex="-1">Your nomination file: <code id="yaml-file-name"></code></h2>
<p class="actions"><a id="open-github" href="#" rel="noopener" hidden>Propose it on GitHub</a> <a id="download" href="#">Download the file</a></p>
<p id="github-note"></p>
<pre id="yaml-text"></pre>
</section>
</section>
</main>
</body>
</html>
`;
}

/**
 * The form's files for `dpg build`: the registry's repository on GitHub is the one the build runs for
 * in GitHub Actions (GITHUB_REPOSITORY, on the branch GITHUB_REF_NAME); elsewhere the form offers a download only.
 */
export function nominateSiteFiles(options: {
  config: Config;
  root: string;
  registryDir: string;
  files: readonly string[];
  env: Record<string, string | undefined>;
}): Map<string, string> {
  const registry = path.relative(options.root, options.registryDir).split(path.sep).join('/') || '.';
  const repository = options.env.GITHUB_REPOSITORY;
  const branch = options.env.GITHUB_REF_TYPE === 'branch' ? options.env.GITHUB_REF_NAME : undefined;
  return nominateFiles({
    config: options.config,
    registry,
    files: options.files,
    ...(repository && /^[\w.-]+\/[\w.-]+$/.test(repository) ? { repository, branch: branch || 'main' } : {}),
  });
}

/** The page and its assets (path in the site → content); none when the form's script was not built. */
function nominateFiles(input: NominateInput): Map<string, string> {
  if (!existsSync(SCRIPT_URL)) return new Map();
  return new Map([
    [NOMINATE_PAGE, renderNominatePage(input)],
    [NOMINATE_JS, readFileSync(SCRIPT_URL, 'utf8')],
    [NOMINATE_CSS, NOMINATE_CSS_TEXT],
  ]);
}
