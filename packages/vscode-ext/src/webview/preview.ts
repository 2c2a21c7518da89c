/**
 * The preview webview's script: renders the model the extension posts, with DOM calls and
 * textContent only (no HTML from data), keeps the scroll position across updates and
 * reloads, and drops any model older than the one shown.
 */
import type { PreviewModel } from "../preview/preview-model.ts";

interface WebviewApi {
  postMessage(message: unknown): void;
  getState(): { scrollY?: number } | undefined;
  setState(state: { scrollY: number }): void;
}
declare function acquireVsCodeApi(): WebviewApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById("preview") as HTMLElement;
let shown = 0;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function tierTable(dimension: PreviewModel["dimensions"][number]): HTMLElement {
  const head = el(
    "tr",
    {},
    el("th", { scope: "col" }, "tier"),
    el("th", { scope: "col", class: "bar-col" }, ""),
    el("th", { scope: "col", class: "num" }, "customers"),
    el("th", { scope: "col", class: "num" }, "share"),
    el("th", { scope: "col", class: "num" }, "revenue share"),
  );
  const rows = dimension.tiers.map((t) => {
    const bar = el("div", { class: "bar", role: "presentation" });
    bar.style.width = `${t.percent}%`;
    const name = el("th", { scope: "row", class: "tier" }, t.label);
    if (t.label !== t.id) name.append(el("span", { class: "id" }, t.id));
    return el(
      "tr",
      { "data-tier": t.id },
      name,
      el("td", { class: "bar-col" }, bar),
      el("td", { class: "num count" }, t.countText),
      el("td", { class: "num share" }, t.shareText),
      el("td", { class: "num monetary" }, t.monetaryShareText),
    );
  });
  if (dimension.unassigned) {
    rows.push(
      el(
        "tr",
        { "data-tier": "(unassigned)", class: "unassigned" },
        el("th", { scope: "row", class: "tier" }, "unassigned"),
        el("td", { class: "bar-col" }),
        el("td", { class: "num count" }, dimension.unassigned.countText),
        el("td", { class: "num share" }, dimension.unassigned.shareText),
        el("td", { class: "num" }, ""),
      ),
    );
  }
  return el("table", { class: "tiers" }, el("thead", {}, head), el("tbody", {}, ...rows));
}

function matrixTable(matrix: NonNullable<PreviewModel["matrix"]>): HTMLElement {
  const head = el(
    "tr",
    {},
    el("th", { scope: "col" }, `${matrix.rows} \u2193 / ${matrix.columns} \u2192`),
    ...matrix.columnLabels.map((c) => el("th", { scope: "col", class: "num" }, c)),
  );
  const rows = matrix.cells.map((row) =>
    el(
      "tr",
      { "data-row": row.label },
      el("th", { scope: "row" }, row.label),
      ...row.counts.map((cell, i) => {
        const td = el(
          "td",
          { class: "num cell", "data-column": matrix.columnLabels[i] ?? "" },
          cell.text,
        );
        td.style.setProperty("--weight", String(cell.weight));
        return td;
      }),
    ),
  );
  return el("table", { class: "matrix" }, el("thead", {}, head), el("tbody", {}, ...rows));
}

function render(model: PreviewModel): void {
  const page = el("div", { class: "page" });
  page.append(el("h1", {}, model.title));
  if (model.data) page.append(el("p", { class: "data" }, model.data));
  if (model.notice) {
    page.append(
      el("p", { class: `notice ${model.notice.kind}`, role: "status" }, model.notice.text),
    );
  }
  for (const dimension of model.dimensions) {
    const heading = el("h2", {}, dimension.label);
    if (dimension.label !== dimension.id) heading.append(el("span", { class: "id" }, dimension.id));
    page.append(
      el(
        "section",
        { class: "dimension", "data-dimension": dimension.id },
        heading,
        tierTable(dimension),
      ),
    );
  }
  if (model.matrix) {
    page.append(
      el("section", { class: "matrix-section" }, el("h2", {}, "Matrix"), matrixTable(model.matrix)),
    );
  }
  if (model.changes) {
    const section = el(
      "section",
      { class: "changes" },
      el("h2", {}, "What this edit changes"),
      el("p", { class: "headline" }, model.changes.headline),
    );
    if (model.changes.moves.length) {
      const rows = model.changes.moves.map((m) =>
        el(
          "tr",
          { "data-move": `${m.dimension}:${m.from}:${m.to}` },
          el("td", {}, m.dimension),
          el("td", {}, m.from),
          el("td", { class: "arrow" }, "\u2192"),
          el("td", {}, m.to),
          el("td", { class: "num count" }, m.countText),
        ),
      );
      section.append(el("table", { class: "moves" }, el("tbody", {}, ...rows)));
    }
    for (const note of model.changes.notes) section.append(el("p", { class: "note" }, note));
    page.append(section);
  }
  const scrollY = window.scrollY;
  root.replaceChildren(page);
  window.scrollTo(0, scrollY);
}

window.addEventListener("message", (event: MessageEvent) => {
  const message = event.data as { type?: string; seq?: number; model?: PreviewModel };
  if (message.type !== "model" || !message.model || (message.seq ?? 0) <= shown) return;
  shown = message.seq ?? 0;
  render(message.model);
});

let saving: number | undefined;
window.addEventListener("scroll", () => {
  if (saving !== undefined) return;
  saving = window.setTimeout(() => {
    saving = undefined;
    vscode.setState({ scrollY: window.scrollY });
  }, 100);
});

const restored = vscode.getState()?.scrollY;
vscode.postMessage({ type: "ready" });
if (restored) {
  // Restore once the first model has made the page tall enough.
  const observer = new MutationObserver(() => {
    window.scrollTo(0, restored);
    observer.disconnect();
  });
  observer.observe(root, { childList: true });
}
