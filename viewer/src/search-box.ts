import type { SearchHit } from '../shared/api-types.js';
import { api } from './api.js';
import { h } from './dom.js';
import { lookOf } from './node-types.js';

/**
 * The search field: debounced queries to /api/search; each hit shows its type and what tells it
 * from namesakes (province, latest post, years seen). Enter picks the highlighted hit of the text
 * as typed: pressed before that text's answer has come, it waits for it, so it never picks a hit
 * of an earlier query.
 */
export function createSearchBox(input: HTMLInputElement, list: HTMLUListElement, onPick: (hit: SearchHit) => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The hits, and the text they answer. */
  let shown: { q: string; hits: SearchHit[] } = { q: '', hits: [] };
  let active = 0;
  let seq = 0;
  let pending: Promise<void> | null = null;

  const render = (): void => {
    const { hits } = shown;
    list.replaceChildren(
      ...hits.map((hit, i) => {
        const li = h(
          'li',
          { role: 'option', class: i === active ? 'active' : '', 'data-id': hit.id, 'aria-selected': String(i === active) },
          h('span', { class: 'hit-main' }, h('span', { class: 'hit-name' }, hit.name), hit.facts.length ? h('span', { class: 'hit-facts' }, hit.facts.join(' · ')) : null),
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
    shown = { q: hit.name, hits: [] };
    onPick(hit);
  };
  const run = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) {
      shown = { q: '', hits: [] };
      render();
      return Promise.resolve();
    }
    const p = api.search(q).then(
      (res) => {
        if (mine !== seq) return; // a newer keystroke has already asked again
        shown = { q, hits: res.hits };
        active = 0;
        render();
      },
      (err: unknown) => {
        if (mine !== seq) return;
        list.replaceChildren(h('li', { class: 'error' }, (err as Error).message));
        list.hidden = false;
      },
    );
    pending = p.finally(() => {
      if (pending === p) pending = null;
    });
    return p;
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 150);
  });
  input.addEventListener('keydown', (ev) => {
    const { hits } = shown;
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      active = (active + (ev.key === 'ArrowDown' ? 1 : hits.length - 1)) % Math.max(hits.length, 1);
      render();
      ev.preventDefault();
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      const q = input.value.trim();
      if (!q) return;
      if (shown.q === q && timer === undefined && !pending) {
        const hit = hits[active];
        if (hit) pick(hit);
        return;
      }
      // The hits on screen are for other text (or on their way): ask for this text, then pick.
      const asked = q;
      void run().then(() => {
        if (input.value.trim() === asked && shown.q === asked && shown.hits[0]) pick(shown.hits[active] ?? shown.hits[0]);
      });
    } else if (ev.key === 'Escape') {
      list.hidden = true;
    }
  });
  input.addEventListener('blur', () => setTimeout(() => (list.hidden = true), 100));
}
