/** The website's only stylesheet: system fonts, high contrast, a visible focus ring. */
export const SITE_CSS = `:root{--fg:#1b1b1b;--muted:#4a4a4a;--bg:#fff;--soft:#f3f4f6;--line:#c9ccd1;--link:#0a4fb0;--focus:#b34700;--ok:#0c5e2f;--warn:#7a3e00}
*{box-sizing:border-box}
html{font:100%/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0}
a{color:var(--link)}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip-link{position:absolute;left:.5rem;top:-4rem;padding:.5rem 1rem;background:var(--fg);color:#fff;z-index:1}
.skip-link:focus{top:.5rem}
.site-header,main,.site-footer{max-width:64rem;margin:0 auto;padding:0 1rem}
.site-header{display:flex;flex-wrap:wrap;gap:.5rem 2rem;align-items:center;justify-content:space-between;padding-top:1rem;padding-bottom:1rem;border-bottom:1px solid var(--line)}
.site-title{margin:0;font-weight:700;font-size:1.15rem}
.site-title a{color:var(--fg);text-decoration:none}
nav ul{display:flex;flex-wrap:wrap;gap:1rem;margin:0;padding:0;list-style:none}
nav a[aria-current]{font-weight:700;color:var(--fg)}
main{padding-bottom:2rem}
main:focus{outline:none}
h1{font-size:1.9rem;line-height:1.2;margin:1.5rem 0 .5rem}
h2{font-size:1.35rem;margin:2rem 0 .5rem}
h3{font-size:1.1rem;margin:1.25rem 0 .25rem}
.lead{color:var(--muted);font-size:1.1rem;margin-top:0}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem;align-items:end;margin:1.5rem 0 1rem;padding:1rem;background:var(--soft);border:1px solid var(--line);border-radius:.4rem}
.filters[hidden]{display:none}
.filters label{display:block;font-weight:600;font-size:.95rem;margin-bottom:.2rem}
.filters input,.filters select,.filters button{width:100%;font:inherit;padding:.4rem .5rem;border:1px solid #6b6f76;border-radius:.3rem;background:#fff;color:var(--fg)}
.filters .search{grid-column:1/-1}
.filters button{cursor:pointer;background:var(--fg);color:#fff;border-color:var(--fg)}
.count{font-weight:600}
.cards{list-style:none;margin:0;padding:0;display:grid;gap:1rem}
.card{border:1px solid var(--line);border-radius:.4rem;padding:1rem}
.card[hidden]{display:none}
.card h2,.card h3{margin:0 0 .25rem;font-size:1.2rem}
.card p{margin:.25rem 0}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0 0}
.facts dt{font-weight:600;color:var(--muted)}
.facts dd{margin:0}
.tags{display:flex;flex-wrap:wrap;gap:.35rem;list-style:none;margin:0;padding:0}
.tags li{background:var(--soft);border:1px solid var(--line);border-radius:1rem;padding:0 .6rem;font-size:.9rem}
.evidence{list-style:none;padding:0;margin:.5rem 0}
.evidence>li{border-left:4px solid var(--line);padding:.25rem .75rem;margin:.5rem 0}
.text{white-space:pre-line;margin:.25rem 0}
.status{display:inline-block;padding:.1rem .6rem;border-radius:1rem;font-weight:600;background:#e6f4ea;color:var(--ok)}
.status.review{background:#fff4e5;color:var(--warn)}
.due{border-left:4px solid var(--warn);background:#fff4e5;padding:.25rem .75rem;margin:.75rem 0}
.due h4,.due h3{margin:.25rem 0;color:var(--warn)}
.indicator{border-top:1px solid var(--line);margin-top:1.5rem}
.none{color:var(--muted);font-style:italic}
.changes>li{margin:.25rem 0}
.site-footer{border-top:1px solid var(--line);padding-top:1rem;padding-bottom:2rem;color:var(--muted);font-size:.9rem}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
`;
