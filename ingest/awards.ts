import { AWARD_NOUNS, AWARD_PASSIVE_RE, startsWithOrgHead } from './lexicon.js';
import { findNames } from './names.js';
import { awardName } from './mentions.js';
import { tidyBody } from './positions.js';
import type { Sentence } from './sentences.js';

/**
 * Awards to named bodies, not people: 'Sở Y tế tỉnh X vinh dự đón nhận Huân chương Lao động hạng Nhì',
 * 'trao Cờ thi đua của Chính phủ cho Ủy ban MTTQ huyện Y'. Counted collectives ('12 tập thể') name
 * no one and are left out. Pure: a sentence in, the body awards out (offsets relative to the sentence).
 */

export interface BodyAward {
  recipient: string;
  award: string;
  giver: string | null;
}

const GIVER_RE = /\scủa\s+([^,;.()"]+)/u;
const giverOf = (raw: string) => {
  const m = GIVER_RE.exec(raw);
  return m ? tidyBody(m[1]!.trim()) : null;
};
// The award's text: to the clause end, not into the next clause ('…, góp phần …').
const awardText = (rest: string) => {
  const stop = rest.search(/[;]|\.(?!\S)|,\s(?![^"]*")|\s(?:vì|do|cho|nhân dịp|tại)\s/u);
  return stop >= 0 ? rest.slice(0, stop) : rest;
};
const ACTIVE_BODY_RE = new RegExp(`(?<!\\p{L})(?:trao tặng|trao|tặng|truy tặng)\\s+(${AWARD_NOUNS}(?!\\p{L})[^;.]*?)\\s+(?:cho|tới)\\s+(?!các\\s|\\d)`, 'giu');

// The passive cue as a global scan, compiled once (not on every sentence that names an award).
const PASSIVE_G_RE = new RegExp(AWARD_PASSIVE_RE.source, 'giu');

/** A clause subject or object that is a body: an organization head, no person's name, a few words. */
function asBody(piece: string): string | null {
  const p = piece.trim().replace(/^(?:tập thể|đơn vị)\s+/iu, '');
  if (!p || !startsWithOrgHead(p) || p.split(/\s+/).length > 14 || findNames(p).length) return null;
  return tidyBody(p);
}

export function bodyAwards(s: Sentence): BodyAward[] {
  const text = s.text;
  const out: BodyAward[] = [];
  // Most sentences name no award: a cheap test on the words every award name has.
  if (!/chương|khen|[Cc]ờ thi đua|[Dd]anh hiệu|[Gg]iải thưởng/.test(text)) return out;
  // Passive: '<body> (vinh dự) được tặng / đón nhận <award>'.
  const pass = PASSIVE_G_RE;
  pass.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = pass.exec(text))) {
    const before = text.slice(0, m.index);
    const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf(' - '));
    const recipient = asBody(before.slice(cut + 1).replace(/^\s*-\s*/, '').replace(/(?:\s+(?:vinh dự|đã|cũng|vừa|đều|cùng))+\s*$/u, ''));
    const raw = awardText(text.slice(m.index + m[0].length));
    const award = awardName(raw);
    if (recipient && award) out.push({ recipient, award, giver: (m[1] ? tidyBody(m[1]) : null) ?? giverOf(raw) });
  }
  // Active: 'trao <award> cho <body>(, <body> và <body>)'.
  ACTIVE_BODY_RE.lastIndex = 0;
  while ((m = ACTIVE_BODY_RE.exec(text))) {
    const award = awardName(m[1]!);
    const list = text.slice(m.index + m[0].length).split(/[;.]/)[0]!;
    // Split where the next body starts ('Sở Văn hóa, Thể thao và Du lịch' stays one).
    const pieces: string[] = [];
    const parts = list.split(/(,\s*|\s+và\s+)/u);
    for (let i = 0; i < parts.length; i += 2) {
      const p = parts[i]!;
      if (pieces.length && !startsWithOrgHead(p.trim())) pieces[pieces.length - 1] += `${parts[i - 1]}${p}`;
      else pieces.push(p);
    }
    for (const piece of pieces) {
      const recipient = asBody(piece);
      if (recipient && award) out.push({ recipient, award, giver: giverOf(m[1]!) });
    }
  }
  return out;
}
