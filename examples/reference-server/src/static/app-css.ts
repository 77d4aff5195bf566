// The stylesheet of every page: small and readable, system fonts, contrast of at least 4.5:1 for
// text (WCAG AA), a visible focus outline on everything that takes focus, and tables that scroll
// on small screens. Served as /static/app.css.

/** The stylesheet's text. */
export const APP_CSS = `:root {
  --ink: #1b1f24;
  --muted: #4a525c;
  --paper: #ffffff;
  --tint: #f3f5f7;
  --line: #c9d0d8;
  --accent: #0b4f8a;
  --accent-ink: #ffffff;
  --danger: #9b1c1c;
  --ok: #1d6b35;
  --warn: #7a4b00;
  --focus: #c45a00;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink);
  background: var(--paper);
  line-height: 1.45;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--accent); color: var(--accent-ink); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .5rem 1rem; background: var(--accent); color: var(--accent-ink); }
header.top a, header.top .brand { color: var(--accent-ink); }
header.top .brand { font-weight: 700; font-size: 1.1rem; }
header.top nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
header.top a[aria-current] { font-weight: 700; text-decoration-thickness: 3px; }
header.top :focus-visible { outline-color: #ffd58a; }
header.top .session { margin-left: auto; display: flex; align-items: center; gap: .75rem; }
header.top .languages a { margin-right: .35rem; }
header.top button { background: transparent; color: var(--accent-ink); border: 1px solid var(--accent-ink); }
main { padding: 1rem; max-width: 80rem; margin: 0 auto; }
main:focus { outline: none; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
form.inline { display: inline; }
form.stack { display: grid; gap: .35rem; max-width: 28rem; }
form.stack button { justify-self: start; margin-top: .5rem; }
fieldset { border: 1px solid var(--line); padding: .75rem; margin: 0 0 1rem; }
label { font-weight: 600; }
input, select, textarea, button { font: inherit; }
input, select, textarea { padding: .35rem .5rem; border: 1px solid var(--muted); border-radius: 3px; background: var(--paper); color: var(--ink); }
button, .button { display: inline-block; padding: .4rem .9rem; border: 1px solid var(--accent); border-radius: 3px; background: var(--accent); color: var(--accent-ink); cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { background: var(--paper); color: var(--accent); }
button.danger { background: var(--danger); border-color: var(--danger); }
button:disabled { opacity: .6; cursor: not-allowed; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin-bottom: 1rem; }
.filters > div { display: grid; gap: .2rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--tint); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:hover { background: var(--tint); }
.error { color: var(--danger); font-weight: 600; }
.ok { color: var(--ok); font-weight: 600; }
.warn { color: var(--warn); font-weight: 600; }
.muted { color: var(--muted); }
.notice { border-left: 4px solid var(--accent); background: var(--tint); padding: .5rem .75rem; margin: 0 0 1rem; }
.notice.error { border-color: var(--danger); }
.badge { display: inline-block; padding: 0 .4rem; border: 1px solid var(--muted); border-radius: 999px; font-size: .85rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
dl.totals { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; margin: 0 0 1.25rem; }
dl.totals div { min-width: 7rem; }
dl.totals dt { color: var(--muted); font-size: .85rem; }
dl.totals dd { margin: 0; font-size: 1.25rem; font-weight: 600; font-variant-numeric: tabular-nums; }
progress { width: 100%; max-width: 28rem; height: 1.25rem; }
.login { max-width: 28rem; margin: 3rem auto; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
pre.mail { white-space: pre-wrap; background: var(--tint); padding: 1rem; border: 1px solid var(--line); }
@media (max-width: 40rem) { header.top .session { margin-left: 0; } }
@media print { header.top, .skip, form button { display: none; } }
`;
