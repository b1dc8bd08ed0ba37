/** A progress line for long runs: rewritten in place on a terminal, one line every 500 items otherwise. */
export class Progress {
  private last = 0;
  private readonly t0 = Date.now();
  constructor(
    private readonly label: string,
    private readonly enabled = true,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(n: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (this.stream.isTTY) {
      if (now - this.last < 250) return;
      this.last = now;
      this.stream.write(`\r${this.label}: ${n} files, ${this.rate(n)}/s`);
    } else if (n % 500 === 0) this.stream.write(`${this.label}: ${n} files, ${this.rate(n)}/s\n`);
  }

  done(): void {
    if (this.enabled && this.stream.isTTY && this.last) this.stream.write('\n');
  }

  private rate(n: number): string {
    return (n / Math.max(0.001, (Date.now() - this.t0) / 1000)).toFixed(0);
  }
}
