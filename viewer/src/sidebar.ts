import { EDGE_ORDER } from './node-types.js';
import { renderLegend } from './legend.js';
import type { ViewState } from './view-state.js';

/**
 * The left panel (collapsible): what the overview unfolds, node and edge type checkboxes, the
 * date range, whether mentions are drawn, and a line saying what the filters hide. The legend
 * (drawn on the canvas) doubles as a 'hide this type' toggle. It edits the shared ViewState and
 * calls onChange (filters) or onOverview (what the overview draws changed).
 */
export interface Sidebar {
  setTypes(nodeTypes: string[], edgeTypes: string[]): void;
  setDateRange(min: string | null, max: string | null): void;
  /** Re-reads the state (a saved view was restored). */
  sync(): void;
  /** The line on what the filters hide. */
  setFilterNote(text: string): void;
  /** The types drawn on the canvas: what the legend shows. */
  setDrawn(nodeTypes: string[], edgeTypes: string[]): void;
}

const DAY = 86_400_000;
const toDay = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const fromDay = (d: number): string => new Date(d * DAY).toISOString().slice(0, 10);

/** The types an overview can unfold, as the panel names them. */
const UNFOLD: [string, string][] = [
  ['Position', 'posts'],
  ['Organization', 'bodies'],
  ['Article', 'reports'],
  ['Award', 'awards'],
  ['Locality', 'places'],
];

export function createSidebar(state: ViewState, on: { change(): void; overview(): void; moves(): void }): Sidebar {
  const nodeBox = document.getElementById('node-type-filters')!;
  const edgeBox = document.getElementById('edge-type-filters')!;
  const unfoldBox = document.getElementById('unfold')!;
  const legend = document.getElementById('legend')!;
  const note = document.getElementById('filter-note')!;
  const mentions = document.getElementById('show-mentions') as HTMLInputElement;
  const from = document.getElementById('date-from') as HTMLInputElement;
  const to = document.getElementById('date-to') as HTMLInputElement;
  const fromLabel = document.getElementById('date-from-label')!;
  const toLabel = document.getElementById('date-to-label')!;
  let nodeTypes: string[] = [];
  let edgeTypes: string[] = [];
  let range: { min: string; max: string } | null = null;
  let drawn: { nodes: string[]; edges: string[] } = { nodes: [], edges: [] };

  const checkbox = (box: HTMLElement, type: string, text: string, checked: boolean, flip: (on: boolean) => void): void => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = checked;
    input.dataset.type = type;
    input.addEventListener('change', () => flip(input.checked));
    label.append(input, ` ${text}`);
    box.append(label);
  };
  const toggle = (set: Set<string>, type: string, show: boolean): void => {
    if (show) set.delete(type);
    else set.add(type);
  };

  const render = (): void => {
    nodeBox.replaceChildren();
    edgeBox.replaceChildren();
    unfoldBox.replaceChildren();
    for (const t of nodeTypes)
      checkbox(nodeBox, t, t, !state.hiddenNodeTypes.has(t), (show) => {
        toggle(state.hiddenNodeTypes, t, show);
        render();
        on.change();
      });
    for (const t of edgeTypes)
      checkbox(edgeBox, t, t, !state.hiddenEdgeTypes.has(t), (show) => {
        toggle(state.hiddenEdgeTypes, t, show);
        render();
        on.change();
      });
    for (const [t, text] of UNFOLD)
      checkbox(unfoldBox, t, text, state.unfold.has(t), (show) => {
        if (show) state.unfold.add(t);
        else state.unfold.delete(t);
        on.overview();
      });
    mentions.checked = state.mentions;
    renderLegend(
      legend,
      [
        ...nodeTypes.filter((t) => drawn.nodes.includes(t)).map((type) => ({ kind: 'node' as const, type })),
        ...edgeTypes.filter((t) => drawn.edges.includes(t)).map((type) => ({ kind: 'edge' as const, type })),
      ],
      { nodes: state.hiddenNodeTypes, edges: state.hiddenEdgeTypes },
      (e) => {
        const set = e.kind === 'node' ? state.hiddenNodeTypes : state.hiddenEdgeTypes;
        toggle(set, e.type, set.has(e.type));
        render();
        on.change();
      },
    );
  };
  mentions.addEventListener('change', () => {
    state.mentions = mentions.checked;
    on.change();
  });
  document.getElementById('btn-moves')!.addEventListener('click', () => on.moves());

  const showDates = (): void => {
    fromLabel.textContent = state.from ?? '(any)';
    toLabel.textContent = state.to ?? '(any)';
  };
  const placeSliders = (): void => {
    if (!range) return;
    from.value = String(state.from ? toDay(state.from) : toDay(range.min));
    to.value = String(state.to ? toDay(state.to) : toDay(range.max));
  };
  const onSlide = (): void => {
    let a = Number(from.value);
    let b = Number(to.value);
    if (a > b) [a, b] = [b, a];
    // The full span means 'no date filter', so undated views stay unfiltered in the URL.
    state.from = a > Number(from.min) ? fromDay(a) : null;
    state.to = b < Number(to.max) ? fromDay(b) : null;
    showDates();
    on.change();
  };
  from.addEventListener('input', onSlide);
  to.addEventListener('input', onSlide);

  const edgeRank = (t: string): number => {
    const i = EDGE_ORDER.indexOf(t);
    return i < 0 ? EDGE_ORDER.length : i;
  };

  return {
    setTypes: (n, e) => {
      // Mentions and names are bookkeeping: listed only once something drew them.
      nodeTypes = [...new Set([...n, ...nodeTypes])].sort();
      edgeTypes = [...new Set([...e, ...edgeTypes])].sort((a, b) => edgeRank(a) - edgeRank(b) || a.localeCompare(b));
      render();
    },
    setDateRange: (min, max) => {
      if (!min || !max) {
        from.disabled = to.disabled = true;
        showDates();
        return;
      }
      range = { min, max };
      for (const input of [from, to]) {
        input.min = String(toDay(min));
        input.max = String(toDay(max));
      }
      placeSliders();
      showDates();
    },
    sync: () => {
      placeSliders();
      showDates();
      render();
    },
    setDrawn: (n, e) => {
      const key = (x: string[]) => [...x].sort().join(',');
      if (key(n) === key(drawn.nodes) && key(e) === key(drawn.edges)) return;
      drawn = { nodes: n, edges: e };
      nodeTypes = [...new Set([...n, ...nodeTypes])].sort();
      edgeTypes = [...new Set([...e, ...edgeTypes])].sort((a, b) => edgeRank(a) - edgeRank(b) || a.localeCompare(b));
      render();
    },
    setFilterNote: (text) => {
      note.textContent = text;
      note.hidden = text === '';
    },
  };
}
