import './style.css';
import type { GraphSlice } from '../shared/api-types.js';
import { api } from './api.js';
import { createCanvas } from './canvas.js';
import { createCypherConsole } from './cypher-console.js';
import { createDetailPanel } from './detail-panel.js';
import { exportJson, exportPng } from './export-view.js';
import { applyFilters } from './filters.js';
import { createSearchBox } from './search-box.js';
import { createSidebar } from './sidebar.js';
import { readViewState, writeViewState } from './view-state.js';

/** Wires the page together: canvas, search, filters, detail panel, console, exports and the URL. */

const OVERVIEW_LIMIT = 400;
const NEIGHBOUR_LIMIT = 300;

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const state = readViewState(location.search);
const canvas = createCanvas(byId('cy'));
const { cy } = canvas;
const status = byId('status');
const showing = byId('showing');

const refresh = (): void => {
  applyFilters(cy, state);
  writeViewState(state);
  showing.textContent = canvas.summary();
};
const sidebar = createSidebar(state, refresh);
const detail = createDetailPanel(byId('detail'), (id) => void focusNode(id));

const report = (message: string): void => {
  status.textContent = message;
};

function addSlice(slice: GraphSlice, anchor?: string): void {
  canvas.add(slice, anchor);
  sidebar.setTypes(
    slice.nodes.map((n) => n.type),
    slice.edges.map((e) => e.type),
  );
  if (slice.truncated) report(`Only part of the neighbourhood was loaded (cap reached).`);
  refresh();
}

async function expand(id: string): Promise<void> {
  report('Expanding…');
  try {
    addSlice(await api.neighbours(id, NEIGHBOUR_LIMIT), id);
    report('');
  } catch (err) {
    report(`Expand failed: ${(err as Error).message}`);
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
  detail.loading((el.data('name') as string | undefined) ?? id);
  try {
    const d = await api.detail(id);
    if (token === selection) detail.show(d);
  } catch (err) {
    if (token === selection) detail.error((err as Error).message);
  }
}

/** Brings a node onto the canvas (with its neighbours if it is not there yet), selects and centres it. */
async function focusNode(id: string): Promise<void> {
  if (cy.getElementById(id).empty()) await expand(id);
  await select(id);
  const el = cy.getElementById(id);
  if (el.nonempty()) cy.animate({ center: { eles: el }, duration: 250 });
}

cy.on('tap', 'node', (ev) => void select(ev.target.id() as string));
cy.on('dbltap', 'node', (ev) => void expand(ev.target.id() as string));

createSearchBox(byId('search-input'), byId('search-results'), (hit) => void focusNode(hit.id));
const cypherConsole = createCypherConsole((res) => {
  addSlice({ nodes: res.nodes, edges: res.edges, totalNodes: 0, totalEdges: 0, truncated: false });
  cy.fit(cy.elements(':visible'), 30);
});

byId('btn-fit').addEventListener('click', () => canvas.fit());
byId('btn-zoom-in').addEventListener('click', () => canvas.zoom(1.25));
byId('btn-zoom-out').addEventListener('click', () => canvas.zoom(0.8));
byId('btn-expand').addEventListener('click', () => state.node && void expand(state.node));
byId('btn-clear').addEventListener('click', () => {
  selection++; // a detail still on its way is for a node no longer selected
  canvas.clear();
  detail.clear();
  state.node = null;
  refresh();
});
byId('btn-overview').addEventListener('click', () => {
  report('Loading the overview…');
  overview().catch((err: unknown) => report(`Overview failed: ${(err as Error).message}`));
});
byId('btn-png').addEventListener('click', () => exportPng(cy));
byId('btn-json').addEventListener('click', () => exportJson(cy));

/** Replaces the canvas with the overview; the canvas is only cleared once the overview has arrived. */
async function overview(): Promise<void> {
  const slice = await api.overview(OVERVIEW_LIMIT);
  report('');
  canvas.clear();
  addSlice(slice);
}

async function start(): Promise<void> {
  try {
    const stats = await api.stats();
    canvas.setTotal(stats.nodes);
    sidebar.setTypes(stats.nodeTypes, stats.edgeTypes);
    sidebar.setDateRange(stats.dateRange.min, stats.dateRange.max);
    api.catalog().then(cypherConsole.setCatalog, () => undefined);
    if (state.node) await focusNode(state.node);
    else await overview();
    document.body.dataset.ready = 'true';
  } catch (err) {
    report(`Could not load the graph: ${(err as Error).message}`);
  }
}

// Exposed for the end-to-end tests and for poking at the graph from the devtools console.
(window as unknown as { viewer: unknown }).viewer = { cy, state };
void start();
