import type { CatalogEntry, CypherResponse } from '../shared/api-types.js';
import { api } from './api.js';
import { parseConsoleInput, tableCsv } from './console-input.js';
import { h } from './dom.js';
import { download } from './export-view.js';

/**
 * The Cypher console: read-only queries against the active store with parameters (a JSON box, or
 * `:param name => value` lines), results as a table (downloadable as CSV); nodes and
 * relationships that come back go to onGraph for the canvas. Queries run are kept in a history
 * (this browser's localStorage); the catalog fills the examples, parameters included.
 */

interface HistoryEntry {
  query: string;
  params: string;
}

const HISTORY_KEY = 'viewer.consoleHistory';
const HISTORY_MAX = 50;

function loadHistory(): HistoryEntry[] {
  try {
    const v = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is HistoryEntry => typeof x?.query === 'string' && typeof x?.params === 'string') : [];
  } catch {
    return [];
  }
}

export function createCypherConsole(onGraph: (res: CypherResponse) => void): { setCatalog(c: CatalogEntry[]): void } {
  const textarea = document.getElementById('cypher') as HTMLTextAreaElement;
  const paramsBox = document.getElementById('cypher-params') as HTMLTextAreaElement;
  const button = document.getElementById('btn-run') as HTMLButtonElement;
  const csvButton = document.getElementById('btn-csv') as HTMLButtonElement;
  const select = document.getElementById('catalog') as HTMLSelectElement;
  const historySelect = document.getElementById('history') as HTMLSelectElement;
  const out = document.getElementById('console-output')!;
  let catalog: CatalogEntry[] = [];
  let history = loadHistory();
  let last: CypherResponse | null = null;

  const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

  const renderHistory = (): void => {
    historySelect.replaceChildren(
      h('option', { value: '' }, history.length ? `History (${history.length})…` : 'History (empty)'),
      ...history.map((e, i) => h('option', { value: String(i), title: e.query }, e.query.replace(/\s+/g, ' ').slice(0, 80))),
    );
  };
  const remember = (query: string, params: string): void => {
    history = [{ query, params }, ...history.filter((e) => !(e.query === query && e.params === params))].slice(0, HISTORY_MAX);
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
    } catch {
      // A full or blocked storage only loses the history.
    }
    renderHistory();
  };

  const run = async (): Promise<void> => {
    const input = parseConsoleInput(textarea.value, paramsBox.value);
    if (!input.ok) {
      out.replaceChildren(h('p', { class: 'error', 'data-testid': 'cypher-error' }, input.error));
      return;
    }
    if (!input.query) return;
    button.disabled = true;
    out.replaceChildren(h('p', { class: 'muted' }, 'Running…'));
    try {
      const res = await api.cypher(input.query, input.params);
      remember(textarea.value.trim(), paramsBox.value.trim());
      last = res;
      csvButton.disabled = res.rows.length === 0;
      const table = h('table', { 'data-testid': 'cypher-table' });
      table.append(h('tr', {}, ...res.columns.map((c) => h('th', {}, c))));
      for (const row of res.rows) table.append(h('tr', {}, ...row.map((v) => h('td', {}, cell(v)))));
      const note =
        `${res.rows.length} row(s) in ${res.elapsedMs} ms${res.truncated ? ' — row limit reached, result cut' : ''}` +
        (res.nodes.length ? `; ${res.nodes.length} node(s) and ${res.edges.length} relationship(s) drawn` : '');
      out.replaceChildren(h('p', { class: 'muted', 'data-testid': 'cypher-summary' }, note), table);
      if (res.nodes.length) onGraph(res);
    } catch (err) {
      out.replaceChildren(h('p', { class: 'error', 'data-testid': 'cypher-error' }, (err as Error).message));
    } finally {
      button.disabled = false;
    }
  };

  button.addEventListener('click', () => void run());
  for (const box of [textarea, paramsBox]) {
    box.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        void run();
      }
    });
  }
  csvButton.addEventListener('click', () => {
    if (!last) return;
    download(new Blob([tableCsv(last.columns, last.rows)], { type: 'text/csv;charset=utf-8' }), 'query-result.csv');
  });
  select.addEventListener('change', () => {
    const entry = catalog.find((c) => c.name === select.value);
    if (entry) {
      textarea.value = entry.cypher;
      paramsBox.value = entry.params && Object.keys(entry.params).length ? JSON.stringify(entry.params, null, 1) : '';
    }
    select.title = entry?.description ?? '';
  });
  historySelect.addEventListener('change', () => {
    const entry = history[Number(historySelect.value)];
    if (entry) {
      textarea.value = entry.query;
      paramsBox.value = entry.params;
    }
    historySelect.value = '';
  });
  renderHistory();

  return {
    setCatalog: (c) => {
      catalog = c;
      select.replaceChildren(h('option', { value: '' }, 'Examples…'), ...c.map((e) => h('option', { value: e.name, title: e.description }, e.name)));
    },
  };
}
