import { toneKey } from '../../ingest/normalize.js';
import { positionId, organizationId, mentionId, placeKey, NATIONAL, stableId } from '../../graph/ids.js';
import { coNameKey, type MentionPost, type MentionRecord } from '../../graph/mention-record.js';

/**
 * Mentions written by hand for the resolution tests: invented officials, general posts. `post`
 * builds a post of a body in a province ('' for a national body); `mention` one report's mention.
 */

export interface PostSpec {
  title: string;
  body: string;
  /** Canonical province of the body; omitted for a national body. */
  province?: string;
  status?: 'current' | 'former';
  acting?: boolean;
  change?: 'start' | 'end' | null;
  event?: MentionPost['event'];
}

export function post(p: PostSpec): MentionPost {
  const scope = p.province ? placeKey(p.province) : NATIONAL;
  const org = organizationId(p.body, scope);
  return {
    pos: positionId(p.title, org, scope),
    title: p.title,
    org,
    body: p.body,
    level: p.province ? 'province' : 'national',
    province: p.province ?? '',
    status: p.status ?? 'current',
    acting: p.acting ?? false,
    change: p.change ?? null,
    event: p.event ?? null,
    ev: [0],
  };
}

export interface MentionSpec {
  article: string;
  name: string;
  date: string | null;
  province?: string | null;
  gender?: 'male' | 'female' | null;
  posts?: PostSpec[];
  co?: string[];
  roles?: { edge: string; conf: string }[];
  after?: { title: string; body: string; province?: string; predecessorArticle: string; predecessor: string }[];
}

export const articleOf = (file: string): string => stableId('Article', file);
/** The file each article id of these fixtures was made from. */
export const fileOfArticle = new Map<string, string>();

export function mention(s: MentionSpec): MentionRecord {
  const art = articleOf(s.article);
  fileOfArticle.set(art, s.article);
  const key = toneKey(s.name);
  return {
    id: mentionId(art, key),
    nameKey: key,
    data: {
      article: art,
      date: s.date,
      asOf: s.date,
      name: s.name,
      aliases: [],
      gender: s.gender ?? null,
      province: s.province ?? null,
      posts: (s.posts ?? []).map(post),
      roles: (s.roles ?? []).map((r) => ({ ...r, ev: [] })),
      awards: [],
      co: (s.co ?? []).map((n) => coNameKey(toneKey(n))),
      after: (s.after ?? []).map((a) => ({
        pos: post({ title: a.title, body: a.body, province: a.province }).pos,
        predecessor: mentionId(articleOf(a.predecessorArticle), toneKey(a.predecessor)),
        ev: [],
      })),
    },
  };
}
