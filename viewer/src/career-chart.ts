import type { Source, Spell } from '../shared/api-types.js';
import { h } from './dom.js';

/**
 * Spells on a time axis: one row per spell (a career) or per holder (a post's holders), a bar
 * from start to end, the status marked (current, acting, former; an inferred end fades out), the
 * events that bound it, and its sources one click away (on the bar or the sources button).
 */

export interface ChartRow {
  /** The row's heading: the post (a career) or the person (a post's holders). */
  label: HTMLElement | string;
  sublabel?: string | null;
  spell: Spell;
  /** Lines under the bar (successions ...). */
  notes?: (HTMLElement | string)[];
}

const DAY = 86_400_000;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** The axis: whole years around every dated spell, with a tick per year (or per 2 or 5 years). */
function axisOf(rows: ChartRow[]): { from: number; to: number; ticks: { at: number; label: string }[] } | null {
  const dates = rows.flatMap((r) => [r.spell.start, r.spell.end]).filter((d): d is string => !!d);
  if (dates.length === 0) return null;
  const lo = Number(dates.reduce((a, b) => (a < b ? a : b)).slice(0, 4));
  const hi = Number(dates.reduce((a, b) => (a > b ? a : b)).slice(0, 4)) + 1;
  const span = hi - lo;
  const every = span > 24 ? 5 : span > 12 ? 2 : 1;
  const ticks: { at: number; label: string }[] = [];
  for (let y = lo; y <= hi; y += every) ticks.push({ at: day(`${y}-01-01`), label: String(y) });
  return { from: day(`${lo}-01-01`), to: day(`${hi}-01-01`), ticks };
}

const EVENT: Record<string, string> = {
  elected: 'elected',
  appointed: 'appointed',
  approved: 'approved',
  assigned: 'assigned',
  new: 'newly taken',
  relieved: 'relieved',
  retired: 'retired',
  dismissed: 'dismissed',
  replaced: 'replaced',
};
const eventText = (e: string | null): string => (e ? ` (${EVENT[e] ?? e})` : '');

/** '2018-03-01 (elected) → 2021-06-30 (relieved)', with 'first seen' / 'last seen' where no date is stated. */
export function spellPeriod(s: Pick<Spell, 'startDate' | 'startEvent' | 'endDate' | 'endEvent' | 'endInferred' | 'status' | 'firstSeen' | 'lastSeen' | 'succeededOn'>): string {
  const start = s.startDate ? `${s.startDate}${eventText(s.startEvent)}` : s.firstSeen ? `first seen ${s.firstSeen}` : 'start unknown';
  const end = s.endDate
    ? `${s.endDate}${eventText(s.endEvent)}${s.endInferred ? ', end inferred' : ''}`
    : s.succeededOn
      ? `${s.succeededOn} (successor took over${s.lastSeen ? `; last seen ${s.lastSeen}` : ''})`
      : s.status === 'former'
        ? `ended${s.lastSeen ? `, last seen ${s.lastSeen}` : ''}${s.endInferred ? ' (end inferred)' : ''}`
        : s.lastSeen
          ? `last seen ${s.lastSeen}`
          : 'end unknown';
  return `${start} → ${end}`;
}

export function statusBadges(s: Pick<Spell, 'status' | 'acting' | 'endInferred'>): HTMLElement[] {
  const out = [h('span', { class: `badge status-${s.status}`, 'data-status': s.status }, s.status)];
  if (s.acting && s.status !== 'acting') out.push(h('span', { class: 'badge status-acting' }, 'acting'));
  if (s.endInferred) out.push(h('span', { class: 'badge inferred' }, 'end inferred'));
  return out;
}

export function timelineChart(rows: ChartRow[], renderSources: (list: Source[]) => HTMLElement[], testid: string): HTMLElement {
  const axis = axisOf(rows);
  const root = h('div', { class: 'chart', 'data-testid': testid });
  const pct = (d: number): number => (axis ? ((d - axis.from) / Math.max(1, axis.to - axis.from)) * 100 : 0);
  if (axis) {
    const ticks = h('div', { class: 'axis', 'aria-hidden': 'true' });
    for (const t of axis.ticks) ticks.append(h('span', { class: 'tick', style: `left:${pct(t.at).toFixed(2)}%` }, t.label));
    root.append(ticks);
  }
  for (const row of rows) {
    const s = row.spell;
    const sources = h('div', { class: 'spell-sources', hidden: '' }, ...renderSources(s.sources));
    const toggle = h('button', { class: 'src-toggle', type: 'button', 'aria-expanded': 'false' }, s.sources.length === 1 ? '1 source' : `${s.sources.length} sources`);
    const flip = (): void => {
      const open = sources.hidden;
      sources.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
    };
    toggle.addEventListener('click', flip);
    const track = h('div', { class: 'track' });
    if (axis && (s.start || s.end)) {
      const a = day((s.start ?? s.end)!);
      const b = day((s.end ?? s.start)!);
      const cls = ['bar', `status-${s.acting && s.status === 'current' ? 'acting' : s.status}`];
      if (s.endInferred) cls.push('end-inferred');
      if (s.startDate) cls.push('start-stated');
      if (s.endDate) cls.push('end-stated');
      const bar = h('div', {
        class: cls.join(' '),
        role: 'button',
        tabindex: '0',
        title: `${spellPeriod(s)} — click for the sources`,
        style: `left:${pct(a).toFixed(2)}%;width:${Math.max(0, pct(b) - pct(a)).toFixed(2)}%`,
      });
      bar.addEventListener('click', flip);
      bar.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') (ev.preventDefault(), flip());
      });
      track.append(bar);
    } else track.append(h('span', { class: 'muted undated' }, 'undated'));
    root.append(
      h(
        'div',
        { class: 'spell', 'data-testid': 'spell', 'data-status': s.status, 'data-position': s.positionId },
        h('div', { class: 'spell-label' }, row.label, row.sublabel ? h('span', { class: 'muted' }, ` ${row.sublabel}`) : null, ' ', ...statusBadges(s)),
        track,
        h('div', { class: 'spell-dates muted' }, spellPeriod(s), ' · ', toggle),
        ...(row.notes ?? []).map((n) => h('div', { class: 'spell-note' }, n)),
        sources,
      ),
    );
  }
  return root;
}
