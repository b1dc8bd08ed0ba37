import { lookOf } from './node-types.js';
import type { ViewState } from './view-state.js';

/**
 * The left panel: node/edge type checkboxes, the date-range sliders and the legend.
 * It edits the shared ViewState and calls onChange; the legend doubles as a 'hide this type' toggle.
 */
export interface Sidebar {
  setTypes(nodeTypes: string[], edgeTypes: string[]): void;
  setDateRange(min: string | null, max: string | null): void;
}

const DAY = 86_400_000;
const toDay = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const fromDay = (d: number): string => new Date(d * DAY).toISOString().slice(0, 10);

export function createSidebar(state: ViewState, onChange: () => void): Sidebar {
  const nodeBox = document.getElementById('node-type-filters')!;
  const edgeBox = document.getElementById('edge-type-filters')!;
  const legend = document.getElementById('legend')!;
  const from = document.getElementById('date-from') as HTMLInputElement;
  const to = document.getElementById('date-to') as HTMLInputElement;
  const fromLabel = document.getElementById('date-from-label')!;
  const toLabel = document.getElementById('date-to-label')!;
  let nodeTypes: string[] = [];
  let edgeTypes: string[] = [];

  const checkbox = (box: HTMLElement, type: string, hidden: Set<string>): void => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = !hidden.has(type);
    input.dataset.type = type;
    input.addEventListener('change', () => {
      if (input.checked) hidden.delete(type);
      else hidden.add(type);
      render();
      onChange();
    });
    label.append(input, ` ${type}`);
    box.append(label);
  };

  const render = (): void => {
    nodeBox.replaceChildren();
    edgeBox.replaceChildren();
    legend.replaceChildren();
    for (const t of nodeTypes) checkbox(nodeBox, t, state.hiddenNodeTypes);
    for (const t of edgeTypes) checkbox(edgeBox, t, state.hiddenEdgeTypes);
    for (const t of nodeTypes) {
      const li = document.createElement('li');
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = lookOf(t).color;
      sw.style.borderRadius = lookOf(t).shape === 'ellipse' ? '50%' : '2px';
      li.append(sw, ` ${t} (${lookOf(t).shape})`);
      li.title = 'Click to hide or show this type';
      li.style.cursor = 'pointer';
      li.style.opacity = state.hiddenNodeTypes.has(t) ? '0.4' : '1';
      li.addEventListener('click', () => {
        if (state.hiddenNodeTypes.has(t)) state.hiddenNodeTypes.delete(t);
        else state.hiddenNodeTypes.add(t);
        render();
        onChange();
      });
      legend.append(li);
    }
  };

  const showDates = (): void => {
    fromLabel.textContent = state.from ?? '(any)';
    toLabel.textContent = state.to ?? '(any)';
  };
  const onSlide = (): void => {
    let a = Number(from.value);
    let b = Number(to.value);
    if (a > b) [a, b] = [b, a];
    // The full span means 'no date filter', so undated views stay unfiltered in the URL.
    state.from = a > Number(from.min) ? fromDay(a) : null;
    state.to = b < Number(to.max) ? fromDay(b) : null;
    showDates();
    onChange();
  };
  from.addEventListener('input', onSlide);
  to.addEventListener('input', onSlide);

  return {
    setTypes: (n, e) => {
      nodeTypes = [...new Set([...n, ...nodeTypes])].sort();
      edgeTypes = [...new Set([...e, ...edgeTypes])].sort();
      render();
    },
    setDateRange: (min, max) => {
      if (!min || !max) {
        from.disabled = to.disabled = true;
        showDates();
        return;
      }
      for (const input of [from, to]) {
        input.min = String(toDay(min));
        input.max = String(toDay(max));
      }
      from.value = String(state.from ? toDay(state.from) : toDay(min));
      to.value = String(state.to ? toDay(state.to) : toDay(max));
      showDates();
    },
  };
}
