import { z } from 'zod';

/**
 * The per-article extraction: the contract between ingest/ (which produces it) and graph/
 * (which loads it). Its top level follows ../shared/corpus/gold/*.json; the structured
 * fields (posts, organizations, localities, evidence) are what the graph needs beyond the gold shape.
 */

export const ROLES = ['chaired', 'attended', 'directed', 'spoke', 'reported', 'awarded'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ORG_KINDS = [
  'party_committee', // Tỉnh ủy, Thành ủy, Huyện ủy, Đảng ủy, Ban Chấp hành Trung ương
  'party_board', // Ban Dân vận, Ban Tuyên giáo, Ban Tổ chức, Ban Thường vụ, Bộ Chính trị, Ban Bí thư ...
  'peoples_committee', // Ủy ban nhân dân
  'peoples_council', // Hội đồng nhân dân
  'front', // Mặt trận Tổ quốc and its committees
  'mass_organization', // Hội Nông dân, Hội LHPN, Đoàn TNCS, Liên đoàn Lao động, Hội Cựu chiến binh
  'department', // Sở, Bộ, Cục, Tổng cục, Phòng
  'steering_committee', // Ban Chỉ đạo
  'national_assembly', // Quốc hội, Đoàn ĐBQH
  'government', // Chính phủ, Thủ tướng
  'other',
] as const;
export const OrgKind = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof OrgKind>;

export const LOCALITY_LEVELS = ['country', 'province', 'district', 'commune'] as const;
export const LocalityLevel = z.enum(LOCALITY_LEVELS);
export type LocalityLevel = z.infer<typeof LocalityLevel>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** A place: 'Lâm Đồng' (province), 'Hạ Long' (city, district level), 'xã Dân Chủ' (commune). */
export const Locality = z.object({
  name: z.string().min(1),
  level: LocalityLevel,
  /** Name of the enclosing locality when known (a commune's province, say). */
  parent: z.string().nullable(),
});
export type Locality = z.infer<typeof Locality>;

/** A body: 'Ban Dân vận Tỉnh ủy Lâm Đồng', kind party_board, in Lâm Đồng. */
export const Organization = z.object({
  name: z.string().min(1),
  kind: OrgKind,
  locality: Locality.nullable(),
});
export type Organization = z.infer<typeof Organization>;

/**
 * What a report's event does to a post: it starts it (elected 'bầu … giữ chức', appointed
 * 'bổ nhiệm', approved 'chuẩn y', assigned 'điều động, phân công … giữ chức', newly taken 'tân …')
 * or ends it (relieved 'miễn nhiệm', 'thôi giữ chức', retired 'nghỉ hưu', dismissed 'cách chức',
 * transferred away, replaced 'thay ông …').
 */
export const POST_EVENTS = ['elected', 'appointed', 'approved', 'assigned', 'newly', 'relieved', 'resigned', 'retired', 'dismissed', 'transferred', 'replaced', 'other'] as const;
export const PostEvent = z.enum(POST_EVENTS);
export type PostEvent = z.infer<typeof PostEvent>;

/** A post as held: title within a body ('Trưởng Ban Dân vận' of 'Tỉnh ủy Lâm Đồng'). */
export const Post = z.object({
  /** The full position as a reader writes it, abbreviations expanded, body completed. */
  text: z.string().min(1),
  title: z.string().min(1),
  org: Organization.nullable(),
  /** 'former': held before the report and not at it ('nguyên Bí thư …'); never a current post. */
  status: z.enum(['current', 'former']).default('current'),
  /** Held in an acting capacity ('quyền Chủ tịch', 'giao quyền …'). */
  acting: z.boolean().default(false),
  /** The report's event starts or ends this post (null: it is only seen held). */
  change: z.enum(['start', 'end']).nullable().default(null),
  /** The kind of that event. */
  event: PostEvent.nullable().default(null),
  /** The term written with the post ('khóa XVIII, nhiệm kỳ 2016-2021'), kept out of title and body. */
  term: z.string().nullable().default(null),
});
export type Post = z.infer<typeof Post>;

export const Person = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()),
  /** Gold shape: the position strings; posts[i] is the structured form of positions[i]. */
  positions: z.array(z.string()),
  posts: z.array(Post),
  roles: z.array(Role),
  /** Where the person comes from when the report says so ('Trương Văn A (xã Quảng Phong)'). */
  locality: Locality.nullable(),
  /** From the honorific ('ông' / 'bà') or a female middle name ('Thị'); null when the text does not say. */
  gender: z.enum(['male', 'female']).nullable().default(null),
});
export type Person = z.infer<typeof Person>;

export const Award = z.object({
  recipient: z.string().min(1),
  award: z.string().min(1),
  giver: z.string().nullable(),
  recipientLocality: z.string().nullable(),
});
export type Award = z.infer<typeof Award>;

/** A sentence facts were read from: its text and [start, end) character offsets in the source text. */
export const SourceSentence = z.object({
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type SourceSentence = z.infer<typeof SourceSentence>;

/**
 * Where a fact was read: an index into the extraction's `sentences`, so a sentence naming many
 * people is stored once per report (the output stays linear in the input).
 */
export const Evidence = z.object({
  kind: z.enum(['role', 'position', 'award', 'organizer', 'date', 'succession']),
  person: z.string().nullable(),
  /** The role, the position text, the award name, the organizer, the date or the succeeded post. */
  value: z.string(),
  sentence: z.number().int().nonnegative(),
});
export type Evidence = z.infer<typeof Evidence>;

/** A succession the report states: 'bầu ông Y … thay ông X', 'người tiền nhiệm', relieved X and elected Y to one post. */
export const Succession = z.object({
  /** The post, as in the successor's positions. */
  post: z.string().min(1),
  /** Names as in people[].name. */
  successor: z.string().min(1),
  predecessor: z.string().min(1),
  /** Index into `sentences`. */
  sentence: z.number().int().nonnegative(),
});
export type Succession = z.infer<typeof Succession>;

export const Conference = z.object({
  title: z.string().nullable(),
  organizers: z.array(z.string()),
  organizerOrgs: z.array(Organization),
  /** Gold shape: the name of the place the conference was held in, when known. */
  locality: z.string().nullable(),
  place: Locality.nullable(),
  online: z.boolean(),
  bridgePoints: z.array(z.string()),
});
export type Conference = z.infer<typeof Conference>;

export const Extraction = z.object({
  article: z.string().min(1),
  /** sha256 of the decoded, NFC-normalized source text. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  headline: z.string().nullable(),
  publisher: z.string().nullable(),
  eventDate: isoDate.nullable(),
  publishedDate: isoDate.nullable(),
  /**
   * The best date of the report for careers: the event date, else the publication date, else an
   * archive stamp (' date YYYY-MM[-DD]'; a month alone gives its first day); null when none.
   */
  reportDate: isoDate.nullable().default(null),
  reportDateBasis: z.enum(['event', 'published', 'stamp']).nullable().default(null),
  /** Province the report is about (its 'Tỉnh ủy', 'UBND tỉnh'), as named at the time of the report. */
  province: z.string().nullable(),
  conference: Conference,
  people: z.array(Person),
  awards: z.array(Award),
  successions: z.array(Succession).default([]),
  /** The sentences evidence points into, each once. */
  sentences: z.array(SourceSentence),
  evidence: z.array(Evidence),
}).superRefine((x, ctx) => {
  x.evidence.forEach((e, i) => {
    if (e.sentence >= x.sentences.length) ctx.addIssue({ code: 'custom', path: ['evidence', i, 'sentence'], message: `no sentence ${e.sentence}` });
  });
  x.successions.forEach((e, i) => {
    if (e.sentence >= x.sentences.length) ctx.addIssue({ code: 'custom', path: ['successions', i, 'sentence'], message: `no sentence ${e.sentence}` });
  });
});
export type Extraction = z.infer<typeof Extraction>;
/** An extraction as written to JSON (defaults not yet applied). */
export type ExtractionInput = z.input<typeof Extraction>;
