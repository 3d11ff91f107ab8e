import { sdgCss } from '../sdgs.js';

/** The website's only stylesheet: system fonts, high contrast, a visible focus ring, SDG colours as classes. */
export const SITE_CSS = `:root{--fg:#1b1b1b;--muted:#4a4a4a;--bg:#fff;--soft:#f4f5f7;--line:#d4d7dc;--link:#0a4fb0;--focus:#b34700;--ok:#0c5e2f;--warn:#7a3e00;--bad:#a4161a}
*{box-sizing:border-box}
html{font:106.25%/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg);-webkit-text-size-adjust:100%;text-rendering:optimizeLegibility}
body{margin:0}
a{color:var(--link);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip-link{position:absolute;left:.5rem;top:-4rem;padding:.5rem 1rem;background:var(--fg);color:#fff;z-index:1}
.skip-link:focus{top:.5rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.site-header,main,.site-footer{max-width:72rem;margin:0 auto;padding:0 1rem}
.site-header{display:flex;flex-wrap:wrap;gap:.5rem 2rem;align-items:center;justify-content:space-between;padding-top:1rem;padding-bottom:1rem;border-bottom:1px solid var(--line)}
.site-title{margin:0;font-weight:750;font-size:1.15rem;letter-spacing:-.01em}
.site-title a{color:var(--fg);text-decoration:none}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1.1rem;margin:0;padding:0;list-style:none;align-items:center}
nav a[aria-current]{font-weight:700;color:var(--fg)}
.nav-action a,.button{display:inline-block;padding:.3rem .9rem;border-radius:2rem;background:var(--link);color:#fff;font-weight:600;text-decoration:none}
.nav-action a[aria-current]{color:#fff}
main{padding-bottom:3rem}
main:focus{outline:none}
h1,h2,h3{line-height:1.25;letter-spacing:-.01em;text-wrap:balance}
h1{font-size:clamp(1.75rem,4vw,2.4rem);margin:1.5rem 0 .5rem}
h2{font-size:1.35rem;margin:2rem 0 .5rem}
h3{font-size:1.1rem;margin:1.25rem 0 .25rem}
p,li,dd{max-width:70ch}
.lead{color:var(--muted);font-size:1.15rem;margin-top:0}
.hero{padding:.5rem 0 1rem}
.filter-panel{margin:1rem 0;border:1px solid var(--line);border-radius:.5rem;background:var(--soft)}
.filter-panel[hidden]{display:none}
.filter-panel summary{cursor:pointer;padding:.6rem 1rem;font-weight:650}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.75rem;align-items:end;padding:0 1rem 1rem}
.filters label{display:block;font-weight:600;font-size:.95rem;margin-bottom:.2rem}
.filters input,.filters select,.filters button{width:100%;font:inherit;padding:.4rem .5rem;border:1px solid #6b6f76;border-radius:.3rem;background:#fff;color:var(--fg)}
.filters .search{grid-column:1/-1}
.filters button{cursor:pointer;background:var(--fg);color:#fff;border-color:var(--fg)}
.count{font-weight:600}
.cards{list-style:none;margin:0;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(min(100%,20rem),1fr))}
.card{display:flex;flex-direction:column;gap:.5rem;border:1px solid var(--line);border-radius:.6rem;padding:1rem;background:#fff;box-shadow:0 1px 2px rgb(0 0 0/.06)}
.card:hover{border-color:#9aa0a8}
.card[hidden]{display:none}
.card-head{display:flex;gap:.75rem;align-items:center}
.card h2,.card h3{margin:0;font-size:1.15rem}
.card p{margin:0}
.card-meta{color:var(--muted);font-size:.9rem}
.card-text{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:4;line-clamp:4;overflow:hidden}
.card .facts{margin-top:auto;font-size:.9rem}
.logo{flex:none;width:56px;height:56px;object-fit:contain;border-radius:.5rem}
.monogram{position:relative;display:inline-grid;place-items:center;overflow:hidden;font-weight:700;font-size:1.3rem;color:#fff}
.monogram img{position:absolute;inset:0;width:100%;height:100%;object-fit:contain;background:#fff}
.mono-0{background:#0a4fb0}.mono-1{background:#0c5e2f}.mono-2{background:#7a3e00}.mono-3{background:#6a1b9a}.mono-4{background:#a4161a}.mono-5{background:#00606b}.mono-6{background:#3c4a5c}.mono-7{background:#8a1c56}
.record-head{display:flex;gap:1rem;align-items:center}
.record-head h1{margin:1rem 0}
.sdgs{display:flex;flex-wrap:wrap;gap:.3rem;list-style:none;margin:0;padding:0}
.sdg{display:inline-flex;align-items:center;gap:.3rem;padding:.05rem .5rem .05rem .15rem;border-radius:.3rem;font-size:.8rem;font-weight:600}
.sdg-n{min-width:1.3rem;text-align:center;font-weight:800}
.inline{display:inline;margin:0;padding:0;list-style:none}
.inline li{display:inline}
.inline li+li::before{content:" · "}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0 0}
.facts dt{font-weight:600;color:var(--muted)}
.facts dd{margin:0}
.tags{display:flex;flex-wrap:wrap;gap:.35rem;list-style:none;margin:0;padding:0}
.tags li{background:var(--soft);border:1px solid var(--line);border-radius:1rem;padding:0 .6rem;font-size:.9rem}
.checklist{margin:1.5rem 0;padding:.25rem 1rem 1rem;border:1px solid var(--line);border-radius:.6rem;background:var(--soft)}
.checklist h2{margin:.75rem 0;font-size:1.15rem}
.checklist ol{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,17rem),1fr));gap:.3rem 1rem}
.checklist a{display:flex;gap:.4rem;align-items:baseline;text-decoration:none;color:var(--fg)}
.checklist a:hover{text-decoration:underline}
.mark{flex:none;width:1.3rem;height:1.3rem;display:inline-grid;place-items:center;border-radius:50%;color:#fff;font-weight:800;font-size:.8rem;align-self:center}
.verdict-pass .mark{background:var(--ok)}.verdict-warning .mark{background:var(--warn)}.verdict-fail .mark{background:var(--bad)}
.ind-id{font-weight:700;min-width:1.6rem}
.verdict{color:var(--muted)}
.source-links{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
.steps{padding-left:1.25rem}
.steps h2{font-size:1.2rem;margin:1.5rem 0 .25rem}
.evidence{list-style:none;padding:0;margin:.5rem 0}
.evidence>li{border-left:4px solid var(--line);padding:.25rem .75rem;margin:.5rem 0}
.text{white-space:pre-line;margin:.25rem 0}
.status{display:inline-block;padding:.1rem .6rem;border-radius:1rem;font-weight:600;background:#e6f4ea;color:var(--ok)}
.status.review{background:#fff4e5;color:var(--warn)}
.due{border-left:4px solid var(--warn);background:#fff4e5;padding:.25rem .75rem;margin:.75rem 0}
.due h4,.due h3{margin:.25rem 0;color:var(--warn)}
.indicator{border-top:1px solid var(--line);margin-top:1.5rem;scroll-margin-top:1rem}
.none{color:var(--muted);font-style:italic}
.changes{list-style:none;padding:0}
.changes>li{margin:.25rem 0}
.site-footer{border-top:1px solid var(--line);padding-top:1rem;padding-bottom:2rem;color:var(--muted);font-size:.9rem}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
${sdgCss()}
`;
