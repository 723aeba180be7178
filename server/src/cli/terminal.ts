/**
 * What the CLI does differently on a terminal: colour (as NO_COLOR and FORCE_COLOR ask, and never on
 * a pipe or in a file) and a one-line progress indicator on stderr for long runs (never on a pipe,
 * never with --quiet), which is erased before the results are printed.
 */

/** Whether to colour output written to `stream`: a --color/--no-color flag, then FORCE_COLOR, NO_COLOR, a terminal. */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  // https://force-color.org: set and not "0"/"false" forces colour; https://no-color.org: set and non-empty disables it.
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR) return false;
  return !!stream.isTTY && env.TERM !== 'dumb';
}

export interface Paint {
  error(s: string): string;
  warning(s: string): string;
  info(s: string): string;
  hint(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const COLORS: Paint = {
  error: sgr(31, 39), warning: sgr(33, 39), info: sgr(36, 39), hint: sgr(2, 22), dim: sgr(2, 22), bold: sgr(1, 22),
};

const identity = (s: string) => s;
export const PLAIN: Paint = { error: identity, warning: identity, info: identity, hint: identity, dim: identity, bold: identity };

/** A writable terminal stream, as much of it as the progress line needs. */
export interface TerminalStream {
  write(s: string): boolean;
  columns?: number;
}

/**
 * One line on a terminal saying how far a long run is ("reading 1,204 of 3,200 files"), shown only
 * once the run has taken `delayMs` and redrawn at most every `intervalMs`; `clear()` erases it.
 */
export class ProgressLine {
  private readonly started: number;
  private lastDrawn = 0;
  private shown = false;
  private pending: string | undefined;

  constructor(private readonly stream: TerminalStream, private readonly delayMs = 1000, private readonly intervalMs = 100, private readonly now = () => Date.now()) {
    this.started = now();
  }

  update(text: string): void {
    this.pending = text;
    const t = this.now();
    if (t - this.started < this.delayMs || t - this.lastDrawn < this.intervalMs) return;
    this.draw(t);
  }

  private draw(t: number): void {
    if (this.pending === undefined) return;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    const line = this.pending.length > width ? `${this.pending.slice(0, width - 1)}…` : this.pending;
    // Carriage return and "erase line": the line is redrawn in place, never scrolled.
    this.stream.write(`\r\u001b[2K${line}`);
    this.shown = true;
    this.lastDrawn = t;
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
  }
}
