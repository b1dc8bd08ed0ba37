import type { ConferenceDetail, EdgeDetail, MovesResponse, NodeDetail, OtherDetail, PersonDetail, PositionDetail, Source, Succession } from '../shared/api-types.js';
import { spellPeriod, statusBadges, timelineChart } from './career-chart.js';
import { h } from './dom.js';
import { edgeLookOf, lookOf } from './node-types.js';

/**
 * The right panel. A person opens on the career chart (spells on a time axis, sources one click
 * away), then successions, who they are seen with, conferences by role and, folded, the mentions
 * resolution joined. A post shows its holders over time and the successions between them; a
 * conference its date, place, organizers and participants; an edge its evidence. Every fact
 * shows its source sentence and article.
 */
export interface DetailPanel {
  show(detail: NodeDetail): void;
  showEdge(detail: EdgeDetail): void;
  showMoves(moves: MovesResponse): void;
  loading(name: string): void;
  error(message: string): void;
  clear(): void;
}

export interface DetailActions {
  open(id: string): void;
  ego(id: string): void;
  expand(id: string): void;
  close(): void;
}

export function createDetailPanel(root: HTMLElement, act: DetailActions): DetailPanel {
  const link = (id: string, name: string): HTMLElement => {
    const a = h('a', { class: 'node-link', 'data-id': id, href: `?node=${encodeURIComponent(id)}` }, name);
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      act.open(id);
    });
    return a;
  };
  const sources = (list: Source[]): HTMLElement[] =>
    list
      .filter((s) => s.sentence || s.article)
      .map((s) =>
        h(
          'span',
          { class: 'source' },
          s.sentence ? `“${s.sentence}”` : 'named in',
          h('span', { class: 'article' }, s.article ? ` — ${s.headline ? `${s.headline} ` : ''}(${s.article}${s.date ? `, ${s.date}` : ''})` : ''),
        ),
      );
  /** Sources behind a toggle, so long lists do not bury the panel. */
  const folded = (list: Source[], what = 'sources'): HTMLElement | null => {
    if (list.length === 0) return null;
    const d = h('details', { class: 'sources' }, h('summary', {}, `${list.length} ${list.length === 1 ? what.replace(/s$/, '') : what}`), ...sources(list));
    return d;
  };
  const closeBtn = (): HTMLElement => {
    const b = h('button', { class: 'close', type: 'button', title: 'Close the panel', 'aria-label': 'Close the panel' }, '×');
    b.addEventListener('click', () => act.close());
    return b;
  };
  const button = (text: string, title: string, fn: () => void, testid: string): HTMLElement => {
    const b = h('button', { type: 'button', title, 'data-testid': testid }, text);
    b.addEventListener('click', fn);
    return b;
  };
  const header = (type: string, name: string, extra: (HTMLElement | string | null)[] = []): HTMLElement[] => [
    h('div', { class: 'detail-head' }, h('span', { class: 'type-tag', style: `background:${lookOf(type).color}` }, type), closeBtn()),
    h('h2', {}, name),
    ...extra.filter((x): x is HTMLElement | string => x !== null).map((x) => (typeof x === 'string' ? h('p', { class: 'muted' }, x) : x)),
  ];

  const successionLine = (s: Succession, self: string | null): HTMLElement => {
    const who =
      s.successor.id === self
        ? ['succeeded ', link(s.predecessor.id, s.predecessor.name)]
        : s.predecessor.id === self
          ? [link(s.successor.id, s.successor.name), ' succeeded this person']
          : [link(s.successor.id, s.successor.name), ' succeeded ', link(s.predecessor.id, s.predecessor.name)];
    return h(
      'li',
      { 'data-testid': 'succession' },
      ...who,
      ` as ${s.position}`,
      h('span', { class: 'muted' }, ` — ${s.date ?? 'undated'}, ${s.inferred ? `inferred${s.basis ? ` (${s.basis})` : ''}` : 'stated'}`),
      folded(s.sources),
    );
  };

  const person = (d: PersonDetail): HTMLElement[] => {
    const f = d.facts;
    const years = f.firstSeen || f.lastSeen ? `seen ${f.firstSeen ?? '?'} → ${f.lastSeen ?? '?'}` : null;
    const facts = [f.provinces.join(', ') || null, f.latestPost, years, f.gender].filter(Boolean).join(' · ');
    const out: HTMLElement[] = [
      ...header('Person', d.node.name, [facts || null, f.aliases.length ? `also written: ${f.aliases.join(', ')}` : null]),
      h(
        'div',
        { class: 'actions' },
        button('Seen with (ego view)', 'Draw who appears with this person, weighted by how often', () => act.ego(d.node.id), 'btn-ego'),
        button('Expand', "Draw this person's neighbours", () => act.expand(d.node.id), 'btn-detail-expand'),
      ),
      h('h3', {}, 'Career'),
    ];
    if (d.career.length) {
      const succBy = new Map<string, Succession[]>();
      for (const s of d.successions) succBy.set(s.positionId, [...(succBy.get(s.positionId) ?? []), s]);
      out.push(
        timelineChart(
          d.career.map((s) => ({
            label: link(s.positionId, s.title),
            sublabel: s.body,
            spell: s,
            notes: (succBy.get(s.positionId) ?? []).map((x) =>
              x.successor.id === d.node.id
                ? h('span', {}, 'succeeded ', link(x.predecessor.id, x.predecessor.name), h('span', { class: 'muted' }, ` (${x.date ?? 'undated'}, ${x.inferred ? 'inferred' : 'stated'})`))
                : h('span', {}, 'succeeded by ', link(x.successor.id, x.successor.name), h('span', { class: 'muted' }, ` (${x.date ?? 'undated'}, ${x.inferred ? 'inferred' : 'stated'})`)),
            ),
          })),
          sources,
          'career',
        ),
      );
    } else out.push(h('p', { class: 'muted' }, 'No posts recorded.'));
    if (d.successions.length) {
      out.push(h('h3', {}, `Successions (${d.successions.length})`));
      out.push(h('ul', { class: 'successions' }, ...d.successions.map((s) => successionLine(s, d.node.id))));
    }
    if (d.coAppearances.length) {
      out.push(h('h3', {}, 'Seen with'));
      const ul = h('ul', { class: 'co', 'data-testid': 'co-appearances' });
      for (const c of d.coAppearances) {
        const confs = h('ul', {}, ...c.conferences.map((x) => h('li', {}, link(x.id, x.name), h('span', { class: 'muted' }, ` ${x.date ?? ''}`))));
        ul.append(h('li', {}, link(c.id, c.name), h('span', { class: 'muted' }, ` ×${c.times}`), h('details', {}, h('summary', {}, 'shared conferences'), confs)));
      }
      out.push(ul);
    }
    for (const [role, confs] of Object.entries(d.conferencesByRole)) {
      out.push(h('h3', {}, `${role} (${confs.length})`));
      const ul = h('ul', {});
      for (const c of confs) ul.append(h('li', {}, link(c.id, c.name), ` ${c.date ?? ''}`, folded(c.sources)));
      out.push(ul);
    }
    if (d.mentions.total) {
      const list = h('ul', {}, ...d.mentions.items.map((m) => h('li', {}, `${m.name} — ${m.article}`, h('span', { class: 'muted' }, `${m.date ? ` (${m.date})` : ''}${m.link ? ` · joined: ${m.link}` : ' · first'}`))));
      const more = d.mentions.total > d.mentions.items.length ? h('p', { class: 'muted' }, `first ${d.mentions.items.length} of ${d.mentions.total}`) : null;
      out.push(h('details', { class: 'mentions', 'data-testid': 'mentions' }, h('summary', {}, `Resolution: ${d.mentions.total} mention${d.mentions.total === 1 ? '' : 's'}`), list, ...(more ? [more] : [])));
    }
    return out;
  };

  const position = (d: PositionDetail): HTMLElement[] => {
    const out: HTMLElement[] = [...header('Position', d.node.name, [d.body ? h('p', {}, 'Post of ', link(d.body.id, d.body.name)) : null]), h('h3', {}, `Holders over time (${d.holders.length})`)];
    out.push(
      d.holders.length
        ? timelineChart(
            d.holders.map((x) => ({ label: link(x.person.id, x.person.name), spell: x.spell })),
            sources,
            'holders',
          )
        : h('p', { class: 'muted' }, 'No holder recorded.'),
    );
    if (d.successions.length) {
      out.push(h('h3', {}, `Successions (${d.successions.length})`));
      out.push(h('ul', { class: 'successions' }, ...d.successions.map((s) => successionLine(s, null))));
    }
    return out;
  };

  const conference = (d: ConferenceDetail): HTMLElement[] => {
    const out: HTMLElement[] = [
      ...header('Conference', d.node.name),
      h('p', {}, h('b', {}, 'Date: '), d.date ?? 'unknown'),
      h('p', {}, h('b', {}, 'Place: '), d.place ?? 'unknown'),
      h('h3', {}, 'Organizers'),
    ];
    const orgs = h('ul', {});
    for (const o of d.organizers) orgs.append(h('li', {}, link(o.id, o.name), folded(o.sources)));
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
      if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      props.append(h('dt', {}, k), h('dd', {}, typeof v === 'string' ? v : JSON.stringify(v)));
    }
    const ul = h('ul', {});
    for (const n of d.neighbours) ul.append(h('li', {}, `${n.relation} `, link(n.id, n.name), h('span', { class: 'muted' }, ` (${n.type})`)));
    return [...header(d.node.type, d.node.name), props, h('h3', {}, `Connections (${d.neighbours.length})`), ul];
  };

  const edge = (d: EdgeDetail): HTMLElement[] => {
    const look = edgeLookOf(d.edge.type);
    const out: HTMLElement[] = [
      h('div', { class: 'detail-head' }, h('span', { class: 'type-tag', style: `background:${look.color}` }, d.edge.type), closeBtn()),
      h('h2', { 'data-testid': 'edge-title' }, link(d.source.id, d.source.name), ` — ${d.edge.label} → `, link(d.target.id, d.target.name)),
    ];
    if (d.edge.date) out.push(h('p', { class: 'muted' }, d.edge.date));
    if (d.edge.type === 'HELD') {
      const p = d.edge.properties;
      const text = (k: string): string | null => (typeof p[k] === 'string' && p[k] !== '' ? (p[k] as string) : null);
      const s = {
        startDate: text('startDate'),
        startEvent: text('startEvent'),
        endDate: text('endDate'),
        endEvent: text('endEvent'),
        endInferred: p.endInferred === true,
        status: text('status') ?? 'current',
        acting: p.acting === true,
        succeededOn: text('succeededOn'),
        firstSeen: text('firstSeen'),
        lastSeen: text('lastSeen'),
      };
      out.push(h('p', {}, spellPeriod(s), ' ', ...statusBadges(s)));
    }
    if (d.conferences) {
      out.push(h('h3', {}, `Seen together at ${d.conferences.length} conference${d.conferences.length === 1 ? '' : 's'}`));
      out.push(h('ul', { 'data-testid': 'shared-conferences' }, ...d.conferences.map((c) => h('li', {}, link(c.id, c.name), h('span', { class: 'muted' }, ` ${c.date ?? ''}`)))));
    }
    out.push(h('h3', {}, `Evidence (${d.sources.length})`));
    out.push(d.sources.length ? h('div', { 'data-testid': 'edge-evidence' }, ...sources(d.sources)) : h('p', { class: 'muted' }, 'No sentence stored for this edge (a structural link).'));
    return out;
  };

  const moves = (m: MovesResponse): HTMLElement[] => {
    const range = `${m.from ?? 'the start'} → ${m.to ?? 'the end'}`;
    const out: HTMLElement[] = [
      h('div', { class: 'detail-head' }, h('span', { class: 'type-tag', style: 'background:#555' }, 'Moves'), closeBtn()),
      h('h2', {}, `Moves, ${range}`),
      h('p', { class: 'muted' }, `${m.moves.length}${m.truncated ? '+' : ''} new post${m.moves.length === 1 ? '' : 's'} taken by people who held another before (stated start, else first seen).`),
    ];
    const ul = h('ul', { 'data-testid': 'moves' });
    for (const mv of m.moves) {
      ul.append(
        h(
          'li',
          {},
          h('b', {}, mv.to.start ?? ''),
          ' ',
          link(mv.person.id, mv.person.name),
          ': ',
          mv.from ? `${mv.from.title}${mv.from.body ? ` (${mv.from.body})` : ''} → ` : '',
          link(mv.to.positionId, `${mv.to.title}${mv.to.body ? ` (${mv.to.body})` : ''}`),
          ' ',
          ...statusBadges(mv.to),
          folded(mv.to.sources),
        ),
      );
    }
    out.push(ul);
    return out;
  };

  const put = (kind: string, children: HTMLElement[]): void => {
    root.replaceChildren(...children);
    root.dataset.kind = kind;
    root.scrollTop = 0;
  };

  return {
    show: (d) => {
      const body = d.kind === 'person' ? person(d) : d.kind === 'conference' ? conference(d) : d.kind === 'position' ? position(d) : other(d);
      const cut = d.truncated
        ? [h('p', { class: 'muted', 'data-testid': 'detail-truncated' }, 'Only the first connections are listed (cap reached); expand the node or use the console for all.')]
        : [];
      // The cut note goes under the heading (the first two elements).
      put(d.kind, [...body.slice(0, 2), ...cut, ...body.slice(2)]);
    },
    showEdge: (d) => put('edge', edge(d)),
    showMoves: (m) => put('moves', moves(m)),
    loading: (name) => put('loading', [h('p', { class: 'muted' }, `Loading ${name}…`)]),
    error: (m) => put('error', [h('div', { class: 'detail-head' }, h('span'), closeBtn()), h('p', { class: 'error' }, m)]),
    clear: () => put('empty', [h('p', { class: 'hint' }, 'Click a node or an edge to see its details; double-click a node to expand it.')]),
  };
}
