import './style.css';
import type { GraphSlice, OverviewSummary } from '../shared/api-types.js';
import { api } from './api.js';
import { createCanvas } from './canvas.js';
import { createCypherConsole } from './cypher-console.js';
import { createDetailPanel } from './detail-panel.js';
import { h } from './dom.js';
import { exportJson, exportPng } from './export-view.js';
import { applyFilters, describeFilters, type FilterSummary } from './filters.js';
import { attachHoverCard } from './hover-card.js';
import { createSearchBox } from './search-box.js';
import { createSidebar } from './sidebar.js';
import { type CanvasView, decodeCanvas, deleteView, encodeCanvas, readViewState, saveView, savedViews, viewQuery, writeUrl } from './view-state.js';

/** Wires the page together: canvas, search, filters, detail panel, console, exports, views and the URL. */

const OVERVIEW_LIMIT = 300;
const NEIGHBOUR_LIMIT = 300;
const EGO_LIMIT = 25;
const BOOKKEEPING = ['Mention', 'Name', 'Pending'];

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const state = readViewState(location.search);
const canvas = createCanvas(byId('cy'));
const { cy } = canvas;
const status = byId('status');
const showing = byId('showing');
/** People whose ego view is drawn (saved with the view: its edges are computed, not stored). */
const egoDrawn = new Set<string>();
const num = (n: number): string => n.toLocaleString('en');
/** Mentions and names in the store: counted apart, since they are resolution's records, not the graph analysts read. */
let bookkeeping = 0;

// ---- panels --------------------------------------------------------------------------------

const body = document.body;
// Narrow screens start with the filters folded away, so the canvas keeps the width.
if (window.innerWidth < 1200) body.classList.add('sidebar-closed');
const setPanel = (cls: string, open: boolean): void => {
  body.classList.toggle(cls, !open);
  byId(`btn-${cls.replace('-closed', '')}`).setAttribute('aria-expanded', String(open));
};
byId('btn-sidebar').addEventListener('click', () => setPanel('sidebar-closed', body.classList.contains('sidebar-closed')));
byId('btn-console').addEventListener('click', () => setPanel('console-closed', body.classList.contains('console-closed')));
const openDetail = (): void => body.classList.add('detail-open');
const closeDetail = (): void => {
  body.classList.remove('detail-open');
  detail.clear();
};

// ---- the URL ---------------------------------------------------------------------------------

let urlTimer: ReturnType<typeof setTimeout> | undefined;
let urlWrite: Promise<void> = Promise.resolve();
function canvasView(): CanvasView {
  return { nodes: canvas.placed().map((p) => [p.id, p.x, p.y]), edges: cy.edges().map((e) => e.id()), ego: [...egoDrawn], zoom: cy.zoom(), pan: cy.pan() };
}
async function writeNow(): Promise<void> {
  clearTimeout(urlTimer);
  urlTimer = undefined;
  const fragment = cy.nodes().length ? await encodeCanvas(canvasView()) : '';
  writeUrl(state, fragment);
}
function scheduleUrl(): void {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(() => {
    urlWrite = writeNow();
  }, 300);
}
cy.on('viewport dragfree', scheduleUrl);

// ---- what is shown ---------------------------------------------------------------------------

function summaryText(f: FilterSummary): string {
  const hidden = f.drawn - f.visible;
  const skipped = canvas.skipped();
  return (
    `showing ${f.visible} of ${f.drawn} nodes on the canvas` +
    (hidden ? ` (${hidden} hidden by filters)` : '') +
    ` · ${num(Math.max(canvas.total(), f.drawn))} in the store` +
    (bookkeeping ? ` (and ${num(bookkeeping)} mention records)` : '') +
    (skipped ? ` — capped at ${num(2000)}, ${num(skipped)} not drawn` : '')
  );
}

const refresh = (): void => {
  const f = applyFilters(cy, state);
  const typesOf = (list: { data(key: string): unknown }[]): string[] => [...new Set(list.map((e) => e.data('type') as string))];
  sidebar.setDrawn(typesOf(cy.nodes().toArray()), typesOf(cy.edges().toArray()));
  sidebar.setFilterNote(describeFilters(f));
  showing.textContent = summaryText(f);
  showing.title = describeFilters(f);
  scheduleUrl();
};
const sidebar = createSidebar(state, {
  change: refresh,
  overview: () => void runOverview(),
  moves: () => void showMoves(),
});

const report = (message: string): void => {
  status.textContent = message;
  status.hidden = message === '';
};

const detail = createDetailPanel(byId('detail'), {
  open: (id) => void focusNode(id),
  ego: (id) => void egoView(id),
  expand: (id) => void expand(id),
  close: closeDetail,
});

function addSlice(slice: GraphSlice, opts: { anchor?: string; positions?: Map<string, { x: number; y: number }> } = {}): string[] {
  const fresh = canvas.add(slice, opts);
  sidebar.setTypes(
    slice.nodes.map((n) => n.type),
    slice.edges.map((e) => e.type),
  );
  refresh();
  return fresh;
}

async function expand(id: string): Promise<void> {
  report('Expanding…');
  try {
    const slice = await api.neighbours(id, NEIGHBOUR_LIMIT, state.mentions ? BOOKKEEPING : []);
    addSlice(slice, { anchor: id });
    const name = slice.nodes.find((n) => n.id === id)?.name ?? id;
    report(slice.truncated ? `Only the first ${NEIGHBOUR_LIMIT} connections of ${name} were drawn (it has more); the console reaches the rest.` : '');
  } catch (err) {
    report(`Expand failed: ${(err as Error).message}`);
  }
}

async function egoView(id: string): Promise<void> {
  report('Loading who appears with whom…');
  try {
    const slice = await api.ego(id, EGO_LIMIT);
    egoDrawn.add(id);
    addSlice(slice, { anchor: cy.getElementById(id).nonempty() ? id : undefined });
    const name = slice.nodes.find((n) => n.id === id)?.name ?? id;
    const others = slice.nodes.length - 1;
    report(
      others
        ? `Seen with ${name}: ${others} ${others === 1 ? 'person' : 'people'} (at most ${EGO_LIMIT}); an edge's width is how many conferences they shared — click it for the list.`
        : `${name} shares no conference with anyone in the store.`,
    );
  } catch (err) {
    report(`Ego view failed: ${(err as Error).message}`);
  }
}

/** Bumped on every selection: a detail response for an earlier one arrives stale and is dropped. */
let selection = 0;

async function select(id: string): Promise<void> {
  const token = ++selection;
  state.node = id;
  refresh();
  cy.$(':selected').unselect();
  const el = cy.getElementById(id);
  el.select();
  openDetail();
  detail.loading((el.data('name') as string | undefined) ?? id);
  try {
    const d = await api.detail(id);
    if (token === selection) detail.show(d);
  } catch (err) {
    if (token === selection) detail.error((err as Error).message);
  }
}

async function selectEdge(id: string): Promise<void> {
  const token = ++selection;
  openDetail();
  detail.loading('the evidence');
  try {
    const d = await api.edge(id);
    if (token === selection) detail.showEdge(d);
  } catch (err) {
    if (token === selection) detail.error((err as Error).message);
  }
}

async function showMoves(): Promise<void> {
  const token = ++selection;
  openDetail();
  detail.loading('the moves');
  try {
    const m = await api.moves(state.from, state.to);
    if (token === selection) detail.showMoves(m);
  } catch (err) {
    if (token === selection) detail.error((err as Error).message);
  }
}

/** Brings a node onto the canvas (with its neighbours if it is not there yet), selects and centres it. */
async function focusNode(id: string): Promise<void> {
  report('');
  if (cy.getElementById(id).empty()) await expand(id);
  await select(id);
  const el = cy.getElementById(id);
  if (el.nonempty()) cy.animate({ center: { eles: el }, duration: 250 });
}

cy.on('tap', 'node', (ev) => void select(ev.target.id() as string));
cy.on('tap', 'edge', (ev) => void selectEdge(ev.target.id() as string));
cy.on('dbltap', 'node', (ev) => void expand(ev.target.id() as string));
attachHoverCard(cy, byId('hover-card'));

createSearchBox(byId('search-input'), byId('search-results'), (hit) => void focusNode(hit.id));
const cypherConsole = createCypherConsole((res) => {
  const fresh = addSlice({ nodes: res.nodes, edges: res.edges, totalNodes: 0, totalEdges: 0, truncated: false });
  // The result sits beside what was there; show both.
  cy.animate({ fit: { eles: cy.elements(':visible'), padding: 30 }, duration: 250 });
  report(fresh.length ? `The query drew ${fresh.length} new node${fresh.length === 1 ? '' : 's'}${cy.nodes().length > fresh.length ? ', placed beside what was on the canvas' : ''}.` : 'Everything the query returned is already on the canvas.');
});

byId('btn-fit').addEventListener('click', () => canvas.fit());
byId('btn-zoom-in').addEventListener('click', () => canvas.zoom(1.25));
byId('btn-zoom-out').addEventListener('click', () => canvas.zoom(0.8));
byId('btn-expand').addEventListener('click', () => state.node && void expand(state.node));
byId('btn-clear').addEventListener('click', () => {
  selection++; // a detail still on its way is for a node no longer selected
  canvas.clear();
  egoDrawn.clear();
  closeDetail();
  state.node = null;
  report('');
  refresh();
});
byId('btn-overview').addEventListener('click', () => void runOverview());
byId('btn-png').addEventListener('click', () => exportPng(cy));
byId('btn-json').addEventListener('click', () => exportJson(cy));

// ---- views: copy, save, restore ----------------------------------------------------------

const viewsList = byId<HTMLUListElement>('saved-views');
const renderViews = (): void => {
  const views = savedViews();
  viewsList.replaceChildren(
    ...(views.length
      ? views.map((v) => {
          const open = h('a', { href: v.url, 'data-testid': 'saved-view' }, v.name);
          const del = h('button', { type: 'button', title: `Forget ${v.name}`, 'aria-label': `Forget ${v.name}` }, '×');
          del.addEventListener('click', () => (deleteView(v.name), renderViews()));
          return h('li', {}, open, del);
        })
      : [h('li', { class: 'muted' }, 'No saved view yet.')]),
  );
};
byId('btn-save-view').addEventListener('click', async () => {
  const input = byId<HTMLInputElement>('view-name');
  const name = input.value.trim() || `View ${new Date().toLocaleString()}`;
  await writeNow();
  saveView(name, `${location.pathname}${location.search}${location.hash}`);
  input.value = '';
  renderViews();
  report(`Saved the view as “${name}” (in this browser).`);
});
byId('btn-copy-link').addEventListener('click', async () => {
  await writeNow();
  try {
    await navigator.clipboard.writeText(location.href);
    report('Link copied: it brings back this canvas, viewport and filters.');
  } catch {
    report(`Copy this link: ${location.href}`);
  }
});
renderViews();
// A saved view or pasted link opened in this tab: load it afresh.
window.addEventListener('hashchange', () => location.reload());

function overviewText(o: OverviewSummary): string {
  const names: Record<string, string> = { Position: 'posts', Organization: 'bodies', Article: 'reports', Award: 'awards', Locality: 'places' };
  const folded = Object.entries(o.folded).map(([t, n]) => `${num(n)} ${(names[t] ?? t).replace(/s$/, n === 1 ? '' : 's')}`);
  return (
    `Overview: ${num(o.people.shown)} of ${num(o.people.total)} people (those seen at the most conferences) and ${num(o.conferences.shown)} of ${num(o.conferences.total)} conferences joining them` +
    (folded.length ? `; folded in: ${folded.join(', ')}` : '') +
    (o.unfolded.length ? `; unfolded: ${o.unfolded.map((t) => names[t] ?? t).join(', ')}` : '') +
    '.'
  );
}

/** Replaces the canvas with the overview; the canvas is only cleared once the overview has arrived. */
async function overview(): Promise<void> {
  const slice = await api.overview(OVERVIEW_LIMIT, [...state.unfold]);
  canvas.clear();
  egoDrawn.clear();
  addSlice(slice);
  report(slice.overview ? overviewText(slice.overview) : '');
}

async function runOverview(): Promise<void> {
  report('Loading the overview…');
  try {
    await overview();
  } catch (err) {
    report(`Overview failed: ${(err as Error).message}`);
  }
}

/** A saved canvas: the same nodes at the same places, their edges, the ego views, the viewport. */
async function restore(view: CanvasView): Promise<void> {
  const positions = new Map(view.nodes.map(([id, x, y]) => [id, { x, y }]));
  // The edges that were drawn, no more: the store may hold others among the same nodes.
  const drawn = new Set(view.edges);
  const slice = await api.subgraph([...positions.keys()]);
  addSlice({ ...slice, edges: slice.edges.filter((e) => drawn.has(e.id)) }, { positions });
  for (const id of view.ego) {
    if (cy.getElementById(id).empty()) continue;
    const ego = await api.ego(id, EGO_LIMIT);
    egoDrawn.add(id);
    addSlice({ ...ego, nodes: ego.nodes.filter((n) => positions.has(n.id)), edges: ego.edges.filter((e) => drawn.has(e.id)) }, { positions });
  }
  cy.viewport({ zoom: view.zoom, pan: view.pan });
  const missing = positions.size - slice.nodes.length;
  report(missing > 0 ? `${missing} node${missing === 1 ? '' : 's'} of the saved view are no longer in the store.` : '');
}

async function start(): Promise<void> {
  try {
    const stats = await api.stats();
    bookkeeping = BOOKKEEPING.reduce((sum, t) => sum + (stats.counts?.[t] ?? 0), 0);
    canvas.setTotal(stats.nodes - bookkeeping);
    const types = state.mentions ? stats.nodeTypes : stats.nodeTypes.filter((t) => !BOOKKEEPING.includes(t));
    sidebar.setTypes(types, stats.edgeTypes.filter((t) => state.mentions || !['REFERS_TO', 'NAMED'].includes(t)));
    sidebar.setDateRange(stats.dateRange.min, stats.dateRange.max);
    api.catalog().then(cypherConsole.setCatalog, () => undefined);
    const view = await decodeCanvas(location.hash);
    if (view && view.nodes.length) {
      await restore(view);
      if (state.node) await select(state.node);
    } else if (state.node) await focusNode(state.node);
    else await overview();
    sidebar.sync();
    document.body.dataset.ready = 'true';
  } catch (err) {
    report(`Could not load the graph: ${(err as Error).message}`);
  }
}

// Exposed for the end-to-end tests and for poking at the graph from the devtools console.
(window as unknown as { viewer: unknown }).viewer = {
  cy,
  state,
  /** Writes the view into the URL now (tests; the page does it 300 ms after a change). */
  flushUrl: async () => {
    await urlWrite;
    await writeNow();
    return location.href;
  },
  query: () => viewQuery(state),
};
void start();
