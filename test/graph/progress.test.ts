import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration } from '../../graph/progress.js';

/** A stream that records what is written, and a clock the test moves. */
function sink(isTTY = false) {
  const out: string[] = [];
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 120 });
  stream.on('data', (c: Buffer) => out.push(c.toString()));
  return { stream, text: () => out.join(''), lines: () => out.join('').split('\n').filter(Boolean) };
}
function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('progress when not on a terminal', () => {
  it('writes one line per 5% with count, rate and ETA, and a last line at stop', () => {
    const s = sink();
    const c = clock();
    const p = createProgress({ label: 'ingest', unit: 'reports', total: 1000, stream: s.stream, now: c.now });
    for (let i = 0; i < 1000; i++) {
      c.advance(10); // 100 reports/s
      p.increment();
    }
    p.stop();
    const lines = s.lines();
    // 5%, 10%, … 95%: 19 lines; then the summary.
    expect(lines).toHaveLength(20);
    expect(lines[0]).toBe('ingest: 50/1,000 reports (5%), 100/s, ETA 10s');
    expect(lines[9]).toBe('ingest: 500/1,000 reports (50%), 100/s, ETA 5s');
    expect(lines[18]).toMatch(/^ingest: 950\/1,000 reports \(95%\), 100\/s, ETA 1s$/);
    expect(lines[19]).toBe('ingest: 1,000 reports in 10s, 100/s');
  });

  it('honours another step and accepts jumps of several items', () => {
    const s = sink();
    const c = clock();
    const p = createProgress({ label: 'x', total: 200, stream: s.stream, now: c.now, everyPercent: 25 });
    c.advance(1000);
    p.update(120); // passes 25% and 50% at once: one line
    c.advance(1000);
    p.update(160);
    p.stop();
    expect(s.lines()).toEqual(['x: 120/200 items (60%), 120/s, ETA 1s', 'x: 160/200 items (80%), 80/s, ETA 1s', 'x: 160/200 items in 2s, 80/s']);
  });

  it('measures the rate over a recent window, so the ETA follows a run that slows down', () => {
    const s = sink();
    const c = clock();
    const p = createProgress({ label: 'ingest', unit: 'reports', total: 10_000, stream: s.stream, now: c.now, everyPercent: 10, windowSeconds: 10 });
    for (let i = 0; i < 5000; i++) {
      c.advance(1); // 1,000/s for 5 s
      p.increment();
    }
    for (let i = 0; i < 1000; i++) {
      c.advance(20); // then 50/s for 20 s
      p.increment();
    }
    const last = s.lines().at(-1)!;
    expect(last).toMatch(/^ingest: 6,000\/10,000 reports \(60%\), 50\/s, ETA 1m20s$/);
    p.stop();
  });

  it('measures items that land in bursts at their true rate', () => {
    const s = sink();
    const c = clock();
    const p = createProgress({ label: 'ingest', unit: 'reports', total: 100_000, stream: s.stream, now: c.now, everyPercent: 10, windowSeconds: 30 });
    // Groups of 2,000 reports landing every 8 s, each report counted on its own at the same instant: 250/s.
    for (let g = 0; g < 10; g++) {
      c.advance(8000);
      for (let i = 0; i < 2000; i++) p.increment();
    }
    const lines = s.lines();
    expect(lines[0]).toBe('ingest: 10,000/100,000 reports (10%), 250/s, ETA 6m00s');
    expect(lines[1]).toBe('ingest: 20,000/100,000 reports (20%), 250/s, ETA 5m20s');
    p.stop();
  });

  it('without a total, writes a line every few seconds with count and rate', () => {
    const s = sink();
    const c = clock();
    const p = createProgress({ label: 'ingest', unit: 'reports', stream: s.stream, now: c.now, everySeconds: 10 });
    for (let i = 0; i < 2500; i++) {
      c.advance(10); // 100/s for 25 s
      p.increment();
    }
    p.stop();
    expect(s.lines()).toEqual(['ingest: 1,000 reports, 100/s, 10s elapsed', 'ingest: 2,000 reports, 100/s, 20s elapsed', 'ingest: 2,500 reports in 25s, 100/s']);
  });

  it('switches to percent lines once the total becomes known', () => {
    const s = sink();
    const c = clock();
    const p = createProgress({ label: 'ingest', unit: 'reports', stream: s.stream, now: c.now, everySeconds: 60, everyPercent: 10 });
    for (let i = 0; i < 150; i++) {
      c.advance(10);
      p.increment();
    }
    expect(s.lines()).toEqual([]);
    p.setTotal(1000);
    for (let i = 0; i < 100; i++) {
      c.advance(10);
      p.increment();
    }
    p.stop();
    // Counted from 15%: the next line is at 20%.
    expect(s.lines()).toEqual(['ingest: 200/1,000 reports (20%), 100/s, ETA 8s', 'ingest: 250/1,000 reports in 3s, 100/s']);
  });

  it('writes nothing after stop, and stop twice writes one summary', () => {
    const s = sink();
    const c = clock();
    const p = createProgress({ label: 'x', total: 10, stream: s.stream, now: c.now });
    c.advance(1000);
    p.update(5);
    p.stop();
    p.stop();
    p.update(9);
    expect(s.lines()).toEqual(['x: 5/10 items (50%), 5/s, ETA 1s', 'x: 5/10 items in 1s, 5/s']);
  });
});

describe('progress on a terminal', () => {
  it('draws a cli-progress bar with count, rate and ETA, redrawn in place', () => {
    const s = sink(true);
    const c = clock();
    const p = createProgress({ label: 'ingest', unit: 'reports', total: 1000, stream: s.stream, now: c.now });
    c.advance(2000);
    p.update(400);
    p.stop();
    const text = s.text();
    expect(text).toMatch(/ingest \[[^\]]+\] 40% \| 400\/1,000 reports \| 200\/s \| ETA 3s/);
    // In place: cursor control, not one line per update.
    expect(text).toContain('\x1b[');
  });

  it('without a total shows count and rate', () => {
    const s = sink(true);
    const c = clock();
    const p = createProgress({ label: 'ingest', unit: 'reports', stream: s.stream, now: c.now });
    c.advance(1000);
    p.update(100);
    p.stop();
    expect(s.text()).toMatch(/ingest 100 reports \| 100\/s/);
  });

  it('shows the bar once the total is set', () => {
    const s = sink(true);
    const c = clock();
    const p = createProgress({ label: 'ingest', unit: 'reports', stream: s.stream, now: c.now });
    c.advance(1000);
    p.update(100);
    p.setTotal(400);
    c.advance(1000);
    p.update(200);
    p.stop();
    expect(s.text()).toMatch(/ingest \[[^\]]+\] 50% \| 200\/400 reports \| 100\/s \| ETA 2s/);
  });
});

describe('formatDuration', () => {
  it('writes seconds, minutes and hours compactly', () => {
    expect([formatDuration(8), formatDuration(75), formatDuration(3700), formatDuration(NaN)]).toEqual(['8s', '1m15s', '1h01m', '?']);
  });
});
