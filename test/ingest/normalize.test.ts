import { describe, expect, it } from 'vitest';
import { canonicalTones, cleanText, fold, nameKey, properCase, toSourceText } from '../../ingest/normalize.js';

describe('normalize', () => {
  it('moves old-style tone marks to the new place in open syllables only', () => {
    expect(canonicalTones('hoà bình, Uỷ ban, thuỷ lợi, Khoá XV')).toBe('hòa bình, Ủy ban, thủy lợi, Khóa XV');
    // 'hoàng' (closed syllable) and 'quý'/'quà' (after q) are the same in both styles.
    expect(canonicalTones('Hoàng quý quà')).toBe('Hoàng quý quà');
  });

  it('reads the eth (U+00D0) typed for Đ as Đ and keeps every offset', () => {
    const src = 'Ðồng chí Ðinh Văn Hoà, Chủ tịch HÐND xã\u00a0Tân Lập';
    const clean = cleanText(src);
    expect(clean).toBe('Đồng chí Đinh Văn Hòa, Chủ tịch HĐND xã Tân Lập');
    expect(clean.length).toBe(src.length);
  });

  it('turns decomposed input into NFC and strips the byte-order mark', () => {
    const decomposed = '\uFEFFHô\u0323i nghi\u0323'.normalize('NFD');
    expect(toSourceText(decomposed)).toBe('Hội nghị');
  });

  it('folds diacritics, case and Đ for matching', () => {
    expect(fold('Phạm Thị PHÚC')).toBe('pham thi phuc');
    expect(fold('Ðặng')).toBe(fold('Đặng'));
    expect(fold('Ủy ban')).toBe(fold('Uỷ ban'));
  });

  it('folds decomposed marks, odd spaces, punctuation and characters outside the BMP like composed text', () => {
    expect(fold('Ho\u0302\u0323i nghi\u0323 tỉnh\u00a0Tân Lập – "Ðợt 2"')).toBe('hoi nghi tinh tan lap dot 2');
    expect(fold('  Ủy ban, (nhân dân)  ')).toBe('uy ban nhan dan');
    expect(fold('Sở 𝐀 Tư pháp')).toBe('so tu phap');
    expect(fold('')).toBe('');
  });

  it('keys names by their diacritics but not by casing or tone placement', () => {
    expect(nameKey('Lê Thị Thuý ANh')).toBe(nameKey('Lê Thị Thúy Anh'));
    expect(nameKey('Lê Văn Hùng')).not.toBe(nameKey('Lê Văn Hưng'));
    expect(properCase('trần  thị THU')).toBe('Trần Thị Thu');
  });
});
