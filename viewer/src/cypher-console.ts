import type { CatalogEntry, CypherResponse } from '../shared/api-types.js';
import { api } from './api.js';
import { h } from './dom.js';

/**
 * The Cypher console: read-only queries against the active store, results as a table; nodes and
 * relationships that come back are handed to onGraph for the canvas. The catalog fills the examples.
 */
export function createCypherConsole(onGraph: (res: CypherResponse) => void): { setCatalog(c: CatalogEntry[]): void } {
  const textarea = document.getElementById('cypher') as HTMLTextAreaElement;
  const button = document.getElementById('btn-run') as HTMLButtonElement;
  const select = document.getElementById('catalog') as HTMLSelectElement;
  const out = document.getElementById('console-output')!;
  let catalog: CatalogEntry[] = [];

  const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

  const run = async (): Promise<void> => {
    const query = textarea.value.trim();
    if (!query) return;
    button.disabled = true;
    out.replaceChildren(h('p', { class: 'muted' }, 'Running…'));
    try {
      const res = await api.cypher(query);
      const table = h('table', { 'data-testid': 'cypher-table' });
      table.append(h('tr', {}, ...res.columns.map((c) => h('th', {}, c))));
      for (const row of res.rows) table.append(h('tr', {}, ...row.map((v) => h('td', {}, cell(v)))));
      const note = `${res.rows.length} row(s) in ${res.elapsedMs} ms${res.truncated ? ' — row limit reached, result cut' : ''}` +
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
  textarea.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      void run();
    }
  });
  select.addEventListener('change', () => {
    const entry = catalog.find((c) => c.name === select.value);
    if (entry) textarea.value = entry.cypher;
    select.title = entry?.description ?? '';
  });

  return {
    setCatalog: (c) => {
      catalog = c;
      select.replaceChildren(h('option', { value: '' }, 'Examples…'), ...c.map((e) => h('option', { value: e.name, title: e.description }, e.name)));
    },
  };
}
