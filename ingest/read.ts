import { readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import iconv from 'iconv-lite';
import { convert as htmlToText } from 'html-to-text';

/**
 * Reading reports from disk: walk folders, decode bytes to text (UTF-8, UTF-16, Windows-1258,
 * HTML pages), and refuse what cannot be read with a one-line reason. Never throws for one bad file.
 */

export type Source = { ok: true; file: string; name: string; text: string; note?: string } | { ok: false; file: string; reason: string };

export const MAX_BYTES = Number(process.env.MAX_ARTICLE_BYTES ?? 5 * 1024 * 1024);

const tooLarge = (size: number) =>
  `too large (${(size / 1048576).toFixed(1)} MiB; limit ${(MAX_BYTES / 1048576).toFixed(0)} MiB, set MAX_ARTICLE_BYTES)`;
const TEXT_EXTS = new Set(['.txt', '.text', '.html', '.htm', '.md']);

/** Files under the given paths: folders walked in name order (hidden entries skipped), files taken as given. */
export async function* listFiles(paths: string[]): AsyncGenerator<{ file: string } | { file: string; reason: string }> {
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      yield { file: p, reason: 'no such file or folder' };
      continue;
    }
    if (st.isDirectory()) {
      let entries;
      try {
        entries = (await readdir(p, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
      } catch (e) {
        yield { file: p, reason: `cannot list folder: ${(e as Error).message}` };
        continue;
      }
      for (const e of entries) {
        const full = join(p, e.name);
        if (e.isDirectory()) yield* listFiles([full]);
        else if (e.isFile() && TEXT_EXTS.has(extname(e.name).toLowerCase())) yield { file: full };
      }
    } else yield { file: p };
  }
}

/** Bytes → text, or the reason why not. Pure, for tests. */
export function decode(bytes: Uint8Array): { text: string; note?: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file' };
  if (bytes.length > MAX_BYTES) return { reason: tooLarge(bytes.length) };
  // UTF-16 with a byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return finish(new TextDecoder('utf-16le').decode(bytes), 'UTF-16LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return finish(new TextDecoder('utf-16be').decode(bytes), 'UTF-16BE');
  const sample = bytes.subarray(0, 65536);
  if (sample.includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  let controls = 0;
  for (const b of sample) if (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x0c) controls++;
  if (controls > sample.length * 0.01) return { reason: 'binary file (control bytes)' };
  try {
    return finish(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    /* not UTF-8: try the legacy encodings below */
  }
  // Windows-1258 first: real 1258 text decodes to clean Vietnamese; font encodings decode to junk.
  const cp1258 = iconv.decode(Buffer.from(bytes), 'windows1258').normalize('NFC');
  if (vietnameseScore(cp1258) > 0.25) return finish(cp1258, 'Windows-1258');
  const legacy = legacyFont(iconv.decode(Buffer.from(bytes), 'windows1252'));
  if (legacy) return { reason: `legacy Vietnamese font encoding (${legacy}); convert it to Unicode first` };
  return { reason: 'not UTF-8 and not a Vietnamese legacy encoding that can be recognized' };
}

/**
 * TCVN3 (ABC) and VNI text read as Windows-1252. TCVN3 replaces a vowel by one high byte, so
 * the byte follows a consonant ('Héi nghÞ', 'kÕt', 't¸c'); VNI writes the plain vowel and then a
 * mark byte, so the byte follows a vowel ('Hoäi', 'taùc', 'vaän') or is its 'ñ' (đ).
 */
function legacyFont(latin: string): string | null {
  let tcvn = 0;
  let vni = 0;
  let words = 0;
  for (const w of latin.split(/\s+/)) {
    if (!/[a-zA-Z]/.test(w)) continue;
    words++;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c < 0xa1 || c > 0xff) continue;
      const prev = i > 0 ? w[i - 1]! : '';
      if (/[aeiouyAEIOUY]/.test(prev)) vni++;
      else if ((c === 0xf1 || c === 0xd1) && /[aeiouyAEIOUY]/.test(w[i + 1] ?? '')) vni++;
      else if (/[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]/.test(prev) || prev === '') tcvn++;
    }
  }
  if (words < 5 || tcvn + vni < words * 0.15) return null;
  return vni > tcvn ? 'VNI' : 'TCVN3/ABC';
}

const VI_LETTERS = 'a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';
const VI_WORD_RE = new RegExp(`^[^\\p{L}]*[${VI_LETTERS}]+[^\\p{L}]*$`, 'iu');
const VI_MARKED_RE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;

/** Share of words that are well-formed Vietnamese with a Vietnamese-only letter, less the malformed ones. */
function vietnameseScore(text: string): number {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (!words.length) return 0;
  let vi = 0;
  let junk = 0;
  for (const w of words) {
    if (!VI_WORD_RE.test(w) || /[\u0300-\u036f\u00A1-\u00BF\uFFFD]/u.test(w)) junk++;
    else if (VI_MARKED_RE.test(w)) vi++;
  }
  return (vi - 2 * junk) / words.length;
}

function finish(text: string, note?: string): { text: string; note?: string } | { reason: string } {
  let t = text.replace(/^\uFEFF/, '');
  if (looksLikeHtml(t)) {
    t = htmlToText(t, {
      wordwrap: false,
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'img', format: 'skip' },
        { selector: 'script', format: 'skip' },
        { selector: 'style', format: 'skip' },
        { selector: 'nav', format: 'skip' },
        { selector: 'h1', options: { uppercase: false } },
        { selector: 'h2', options: { uppercase: false } },
        { selector: 'h3', options: { uppercase: false } },
        { selector: 'table', format: 'dataTable' },
      ],
    });
    note = note ? `${note}, HTML` : 'HTML';
  }
  if (!/\p{L}{2}/u.test(t)) return { reason: 'no text in file' };
  return note ? { text: t, note } : { text: t };
}

function looksLikeHtml(t: string): boolean {
  const head = t.slice(0, 4096);
  return /<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]/i.test(head) || (head.match(/<\/?(?:p|div|span|br|h[1-6])[\s>/]/gi)?.length ?? 0) >= 3;
}

/** Every readable report under `paths`, decoded; unreadable ones come with their reason. */
export async function* readSources(paths: string[]): AsyncGenerator<Source> {
  for await (const f of listFiles(paths)) {
    if ('reason' in f) {
      yield { ok: false, file: f.file, reason: f.reason };
      continue;
    }
    let bytes: Buffer;
    try {
      // Synchronous reads: reports are small and read one after another; a thread-pool round trip
      // per file cost more CPU than the read itself.
      const st = statSync(f.file);
      if (st.size > MAX_BYTES) {
        yield { ok: false, file: f.file, reason: tooLarge(st.size) };
        continue;
      }
      bytes = readFileSync(f.file);
    } catch (e) {
      yield { ok: false, file: f.file, reason: `cannot read: ${(e as Error).message}` };
      continue;
    }
    const d = decode(bytes);
    if ('reason' in d) yield { ok: false, file: f.file, reason: d.reason };
    else yield { ok: true, file: f.file, name: basename(f.file), text: d.text, ...(d.note ? { note: d.note } : {}) };
  }
}
