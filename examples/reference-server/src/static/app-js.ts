// The script of every page: no framework, progressive enhancement only (every page works without
// it). Served as /static/app.js.
//
// - `[data-progress-url]`: a <progress> element (or a container holding one) that polls a JSON
//   URL answering `{ done, total, finished, message? }` every second, until finished; then the
//   page reloads when the element has `data-progress-reload`, or goes to `data-progress-done`.
// - `input[type=checkbox][data-select-all]`: checks or unchecks every checkbox named by its value
//   (`data-select-all="caseIds"`) in the same form, and follows them (mixed state when some are).
// - `[data-confirm]` on a button or form: asks before submitting.
// - `form[data-autosubmit] select`: a filter form submits when a select changes.

/** The script's text. */
export const APP_JS = `// Incasso: progressive enhancement for the server-rendered pages.
"use strict";

function pollProgress(element) {
  const url = element.getAttribute("data-progress-url");
  const bar = element.tagName === "PROGRESS" ? element : element.querySelector("progress");
  const status = element.querySelector("[data-progress-status]") || document.querySelector("[data-progress-status]");
  let failures = 0;
  async function tick() {
    try {
      const response = await fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const state = await response.json();
      failures = 0;
      if (bar && typeof state.total === "number" && state.total > 0) {
        bar.max = state.total;
        bar.value = state.done;
        bar.textContent = Math.round((100 * state.done) / state.total) + "%";
      }
      if (status && typeof state.message === "string") status.textContent = state.message;
      if (state.finished) {
        const done = element.getAttribute("data-progress-done");
        if (done && done.startsWith("/")) window.location.assign(done);
        else if (element.hasAttribute("data-progress-reload")) window.location.reload();
        return;
      }
    } catch (error) {
      failures += 1;
      if (failures > 5) {
        if (status) status.textContent = "…";
        return;
      }
    }
    window.setTimeout(tick, 1000);
  }
  tick();
}

function selectAll(master) {
  const name = master.getAttribute("data-select-all");
  const scope = master.form || document;
  const boxes = () =>
    Array.from(scope.querySelectorAll('input[type="checkbox"]')).filter((box) => box.name === name && !box.disabled);
  function follow() {
    const list = boxes();
    const checked = list.filter((box) => box.checked).length;
    master.checked = list.length > 0 && checked === list.length;
    master.indeterminate = checked > 0 && checked < list.length;
  }
  master.addEventListener("change", () => {
    for (const box of boxes()) box.checked = master.checked;
    master.indeterminate = false;
  });
  scope.addEventListener("change", (event) => {
    if (event.target !== master && event.target.name === name) follow();
  });
  follow();
}

function confirmBefore(element) {
  const question = element.getAttribute("data-confirm");
  const target = element.tagName === "FORM" ? element : element.closest("form");
  if (!target) return;
  const handler = (event) => {
    if (!window.confirm(question)) event.preventDefault();
  };
  if (element.tagName === "FORM") target.addEventListener("submit", handler);
  else element.addEventListener("click", handler);
}

function autosubmit(form) {
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", () => form.requestSubmit());
  }
}

function enhance() {
  for (const element of document.querySelectorAll("[data-progress-url]")) pollProgress(element);
  for (const master of document.querySelectorAll('input[type="checkbox"][data-select-all]')) selectAll(master);
  for (const element of document.querySelectorAll("[data-confirm]")) confirmBefore(element);
  for (const form of document.querySelectorAll("form[data-autosubmit]")) autosubmit(form);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
else enhance();
`;
