import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import iconv from 'iconv-lite';
import { convert as htmlToText } from 'html-to-text';

/**
 * Reading reports from disk: walk folders, decode bytes to text (UTF-8, UTF-16, Windows-1258,
 * HTML pages), and refuse what cannot be read with a one-line reason. Never throws for one bad file.
 */

/** `note` says how the text was read (an encoding, HTML); `warning`, what in it could not be (replaced bytes). */
export type Source = { ok: true; file: string; name: string; text: string; note?: string; warning?: string } | { ok: false; file: string; reason: string };

export const MAX_BYTES = Number(process.env.MAX_ARTICLE_BYTES ?? 5 * 1024 * 1024);

const tooLarge = (size: number) =>
  `too large (${(size / 1048576).toFixed(1)} MiB; limit ${(MAX_BYTES / 1048576).toFixed(0)} MiB, set MAX_ARTICLE_BYTES)`;
const TEXT_EXTS = new Set(['.txt', '.text', '.html', '.htm', '.md']);

/** What a path is, for the reason given when it is not a regular file or folder. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

const notRegular = (st: Stats) => `not a regular file: it is ${kindOf(st)}; only regular files are read`;

/**
 * Files under the given paths: folders walked in name order (hidden entries skipped), files taken
 * as given. Symbolic links are followed, to files and to folders; a folder reached again (a link
 * loop, or two links to one folder) is walked once. Dangling links, links in a loop, FIFOs, sockets
 * and devices come back with their reason, so nothing is skipped silently (inside a folder, only
 * names with a text extension count, as for regular files).
 */
export async function* listFiles(paths: string[]): AsyncGenerator<{ file: string } | { file: string; reason: string }> {
  const walked = new Set<string>();
  for (const p of paths) yield* listPath(p, true, walked, []);
}

/** `ancestors`: the real paths of the folders being walked around `p`, to tell a loop from a second way into one folder. */
async function* listPath(p: string, given: boolean, walked: Set<string>, ancestors: string[]): AsyncGenerator<{ file: string } | { file: string; reason: string }> {
  let st: Stats;
  try {
    st = await stat(p);
  } catch (e) {
    const link = await lstat(p).catch(() => null);
    if (link?.isSymbolicLink()) {
      yield { file: p, reason: (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'symbolic link loop' : 'dangling symbolic link: its target does not exist' };
    } else yield { file: p, reason: given ? 'no such file or folder' : `cannot read: ${(e as Error).message}` };
    return;
  }
  if (st.isDirectory()) {
    const real = await realpath(p).catch(() => p);
    if (ancestors.includes(real)) {
      yield { file: p, reason: `symbolic link loop: it leads back to ${real}, which is being read` };
      return;
    }
    // Met again another way (a second link to it, or named twice): its files were listed once already.
    if (walked.has(real)) return;
    walked.add(real);
    let entries;
    try {
      entries = (await readdir(p, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
    } catch (e) {
      yield { file: p, reason: `cannot list folder: ${(e as Error).message}` };
      return;
    }
    for (const e of entries) {
      const full = join(p, e.name);
      if (e.isDirectory() || e.isSymbolicLink()) yield* listPath(full, false, walked, [...ancestors, real]);
      else if (TEXT_EXTS.has(extname(e.name).toLowerCase())) {
        if (e.isFile()) yield { file: full };
        else yield { file: full, reason: notRegular(await lstat(full)) };
      }
    }
  } else if (st.isFile()) {
    if (given || TEXT_EXTS.has(extname(p).toLowerCase())) yield { file: p };
  } else if (given || TEXT_EXTS.has(extname(p).toLowerCase())) yield { file: p, reason: notRegular(st) };
}

/** Bytes → text, or the reason why not. Pure, for tests. */
export function decode(bytes: Uint8Array): { text: string; note?: string; warning?: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file' };
  if (bytes.length > MAX_BYTES) return { reason: tooLarge(bytes.length) };
  // UTF-16 with a byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return finish(new TextDecoder('utf-16le').decode(bytes), 'UTF-16LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return finish(new TextDecoder('utf-16be').decode(bytes), 'UTF-16BE');
  const sample = bytes.subarray(0, 65536);
  const utf16 = utf16WithoutBom(sample);
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes);
    if (!text.includes('\uFFFD')) return finish(text, `${utf16.toUpperCase()} without byte-order mark`);
  }
  if (sample.includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  let controls = 0;
  for (const b of sample) if (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x0c) controls++;
  if (controls > sample.length * 0.01) return { reason: 'binary file (control bytes)' };
  try {
    return finish(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    /* not valid UTF-8: clearly UTF-8 with a few bad bytes, or one of the legacy encodings below */
  }
  const u = utf8Stats(bytes);
  if (u.invalid > 0 && u.multi >= 4 * u.invalid) {
    const text = new TextDecoder('utf-8').decode(bytes);
    const d = finish(text, 'UTF-8');
    const warning = `${u.invalid} invalid UTF-8 sequence${u.invalid === 1 ? '' : 's'} replaced by U+FFFD${u.cutAtEnd ? ' (the file ends mid-character: cut short?)' : ''}`;
    return 'text' in d ? { ...d, warning } : d;
  }
  // Windows-1258 first: real 1258 text decodes to clean Vietnamese; font encodings decode to junk.
  const cp1258 = iconv.decode(Buffer.from(bytes), 'windows1258').normalize('NFC');
  if (vietnameseScore(cp1258) > 0.25) return finish(cp1258, 'Windows-1258');
  const legacy = legacyFont(iconv.decode(Buffer.from(bytes), 'windows1252'));
  if (legacy) return { reason: `legacy Vietnamese font encoding (${legacy}); convert it to Unicode first` };
  return { reason: 'not UTF-8 and not a Vietnamese legacy encoding that can be recognized' };
}

/**
 * UTF-16 without a byte-order mark, by its zero bytes: text in Latin script is mostly code points
 * below U+0100 (Vietnamese too: letters, spaces, digits, and â ê ô đ …), so one byte of most pairs
 * is zero and always the same one. 'utf-16le', 'utf-16be', or null.
 */
function utf16WithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZero++;
    if (sample[i + 1] === 0) oddZero++;
  }
  if (oddZero >= pairs * 0.3 && evenZero <= pairs * 0.02) return 'utf-16le';
  if (evenZero >= pairs * 0.3 && oddZero <= pairs * 0.02) return 'utf-16be';
  return null;
}

/**
 * Well-formed multi-byte UTF-8 sequences and broken ones, and whether the last
 * sequence is cut off by the end. Vietnamese in UTF-8 has a multi-byte sequence every few letters;
 * legacy encodings read as UTF-8 are almost all invalid bytes.
 */
export function utf8Stats(bytes: Uint8Array): { multi: number; invalid: number; cutAtEnd: boolean } {
  let multi = 0;
  let invalid = 0;
  let cutAtEnd = false;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    // Continuation bytes that follow the lead byte, as far as the sequence should reach.
    let k = 1;
    while (k < len && i + k < n && (bytes[i + k]! & 0xc0) === 0x80) k++;
    if (len > 0 && k === len) multi++;
    else {
      // One broken sequence is one replacement character (as TextDecoder does it).
      if (len > 0 && i + k === n) cutAtEnd = true;
      invalid++;
    }
    i += Math.max(k, 1);
  }
  return { multi, invalid, cutAtEnd };
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
    const bytes = readCapped(f.file);
    if ('reason' in bytes) {
      yield { ok: false, file: f.file, reason: bytes.reason };
      continue;
    }
    const d = decode(bytes.data);
    if ('reason' in d) yield { ok: false, file: f.file, reason: d.reason };
    else yield { ok: true, file: f.file, name: basename(f.file), text: d.text, ...(d.note ? { note: d.note } : {}), ...(d.warning ? { warning: d.warning } : {}) };
  }
}

/** Never blocks on a FIFO swapped in for a file after it was listed (not defined on Windows). */
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * The file's bytes, read only when it is a regular file (checked on the open descriptor) and never
 * more than MAX_BYTES + 1 of them: a file that grows, or reports no size (/proc), still stops at the
 * cap. Synchronous reads: reports are small and read one after another; a thread-pool round trip
 * per file cost more CPU than the read itself.
 */
export function readCapped(file: string, max = MAX_BYTES): { data: Buffer } | { reason: string } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | O_NONBLOCK);
  } catch (e) {
    return { reason: `cannot read: ${(e as Error).message}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { reason: notRegular(st) };
    if (st.size > max) return { reason: tooLarge(st.size) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // The stated size plus one byte to see the end, at least 64 KiB (a /proc file states 0), never past the cap.
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size - total + 1, 65536), max + 1 - total, 1 << 20));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > max) return { reason: tooLarge(total) + ' (it grew while being read)' };
    }
    return { data: Buffer.concat(chunks, total) };
  } catch (e) {
    return { reason: `cannot read: ${(e as Error).message}` };
  } finally {
    closeSync(fd);
  }
}
