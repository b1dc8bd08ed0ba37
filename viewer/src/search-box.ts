import type { SearchHit } from '../shared/api-types.js';
import { api } from './api.js';
import { h } from './dom.js';
import { lookOf } from './node-types.js';

/** The search field: debounced queries to /api/search, hits listed with their type; Enter/click picks one. */
export function createSearchBox(input: HTMLInputElement, list: HTMLUListElement, onPick: (hit: SearchHit) => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let hits: SearchHit[] = [];
  let active = 0;
  let seq = 0;

  const render = (): void => {
    list.replaceChildren(
      ...hits.map((hit, i) => {
        const li = h(
          'li',
          { role: 'option', class: i === active ? 'active' : '', 'data-id': hit.id },
          h('span', {}, hit.name),
          h('span', { class: 'type-tag', style: `background:${lookOf(hit.type).color}` }, hit.type),
        );
        li.addEventListener('mousedown', (ev) => {
          ev.preventDefault();
          pick(hit);
        });
        return li;
      }),
    );
    if (hits.length === 0 && input.value.trim()) list.append(h('li', { class: 'muted' }, 'No match'));
    list.hidden = !input.value.trim();
  };
  const pick = (hit: SearchHit): void => {
    list.hidden = true;
    input.value = hit.name;
    onPick(hit);
  };
  const run = async (): Promise<void> => {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) {
      hits = [];
      render();
      return;
    }
    try {
      const res = await api.search(q);
      if (mine !== seq) return; // a newer keystroke has already asked again
      hits = res.hits;
      active = 0;
      render();
    } catch (err) {
      list.replaceChildren(h('li', { class: 'error' }, (err as Error).message));
      list.hidden = false;
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 150);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      active = (active + (ev.key === 'ArrowDown' ? 1 : hits.length - 1)) % Math.max(hits.length, 1);
      render();
      ev.preventDefault();
    } else if (ev.key === 'Enter') {
      const hit = hits[active];
      if (hit) pick(hit);
    } else if (ev.key === 'Escape') {
      list.hidden = true;
    }
  });
  input.addEventListener('blur', () => setTimeout(() => (list.hidden = true), 100));
}
