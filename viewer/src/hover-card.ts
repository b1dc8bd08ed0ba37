import type cytoscape from 'cytoscape';
import { h } from './dom.js';
import { edgeLookOf, lookOf } from './node-types.js';

/**
 * A card next to the pointer over a node or an edge: the node's name, type and what is folded
 * into it (latest post, province, years, posts; date, place, reports), or the edge's role between
 * its two ends, so the canvas reads at any zoom. The hovered edge also shows its label.
 */
export function attachHoverCard(cy: cytoscape.Core, card: HTMLElement): void {
  const place = (pos: { x: number; y: number }): void => {
    card.hidden = false;
    const box = cy.container()!.getBoundingClientRect();
    const w = card.offsetWidth;
    const hgt = card.offsetHeight;
    const x = Math.min(pos.x + 14, box.width - w - 4);
    const y = pos.y + 14 + hgt > box.height ? pos.y - hgt - 10 : pos.y + 14;
    card.style.left = `${Math.max(4, x)}px`;
    card.style.top = `${Math.max(4, y)}px`;
  };
  const hide = (): void => {
    card.hidden = true;
  };
  cy.on('mouseover', 'node', (ev) => {
    const n = ev.target as cytoscape.NodeSingular;
    const type = n.data('type') as string;
    const facts = (n.data('facts') as string[] | undefined) ?? [];
    card.replaceChildren(
      h('div', {}, h('span', { class: 'type-tag', style: `background:${lookOf(type).color}` }, type), ' ', h('b', {}, n.data('name') as string)),
      ...facts.map((f) => h('div', { class: 'muted' }, f)),
      h('div', { class: 'hint' }, 'click: details · double-click: expand'),
    );
    place(ev.renderedPosition ?? n.renderedPosition());
  });
  cy.on('mouseover', 'edge', (ev) => {
    const e = ev.target as cytoscape.EdgeSingular;
    e.addClass('hover');
    const type = e.data('type') as string;
    card.replaceChildren(
      h('div', {}, h('span', { class: 'type-tag', style: `background:${edgeLookOf(type).color}` }, e.data('label') as string)),
      h('div', {}, `${e.source().data('name') as string} → ${e.target().data('name') as string}`),
      h('div', { class: 'muted' }, (e.data('date') as string | null) ?? ''),
      h('div', { class: 'hint' }, 'click: the evidence'),
    );
    place(ev.renderedPosition ?? e.midpoint());
  });
  cy.on('mouseout', 'node, edge', (ev) => {
    (ev.target as cytoscape.SingularElementReturnValue).removeClass('hover');
    hide();
  });
  cy.on('viewport tapstart remove', hide);
}
