import { plainPost } from '../../graph/article-rows.js';
import { articleId, evidencePointer, organizationId, personId, positionId, sentenceEntry, stableId } from '../../graph/ids.js';
import { fold, toneKey } from '../../ingest/normalize.js';
import { emptyBatch, type GraphBatch, validateBatch } from '../../graph/schema.js';

/**
 * Invented careers for the viewer's career chart, post holders and successions (names, bodies and
 * sentences written for these tests; none comes from a real report):
 *
 * - Quách Minh Khôi (Bắc Ninh): Phó Chủ tịch UBND tỉnh 2018-03-01 → 2021-06-30 (former, relieved),
 *   Chủ tịch UBND tỉnh from 2021-07-01 (acting, last seen 2022-02-10), Bí thư Tỉnh ủy seen
 *   2023-01-05 → 2024-05-20 (current). Two mentions resolved to him.
 * - Kha Văn Lực (Bắc Ninh): Chủ tịch UBND tỉnh 2015-01-01 → 2021-06-30, the end inferred;
 *   Quách Minh Khôi succeeded him (stated, 2021-07-01).
 * - Kha Văn Lực (Hà Giang): a namesake, Giám đốc Sở Nội vụ.
 * - Giáp Thị Hiền and Khổng Minh Tấn: seen with Quách Minh Khôi at two and one conferences.
 */

export const FX = {
  khoi: personId('Quách Minh Khôi', 'bắc ninh'),
  luc: personId('Kha Văn Lực', 'bắc ninh'),
  lucHaGiang: personId('Kha Văn Lực', 'hà giang'),
  hien: personId('Giáp Thị Hiền', 'bắc ninh'),
  tan: personId('Khổng Minh Tấn', 'bắc ninh'),
};

const ubnd = organizationId('UBND tỉnh Bắc Ninh', 'bắc ninh');
const tinhUy = organizationId('Tỉnh ủy Bắc Ninh', 'bắc ninh');
const soNoiVu = organizationId('Sở Nội vụ tỉnh Hà Giang', 'hà giang');

export const FX_POS = {
  vice: positionId('Phó Chủ tịch UBND tỉnh', ubnd, 'bắc ninh'),
  chair: positionId('Chủ tịch UBND tỉnh', ubnd, 'bắc ninh'),
  secretary: positionId('Bí thư Tỉnh ủy', tinhUy, 'bắc ninh'),
  director: positionId('Giám đốc Sở Nội vụ', soNoiVu, 'hà giang'),
};

const art = (n: number) => articleId(`fixture-career-${n}`);
export const FX_ART = { a1: art(1), a2: art(2), a3: art(3), a4: art(4) };
export const FX_CONF = { c1: stableId('Conference', 'fixture-career-c1'), c2: stableId('Conference', 'fixture-career-c2') };

/** The sentences the fixture's facts were "read from". */
export const FX_SENTENCES = {
  elected: 'Kỳ họp đã bầu đồng chí Quách Minh Khôi giữ chức Phó Chủ tịch UBND tỉnh Bắc Ninh.',
  relieved: 'Hội đồng nhân dân tỉnh miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh đối với đồng chí Quách Minh Khôi.',
  acting: 'Đồng chí Quách Minh Khôi, Quyền Chủ tịch UBND tỉnh Bắc Ninh phát biểu tại hội nghị.',
  succeeded: 'Đồng chí Quách Minh Khôi được giao điều hành UBND tỉnh thay đồng chí Kha Văn Lực nghỉ hưu.',
  secretary: 'Đồng chí Quách Minh Khôi, Bí thư Tỉnh ủy Bắc Ninh chủ trì hội nghị.',
  chairLuc: 'Đồng chí Kha Văn Lực, Chủ tịch UBND tỉnh Bắc Ninh dự hội nghị.',
  director: 'Đồng chí Kha Văn Lực, Giám đốc Sở Nội vụ tỉnh Hà Giang báo cáo tại hội nghị.',
  attendHien: 'Dự hội nghị có đồng chí Giáp Thị Hiền và đồng chí Quách Minh Khôi.',
};

/** Each article's sentences, as ingest stores them on Article.sentences; evidence points into them. */
let sentencesOf = new Map<string, string[]>();
const ev = (article: string, sentence: string): string => {
  const list = sentencesOf.get(article) ?? sentencesOf.set(article, []).get(article)!;
  if (!list.includes(sentence)) list.push(sentence);
  return evidencePointer(article, list.indexOf(sentence));
};

function person(name: string, scope: string, province: string, sources: string[], firstSeen: string, lastSeen: string, latestPost: string | null) {
  return {
    id: personId(name, scope),
    name,
    nameKey: toneKey(name),
    plainName: fold(name),
    scope,
    aliases: [],
    sources,
    provinces: [province],
    gender: null,
    firstSeen,
    lastSeen,
    latestPost,
    mentions: sources.length,
  };
}

function held(source: string, target: string, spell: Partial<Record<'firstSeen' | 'lastSeen' | 'startDate' | 'startEvent' | 'endDate' | 'endEvent' | 'succeededOn', string>> & { status: string; endInferred?: boolean; sources: string[]; evidence: string[] }) {
  return {
    from: 'Person' as const,
    to: 'Position' as const,
    source,
    target,
    asOf: spell.lastSeen ?? null,
    firstSeen: spell.firstSeen ?? null,
    lastSeen: spell.lastSeen ?? null,
    startDate: spell.startDate ?? null,
    startEvent: spell.startEvent ?? null,
    endDate: spell.endDate ?? null,
    endEvent: spell.endEvent ?? null,
    endInferred: spell.endInferred ?? false,
    acting: spell.status === 'acting',
    succeededOn: spell.succeededOn ?? null,
    status: spell.status,
    after: [],
    sources: spell.sources,
    evidence: spell.evidence,
  };
}

export function careerBatch(): GraphBatch {
  const b = emptyBatch();
  sentencesOf = new Map();
  const { a1, a2, a3, a4 } = FX_ART;
  const S = FX_SENTENCES;
  b.nodes.Article.push(
    { id: a1, file: 'fixture_001.txt', contentHash: 'fixture-career-1', headline: 'Kỳ họp thứ nhất HĐND tỉnh Bắc Ninh', publisher: null, publishedDate: '2018-03-02', eventDate: '2018-03-01', province: 'Bắc Ninh', sentences: [] },
    { id: a2, file: 'fixture_002.txt', contentHash: 'fixture-career-2', headline: 'Kỳ họp chuyên đề HĐND tỉnh Bắc Ninh', publisher: null, publishedDate: '2021-07-02', eventDate: '2021-07-01', province: 'Bắc Ninh', sentences: [] },
    { id: a3, file: 'fixture_003.txt', contentHash: 'fixture-career-3', headline: 'Hội nghị sơ kết công tác dân vận', publisher: null, publishedDate: '2022-02-10', eventDate: '2022-02-10', province: 'Bắc Ninh', sentences: [] },
    { id: a4, file: 'fixture_004.txt', contentHash: 'fixture-career-4', headline: 'Hội nghị tổng kết công tác dân vận', publisher: null, publishedDate: '2024-05-20', eventDate: '2024-05-20', province: 'Bắc Ninh', sentences: [] },
  );
  b.nodes.Person.push(
    person('Quách Minh Khôi', 'bắc ninh', 'Bắc Ninh', [a1, a2, a3, a4], '2018-03-01', '2024-05-20', 'Bí thư Tỉnh ủy Bắc Ninh'),
    person('Kha Văn Lực', 'bắc ninh', 'Bắc Ninh', [a2], '2015-01-01', '2021-06-30', 'Chủ tịch UBND tỉnh Bắc Ninh'),
    person('Kha Văn Lực', 'hà giang', 'Hà Giang', [a3], '2022-02-10', '2022-02-10', 'Giám đốc Sở Nội vụ tỉnh Hà Giang'),
    person('Giáp Thị Hiền', 'bắc ninh', 'Bắc Ninh', [a3, a4], '2022-02-10', '2024-05-20', null),
    person('Khổng Minh Tấn', 'bắc ninh', 'Bắc Ninh', [a4], '2024-05-20', '2024-05-20', null),
  );
  b.nodes.Organization.push(
    { id: ubnd, name: 'UBND tỉnh Bắc Ninh', kind: 'people_committee', scope: 'bắc ninh' },
    { id: tinhUy, name: 'Tỉnh ủy Bắc Ninh', kind: 'party_committee', scope: 'bắc ninh' },
    { id: soNoiVu, name: 'Sở Nội vụ tỉnh Hà Giang', kind: 'department', scope: 'hà giang' },
  );
  const post = (id: string, title: string, body: string, text: string, province: string) => ({ id, title, body, text, plain: plainPost(title, body), level: 'province', province, dirty: false });
  b.nodes.Position.push(
    post(FX_POS.vice, 'Phó Chủ tịch UBND tỉnh', 'UBND tỉnh Bắc Ninh', 'Phó Chủ tịch UBND tỉnh Bắc Ninh', 'Bắc Ninh'),
    post(FX_POS.chair, 'Chủ tịch UBND tỉnh', 'UBND tỉnh Bắc Ninh', 'Chủ tịch UBND tỉnh Bắc Ninh', 'Bắc Ninh'),
    post(FX_POS.secretary, 'Bí thư Tỉnh ủy', 'Tỉnh ủy Bắc Ninh', 'Bí thư Tỉnh ủy Bắc Ninh', 'Bắc Ninh'),
    post(FX_POS.director, 'Giám đốc Sở Nội vụ', 'Sở Nội vụ tỉnh Hà Giang', 'Giám đốc Sở Nội vụ tỉnh Hà Giang', 'Hà Giang'),
  );
  b.edges.OF.push(
    { from: 'Position', to: 'Organization', source: FX_POS.vice, target: ubnd },
    { from: 'Position', to: 'Organization', source: FX_POS.chair, target: ubnd },
    { from: 'Position', to: 'Organization', source: FX_POS.secretary, target: tinhUy },
    { from: 'Position', to: 'Organization', source: FX_POS.director, target: soNoiVu },
  );
  b.edges.HELD.push(
    held(FX.khoi, FX_POS.vice, { firstSeen: '2018-03-01', lastSeen: '2021-06-30', startDate: '2018-03-01', startEvent: 'elected', endDate: '2021-06-30', endEvent: 'relieved', status: 'former', sources: [a1, a2], evidence: [ev(a1, S.elected), ev(a2, S.relieved)] }),
    held(FX.khoi, FX_POS.chair, { firstSeen: '2021-07-01', lastSeen: '2022-02-10', startDate: '2021-07-01', startEvent: 'assigned', status: 'acting', sources: [a2, a3], evidence: [ev(a3, S.acting)] }),
    held(FX.khoi, FX_POS.secretary, { firstSeen: '2023-01-05', lastSeen: '2024-05-20', status: 'current', sources: [a4], evidence: [ev(a4, S.secretary)] }),
    held(FX.luc, FX_POS.chair, { firstSeen: '2015-01-01', lastSeen: '2021-06-30', endDate: '2021-06-30', endEvent: 'retired', endInferred: true, succeededOn: '2021-07-01', status: 'former', sources: [a2], evidence: [ev(a2, S.chairLuc)] }),
    held(FX.lucHaGiang, FX_POS.director, { firstSeen: '2022-02-10', lastSeen: '2022-02-10', status: 'current', sources: [a3], evidence: [ev(a3, S.director)] }),
  );
  b.edges.SUCCEEDED.push({
    from: 'Person',
    to: 'Person',
    source: FX.khoi,
    target: FX.luc,
    position: FX_POS.chair,
    date: '2021-07-01',
    inferred: false,
    basis: 'stated',
    sources: [a2],
    evidence: [ev(a2, S.succeeded)],
  });
  b.nodes.Conference.push(
    { id: FX_CONF.c1, title: 'Hội nghị sơ kết công tác dân vận', date: '2022-02-10', place: 'Bắc Ninh', online: false, bridgePoints: [], organizers: [], sources: [a3] },
    { id: FX_CONF.c2, title: 'Hội nghị tổng kết công tác dân vận', date: '2024-05-20', place: 'Bắc Ninh', online: false, bridgePoints: [], organizers: [], sources: [a4] },
  );
  b.edges.COVERS.push({ from: 'Article', to: 'Conference', source: a3, target: FX_CONF.c1 }, { from: 'Article', to: 'Conference', source: a4, target: FX_CONF.c2 });
  const role = (source: string, target: string, article: string, sentence: string) => ({ from: 'Person' as const, to: 'Conference' as const, source, target, sources: [article], evidence: [ev(article, sentence)] });
  b.edges.SPOKE_AT.push(role(FX.khoi, FX_CONF.c1, a3, S.acting));
  b.edges.CHAIRED.push(role(FX.khoi, FX_CONF.c2, a4, S.secretary));
  b.edges.ATTENDED.push(role(FX.hien, FX_CONF.c1, a3, S.attendHien), role(FX.hien, FX_CONF.c2, a4, S.attendHien), role(FX.tan, FX_CONF.c2, a4, S.attendHien));
  b.edges.REPORTED_AT.push(role(FX.lucHaGiang, FX_CONF.c1, a3, S.director));
  const mention = (n: number, article: string, date: string, link: string | null) => ({
    id: stableId('Mention', `fixture-career-m${n}`),
    article,
    name: 'Quách Minh Khôi',
    nameKey: toneKey('Quách Minh Khôi'),
    date,
    data: '{}',
    link,
  });
  const m1 = mention(1, a1, '2018-03-01', null);
  const m2 = mention(2, a4, '2024-05-20', 'same name, same province, posts in one body');
  // Resolved already (not dirty): an ingest after the fixture leaves these persons alone.
  const nameNode = { id: stableId('Name', toneKey('Quách Minh Khôi')), key: toneKey('Quách Minh Khôi'), dirty: false, judgements: '' };
  b.nodes.Mention.push(m1, m2);
  b.nodes.Name.push(nameNode);
  b.edges.REFERS_TO.push({ from: 'Mention', to: 'Person', source: m1.id, target: FX.khoi }, { from: 'Mention', to: 'Person', source: m2.id, target: FX.khoi });
  b.edges.NAMED.push({ from: 'Mention', to: 'Name', source: m1.id, target: nameNode.id }, { from: 'Mention', to: 'Name', source: m2.id, target: nameNode.id });

  // Sentences as ingest stores them: offsets into a text made of the sentences one per line.
  for (const row of b.nodes.Article) {
    let at = 0;
    row.sentences = (sentencesOf.get(row.id) ?? []).map((text) => {
      const entry = sentenceEntry({ text, start: at, end: at + text.length });
      at += text.length + 1;
      return entry;
    });
  }
  const issues = validateBatch(b);
  if (issues.length) throw new Error(`career fixture: ${issues.map((i) => `${i.where}.${i.path}: ${i.message}`).join('; ')}`);
  return b;
}
