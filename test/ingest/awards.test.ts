import { describe, expect, it } from 'vitest';
import { bodyAwards } from '../../ingest/awards.js';
import { extractArticle } from '../../ingest/extract.js';
import { cleanText } from '../../ingest/normalize.js';

const awardsIn = (text: string) => {
  const t = cleanText(text);
  return bodyAwards({ start: 0, end: t.length, text: t, line: 0 }).map((a) => [a.recipient, a.award, a.giver]);
};

describe('awards to named bodies', () => {
  it("reads a body receiving an order or a flag: '<body> vinh dự đón nhận …', 'trao … cho <body>, <body> và <body>'", () => {
    expect(awardsIn('Dịp này, Sở Y tế tỉnh Yên Bái vinh dự đón nhận Huân chương Lao động hạng Nhì của Chủ tịch nước.')).toEqual([
      ['Sở Y tế tỉnh Yên Bái', 'Huân chương Lao động hạng Nhì', 'Chủ tịch nước'],
    ]);
    expect(awardsIn('Ông Vi Văn Kiên trao Cờ thi đua của Chính phủ cho Sở Văn hóa, Thể thao và Du lịch và Bệnh viện Đa khoa tỉnh.')).toEqual([
      ['Sở Văn hóa, Thể thao và Du lịch', 'Cờ thi đua', 'Chính phủ'],
      ['Bệnh viện Đa khoa tỉnh', 'Cờ thi đua', 'Chính phủ'],
    ]);
  });

  it('names no recipient for counted collectives or for a person (people are read with their mentions)', () => {
    expect(awardsIn('UBND tỉnh tặng Bằng khen cho 12 tập thể và 20 cá nhân.')).toEqual([]);
    expect(awardsIn('Ông Lò Văn Phấn được tặng Bằng khen của UBND tỉnh.')).toEqual([]);
  });

  it('puts body awards in the extraction with their evidence', () => {
    const x = extractArticle('a.txt', 'Sáng 2/9/2023, UBND tỉnh Yên Bái tổ chức lễ kỷ niệm. Dịp này, Hội Nông dân tỉnh vinh dự đón nhận Huân chương Lao động hạng Ba.');
    expect(x.awards).toEqual([{ recipient: 'Hội Nông dân tỉnh', award: 'Huân chương Lao động hạng Ba', giver: null, recipientLocality: null }]);
    const e = x.evidence.find((v) => v.kind === 'award');
    expect(x.sentences[e!.sentence]!.text).toContain('Hội Nông dân tỉnh');
  });
});
