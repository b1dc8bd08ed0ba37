/**
 * Diacritic- and case-insensitive folding for Vietnamese names: 'Phạm Thị Phúc' → 'pham thi phuc'.
 * NFD splits letters from their marks; Đ/đ and the look-alike Ð (U+00D0, Icelandic eth) do not
 * decompose, so they are mapped to 'd' by hand.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ĐđÐð]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
