/**
 * Output of child processes: every line goes out with the process's name in front, and the last
 * lines are kept so a failure can say what the process printed before it died.
 */

const COLORS = [36, 32, 33, 35, 34, 96, 92] as const;

export type LineSink = (name: string, line: string) => void;

export interface PrefixOptions {
  /** Width the names are padded to, so the columns line up. */
  width: number;
  /** Colours only on a terminal; pipes and CI logs stay plain. */
  color?: boolean;
  write?: (text: string) => void;
}

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

/** A sink that writes `name | line` with a stable colour per name. */
export function prefixingSink({ width, color = useColor(), write }: PrefixOptions): LineSink {
  const out = write ?? ((text: string) => process.stdout.write(text));
  const colorOf = new Map<string, number>();
  return (name, line) => {
    const label = name.padEnd(width);
    if (!color) return out(`${label} | ${line}\n`);
    if (!colorOf.has(name)) colorOf.set(name, COLORS[colorOf.size % COLORS.length]);
    out(`\x1b[${colorOf.get(name)}m${label} |\x1b[0m ${line}\n`);
  };
}

/** A fixed-size buffer of the most recent lines. */
export class LogTail {
  private readonly lines: string[] = [];

  constructor(private readonly size: number) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.size) this.lines.shift();
  }

  toArray(): string[] {
    return [...this.lines];
  }
}

/** Splits a byte stream into lines, holding back a trailing partial line until it completes. */
export function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split(/\r?\n/);
    pending = parts.pop() ?? '';
    for (const line of parts) onLine(line);
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
    pending = '';
  });
}
