import { fold } from '../ingest/normalize.js';

/**
 * What a post's title says about how it is held, for career reasoning: whether it is a seat among
 * many (a member, a delegate) or an executive post one person fills at a time, and where it sits
 * on its body's ladder. General Vietnamese titles only; pure.
 */

/** Seats held by many at once: they say little about where a person works. */
const MEMBERSHIP = /^(uy vien|thanh vien|dai bieu|hoi vien|tinh uy vien|thanh uy vien|huyen uy vien|quan uy vien|thi uy vien|dang uy vien)\b/;

/** A seat among many ('Ủy viên Ban Thường vụ', 'đại biểu Quốc hội'), not an executive post. */
export function isMembership(title: string): boolean {
  return MEMBERSHIP.test(fold(title));
}

/**
 * An executive post (head, deputy head, director …): two people holding different ones in different
 * places at the same time are two people.
 */
export function isExecutive(title: string): boolean {
  return !isMembership(title) && fold(title) !== '';
}

/**
 * A post one person fills at a time (Chủ tịch, Bí thư, Giám đốc, Trưởng Ban, Phó Bí thư Thường
 * trực …): holders follow one another, so their order is a succession. Deputies ('Phó …') share the
 * rank with others unless they are the standing deputy ('Thường trực').
 */
export function isSingleHolder(title: string): boolean {
  const t = fold(title);
  if (!isExecutive(title)) return false;
  if (/^pho\b/.test(t)) return /\bthuong truc\b/.test(t);
  return true;
}

/**
 * The rung of a title on its body's ladder: deputy < standing deputy < head. 0 when unknown. A
 * career that moves to a higher rung of the same kind of body is the usual course.
 */
export function ladderRank(title: string): number {
  const t = fold(title);
  if (isMembership(title)) return 1;
  if (/^(pho|thu truong)\b/.test(t)) return /\bthuong truc\b/.test(t) ? 3 : 2;
  if (/^(chu tich|bi thu|giam doc|truong|tong|chu nhiem|tong bien tap|tong cuc truong|bo truong|cuc truong|vien truong|chanh)\b/.test(t)) return 4;
  return 0;
}
