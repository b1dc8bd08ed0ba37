import { describe, expect, it } from 'vitest';
import { awardId, conferenceId, organizationId, personId, placeKey, positionId, stableId } from '../../graph/ids.js';
import { canonicalTones, toneKey as fold } from '../../ingest/normalize.js';

describe('the folded key of ids (toneKey)', () => {
  it('folds tone-mark placement, case, eth and spacing', () => {
    expect(fold('Nguyễn Thị Hoà')).toBe(fold('nguyễn  thị HÒA'));
    expect(fold('Uỷ ban')).toBe(fold('Ủy ban'));
    expect(fold('Khoẻ')).toBe(fold('Khỏe'));
    expect(fold('Thuỷ')).toBe(fold('Thủy'));
    expect(fold('ÐẶNG Trí Dũng')).toBe('đặng trí dũng');
    expect(fold('Lâm Đồng')).toBe('lâm đồng');
  });

  it('keeps names that differ in letters or tone apart', () => {
    expect(fold('Hòa')).not.toBe(fold('Hoa'));
    expect(fold('Hòa')).not.toBe(fold('Hóa'));
    expect(fold('Dũng')).not.toBe(fold('Đũng'));
  });

  it('puts the tone mark where ingest does (hòa, Ủy), so ids and extraction agree', () => {
    expect(fold('Nguyễn Thị Hoà')).toBe('nguyễn thị hòa');
    expect(fold('Uỷ ban nhân dân')).toBe('ủy ban nhân dân');
    for (const s of ['Thuỷ', 'Khoẻ', 'Hoà', 'Uỷ']) expect(fold(s)).toBe(canonicalTones(s).toLowerCase());
  });

  it('drops punctuation around words', () => {
    expect(fold('Tỉnh ủy Lâm Đồng.')).toBe('tỉnh ủy lâm đồng');
    expect(fold('“Dân vận khéo”,  năm 2023')).toBe('dân vận khéo năm 2023');
  });

  it('is NFC-insensitive', () => {
    expect(fold('Hòa'.normalize('NFD'))).toBe(fold('Hòa'.normalize('NFC')));
  });

  it('drops the administrative word of a place', () => {
    expect(placeKey('tỉnh Lâm Đồng')).toBe(placeKey('Lâm Đồng'));
    expect(placeKey('Thành phố Hồ Chí Minh')).toBe('hồ chí minh');
  });
});

describe('stable ids', () => {
  it('are the same on every run and prefixed by kind', () => {
    expect(personId('Nguyễn Thị Hoà', 'lâm đồng')).toBe(personId('Nguyễn Thị Hòa', 'lâm đồng'));
    expect(personId('Nguyễn Thị Hoà', 'lâm đồng')).toMatch(/^per_[0-9a-f]{16}$/);
    expect(stableId('Award', 'x')).toMatch(/^awd_/);
  });

  it('tell namesakes in different scopes apart', () => {
    expect(personId('Trần Văn Khải', 'lâm đồng')).not.toBe(personId('Trần Văn Khải', 'quảng ninh'));
    expect(personId('Trần Văn Khải', 'national')).not.toBe(personId('Trần Văn Khải', 'lâm đồng'));
  });

  it('make a post its title within its body', () => {
    const org = organizationId('Tỉnh ủy Lâm Đồng', 'lâm đồng');
    expect(positionId('Phó Bí thư', org, 'lâm đồng')).toBe(positionId('phó bí thư', org, 'x'));
    expect(positionId('Phó Bí thư', org, 'lâm đồng')).not.toBe(positionId('Phó Bí thư', organizationId('Tỉnh ủy Quảng Ninh', 'quảng ninh'), 'lâm đồng'));
  });

  it('make a conference its date and organizers (order-free), or its article when undated', () => {
    const a = organizationId('A', 's');
    const b = organizationId('B', 's');
    const base = { date: '2024-01-10', title: 't', contentHash: 'h', scope: 's' };
    expect(conferenceId({ ...base, organizerIds: [a, b] })).toBe(conferenceId({ ...base, organizerIds: [b, a], title: 'other title', contentHash: 'h2' }));
    expect(conferenceId({ ...base, date: null, organizerIds: [a] })).not.toBe(conferenceId({ ...base, date: null, organizerIds: [a], contentHash: 'h2' }));
  });

  it('make a body its folded name within its scope: trailing punctuation and tone placement do not matter', () => {
    expect(organizationId('Tỉnh ủy Lâm Đồng.', 'lâm đồng')).toBe(organizationId('Tỉnh uỷ  Lâm Đồng', 'lâm đồng'));
    expect(organizationId('Tỉnh ủy Lâm Đồng', 'lâm đồng')).not.toBe(organizationId('Tỉnh ủy Lâm Đồng', 'national'));
  });

  it('make an award its folded name, giver and scope', () => {
    expect(awardId('Bằng khen.', 'UBND tỉnh', 'lâm đồng')).toBe(awardId('bằng khen', 'UBND tỉnh.', 'lâm đồng'));
    expect(awardId('Bằng khen', null, 'lâm đồng')).not.toBe(awardId('Bằng khen', 'UBND tỉnh', 'lâm đồng'));
  });
});
