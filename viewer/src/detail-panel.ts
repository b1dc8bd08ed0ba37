import type { ConferenceDetail, NodeDetail, OtherDetail, PersonDetail, Source } from '../shared/api-types.js';
import { h } from './dom.js';
import { lookOf } from './node-types.js';

/**
 * The right panel: a person's position timeline and conferences by role, a conference's date,
 * place, organizers and participant lists, each fact with its source sentence and article.
 */
export interface DetailPanel {
  show(detail: NodeDetail): void;
  loading(name: string): void;
  error(message: string): void;
  clear(): void;
}

export function createDetailPanel(root: HTMLElement, onOpen: (id: string) => void): DetailPanel {
  const link = (id: string, name: string): HTMLElement => {
    const a = h('span', { class: 'node-link', 'data-id': id }, name);
    a.addEventListener('click', () => onOpen(id));
    return a;
  };
  const sources = (list: Source[]): HTMLElement[] =>
    list
      .filter((s) => s.sentence || s.article)
      .map((s) =>
        h(
          'span',
          { class: 'source' },
          s.sentence ? `“${s.sentence}”` : '',
          h('span', { class: 'article' }, s.article ? ` — ${s.headline ? `${s.headline} ` : ''}(${s.article})` : ''),
        ),
      );
  const header = (d: NodeDetail): HTMLElement[] => [
    h('span', { class: 'type-tag', style: `background:${lookOf(d.node.type).color}` }, d.node.type),
    h('h2', {}, d.node.name),
  ];
  const period = (a: string | null, b: string | null): string =>
    a || b ? (a === b ? `${a}` : `${a ?? '?'} → ${b ?? '?'}`) : 'undated';

  const person = (d: PersonDetail): HTMLElement[] => {
    const timeline = h('ol', { class: 'timeline', 'data-testid': 'timeline' });
    for (const p of d.positions) {
      timeline.append(
        h(
          'li',
          {},
          h('b', {}, p.title),
          p.body ? ` — ${p.body}` : '',
          h('div', { class: 'muted' }, period(p.firstSeen, p.lastSeen)),
          ...sources(p.sources),
        ),
      );
    }
    const out: HTMLElement[] = [h('h3', {}, 'Position timeline'), d.positions.length ? timeline : h('p', { class: 'muted' }, 'No positions recorded.')];
    for (const [role, confs] of Object.entries(d.conferencesByRole)) {
      out.push(h('h3', {}, `${role} (${confs.length})`));
      const ul = h('ul', {});
      for (const c of confs) ul.append(h('li', {}, link(c.id, c.name), ` ${c.date ?? ''}`, ...sources(c.sources)));
      out.push(ul);
    }
    return out;
  };

  const conference = (d: ConferenceDetail): HTMLElement[] => {
    const out: HTMLElement[] = [
      h('p', {}, h('b', {}, 'Date: '), d.date ?? 'unknown'),
      h('p', {}, h('b', {}, 'Place: '), d.place ?? 'unknown'),
      h('h3', {}, 'Organizers'),
    ];
    const orgs = h('ul', {});
    for (const o of d.organizers) orgs.append(h('li', {}, link(o.id, o.name), ...sources(o.sources)));
    out.push(d.organizers.length ? orgs : h('p', { class: 'muted' }, 'None recorded.'));
    for (const [role, people] of Object.entries(d.participantsByRole)) {
      out.push(h('h3', {}, `${role} (${people.length})`));
      const ul = h('ul', {});
      for (const p of people) ul.append(h('li', {}, link(p.id, p.name), p.note ? ` — ${p.note}` : '', ...sources(p.sources)));
      out.push(ul);
    }
    if (d.articles.length) {
      out.push(h('h3', {}, 'Reported in'));
      const ul = h('ul', {});
      for (const a of d.articles) ul.append(h('li', {}, link(a.id, a.name), ` ${a.date ?? ''}`));
      out.push(ul);
    }
    return out;
  };

  const other = (d: OtherDetail): HTMLElement[] => {
    const props = h('dl', {});
    for (const [k, v] of Object.entries(d.node.properties)) {
      if (v === null || v === '' || k === 'search' || k === 'folded') continue;
      props.append(h('dt', {}, k), h('dd', {}, typeof v === 'string' ? v : JSON.stringify(v)));
    }
    const ul = h('ul', {});
    for (const n of d.neighbours) ul.append(h('li', {}, `${n.relation} `, link(n.id, n.name), h('span', { class: 'muted' }, ` (${n.type})`)));
    return [props, h('h3', {}, `Connections (${d.neighbours.length})`), ul];
  };

  return {
    show: (d) => {
      const body = d.kind === 'person' ? person(d) : d.kind === 'conference' ? conference(d) : other(d);
      const cut = d.truncated
        ? [h('p', { class: 'muted', 'data-testid': 'detail-truncated' }, 'Only the first connections are listed (cap reached); expand the node or use the console for all.')]
        : [];
      root.replaceChildren(...header(d), ...cut, ...body);
      root.dataset.kind = d.kind;
    },
    loading: (name) => root.replaceChildren(h('p', { class: 'muted' }, `Loading ${name}…`)),
    error: (m) => root.replaceChildren(h('p', { class: 'error' }, m)),
    clear: () =>
      root.replaceChildren(h('p', { class: 'hint' }, 'Click a node to see its details; double-click to expand its neighbours.')),
  };
}
