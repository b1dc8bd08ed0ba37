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

/** A post as held: title within a body ('Trưởng Ban Dân vận' of 'Tỉnh ủy Lâm Đồng'). */
export const Post = z.object({
  /** The full position as a reader writes it, abbreviations expanded, body completed. */
  text: z.string().min(1),
  title: z.string().min(1),
  org: Organization.nullable(),
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
});
export type Person = z.infer<typeof Person>;

export const Award = z.object({
  recipient: z.string().min(1),
  award: z.string().min(1),
  giver: z.string().nullable(),
  recipientLocality: z.string().nullable(),
});
export type Award = z.infer<typeof Award>;

/** Where a fact was read: the sentence and its [start, end) character offsets in the source text. */
export const Evidence = z.object({
  kind: z.enum(['role', 'position', 'award', 'organizer', 'date']),
  person: z.string().nullable(),
  /** The role, the position text, the award name, the organizer or the date. */
  value: z.string(),
  sentence: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Evidence = z.infer<typeof Evidence>;

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
  /** Province the report is about (its 'Tỉnh ủy', 'UBND tỉnh'), as named at the time of the report. */
  province: z.string().nullable(),
  conference: Conference,
  people: z.array(Person),
  awards: z.array(Award),
  evidence: z.array(Evidence),
});
export type Extraction = z.infer<typeof Extraction>;
