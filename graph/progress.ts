import cliProgress from 'cli-progress';

/**
 * Progress of a long run, on stderr. On a terminal: a bar redrawn in place (cli-progress) with
 * count, rate and ETA. Otherwise (a log file, CI): one plain line each time another few percent
 * are done, or every few seconds while the total is not known yet; and a last line at stop().
 * The total may be unknown at the start (files still being counted) and set later.
 */

export interface ProgressOptions {
  /** What runs: 'ingest'. */
  label: string;
  /** What is counted: 'reports'. */
  unit?: string;
  /** Known total, or null/undefined while unknown (setTotal() later). */
  total?: number | null;
  /** Default process.stderr. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Draw a bar; default: whether the stream is a terminal. */
  tty?: boolean;
  /** Not a terminal, total known: a line every this many percent (default 5). */
  everyPercent?: number;
  /** Not a terminal, total unknown: a line at most this often, in seconds (default 10). */
  everySeconds?: number;
  /** The rate is measured over this many recent seconds (default 30), so the ETA follows a run that slows down. */
  windowSeconds?: number;
  /** Clock in ms (tests). */
  now?: () => number;
}

export interface Progress {
  /** The total became known (or changed). */
  setTotal(total: number): void;
  /** `by` more items done (default 1). */
  increment(by?: number): void;
  /** `done` items done so far. */
  update(done: number): void;
  /** Ends the bar (or writes the last line). Call it once, also on failure, or the bar's timer keeps the process alive. */
  stop(): void;
}

/** '1,234,567' */
export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

/** 75 → '1m15s', 3700 → '1h01m', 8 → '8s'; unknown → '?'. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** Rate over a sliding window of (time, count) samples, and the figures both outputs show. */
class Meter {
  done = 0;
  total: number | null;
  readonly t0: number;
  private samples: Array<[number, number]> = [];
  constructor(
    total: number | null,
    private readonly now: () => number,
    private readonly windowMs: number,
  ) {
    this.total = total;
    this.t0 = now();
    this.samples.push([this.t0, 0]);
  }

  set(done: number): void {
    this.done = done;
    const t = this.now();
    // Samples at least 250 ms apart are enough for a rate and keep the window small; the newest one
    // follows every update until the next is due. Kept as first taken, a sample of a burst (a group
    // of reports landing at once) would hold its first item only, and the rate would run a burst high.
    const prev = this.samples[this.samples.length - 2];
    if (prev && t - prev[0] < 250) this.samples[this.samples.length - 1] = [t, done];
    else this.samples.push([t, done]);
    while (this.samples.length > 2 && t - this.samples[1]![0] > this.windowMs) this.samples.shift();
  }

  /** Items per second over the window (over the whole run while it is shorter than 1 s). */
  rate(): number {
    const t = this.now();
    const [t1, d1] = this.samples[0]!;
    const secs = (t - t1) / 1000;
    if (secs >= 1) return (this.done - d1) / secs;
    const all = (t - this.t0) / 1000;
    return all > 0 ? this.done / all : 0;
  }

  elapsed(): number {
    return (this.now() - this.t0) / 1000;
  }

  eta(): number {
    if (this.total === null) return NaN;
    const r = this.rate();
    return r > 0 ? Math.max(0, this.total - this.done) / r : NaN;
  }
}

export function createProgress(opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  const tty = opts.tty ?? stream.isTTY === true;
  const now = opts.now ?? Date.now;
  const meter = new Meter(opts.total ?? null, now, (opts.windowSeconds ?? 30) * 1000);
  return tty ? new BarProgress(opts, stream, meter) : new LineProgress(opts, stream, meter, now);
}

/** Not a terminal: plain lines, few of them. */
class LineProgress implements Progress {
  private readonly unit: string;
  private readonly stepPercent: number;
  private readonly everyMs: number;
  private nextPercent: number;
  private lastLine: number;
  private stopped = false;
  constructor(
    private readonly opts: ProgressOptions,
    private readonly stream: NodeJS.WritableStream,
    private readonly meter: Meter,
    private readonly now: () => number,
  ) {
    this.unit = opts.unit ?? 'items';
    this.stepPercent = Math.max(0.1, opts.everyPercent ?? 5);
    this.everyMs = Math.max(0.1, opts.everySeconds ?? 10) * 1000;
    this.nextPercent = this.stepPercent;
    this.lastLine = now();
  }

  setTotal(total: number): void {
    this.meter.total = total;
    // Lines resume at the next step above what is already done.
    this.nextPercent = (Math.floor(this.percent() / this.stepPercent) + 1) * this.stepPercent;
  }

  increment(by = 1): void {
    this.update(this.meter.done + by);
  }

  update(done: number): void {
    if (this.stopped) return;
    this.meter.set(done);
    if (this.meter.total !== null && this.meter.total > 0) {
      const p = this.percent();
      if (p + 1e-9 < this.nextPercent) return;
      this.nextPercent = (Math.floor(p / this.stepPercent) + 1) * this.stepPercent;
      // The 100% line is stop()'s.
      if (done >= this.meter.total) return;
      this.write(this.line());
    } else if (this.now() - this.lastLine >= this.everyMs) this.write(this.line());
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const m = this.meter;
    const avg = m.elapsed() > 0 ? m.done / m.elapsed() : 0;
    const of = m.total !== null && m.done !== m.total ? `/${formatCount(m.total)}` : '';
    this.write(`${this.opts.label}: ${formatCount(m.done)}${of} ${this.unit} in ${formatDuration(m.elapsed())}, ${formatCount(avg)}/s`);
  }

  private percent(): number {
    const t = this.meter.total;
    return t ? (100 * this.meter.done) / t : 0;
  }

  private line(): string {
    const m = this.meter;
    const rate = `${formatCount(m.rate())}/s`;
    if (m.total === null) return `${this.opts.label}: ${formatCount(m.done)} ${this.unit}, ${rate}, ${formatDuration(m.elapsed())} elapsed`;
    const pct = Math.floor(this.percent());
    return `${this.opts.label}: ${formatCount(m.done)}/${formatCount(m.total)} ${this.unit} (${pct}%), ${rate}, ETA ${formatDuration(m.eta())}`;
  }

  private write(s: string): void {
    this.lastLine = this.now();
    this.stream.write(`${s}\n`);
  }
}

/** A terminal: cli-progress draws the bar in place, at most 5 times a second. */
class BarProgress implements Progress {
  private readonly bar: cliProgress.SingleBar;
  private stopped = false;
  constructor(
    opts: ProgressOptions,
    stream: NodeJS.WritableStream,
    private readonly meter: Meter,
  ) {
    const unit = opts.unit ?? 'items';
    const known = `${opts.label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {etaText}`;
    const unknown = `${opts.label} {value} ${unit} | {rate}/s | {duration_formatted}`;
    this.bar = new cliProgress.SingleBar({
      stream,
      fps: 5,
      barsize: 30,
      hideCursor: false,
      // The format follows whether the total is known yet.
      format: (options, params, payload) =>
        cliProgress.Format.Formatter({ ...options, format: this.meter.total === null ? unknown : known }, params, payload),
      formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? formatCount(Number(v)) : String(v)),
    });
    this.bar.start(meter.total ?? 0, 0, this.payload());
  }

  setTotal(total: number): void {
    this.meter.total = total;
    this.bar.setTotal(total);
  }

  increment(by = 1): void {
    this.update(this.meter.done + by);
  }

  update(done: number): void {
    if (this.stopped) return;
    this.meter.set(done);
    this.bar.update(done, this.payload());
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.bar.update(this.meter.done, this.payload());
    this.bar.stop();
  }

  private payload(): { rate: string; etaText: string } {
    return { rate: formatCount(this.meter.rate()), etaText: formatDuration(this.meter.eta()) };
  }
}
