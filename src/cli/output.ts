import cliProgress from 'cli-progress';

/**
 * CLI output conventions: with `--json` exactly one JSON document goes to stdout and everything
 * else (progress, notes) to stderr; without it, human-readable text goes to stdout.
 */

export interface Output {
  readonly json: boolean;
  /** The command's result: JSON document or human text. */
  result(data: unknown, human: () => string): void;
  /** A note for the human (stderr). */
  note(message: string): void;
  /** A progress bar on stderr (only when stderr is a terminal); `done()` clears it. */
  progress(label: string, total: number): Progress;
}

export interface Progress {
  update(value: number, detail?: string): void;
  setTotal(total: number): void;
  done(): void;
}

const silentProgress: Progress = { update() {}, setTotal() {}, done() {} };

export function createOutput(options: { json: boolean; quiet?: boolean }): Output {
  const interactive = Boolean(process.stderr.isTTY) && !options.quiet;
  return {
    json: options.json,
    result(data, human) {
      if (options.json) process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      else process.stdout.write(`${human()}\n`);
    },
    note(message) {
      if (!options.quiet) process.stderr.write(`${message}\n`);
    },
    progress(label, total) {
      if (!interactive) return silentProgress;
      const bar = new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: `${label.padEnd(28)} {bar} {percentage}% | {value}/{total} {detail}`,
          hideCursor: true,
          clearOnComplete: true,
          barsize: 24,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(total, 1), 0, { detail: '' });
      return {
        update: (value, detail) => bar.update(value, { detail: detail ?? '' }),
        setTotal: (t) => bar.setTotal(Math.max(t, 1)),
        done: () => bar.stop(),
      };
    },
  };
}

/** Terminal columns a string takes: CJK ideographs, kana, hangul and full-width forms take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** Formats rows as an aligned plain-text table. */
export function textTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  if (rows.length === 0) return '(no rows)';
  const keys = columns ?? Object.keys(rows[0] as object);
  const cell = (v: unknown): string =>
    v === null || v === undefined
      ? ''
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? String(v)
          : v.toFixed(3)
        : String(v);
  const widths = keys.map((k) => Math.max(displayWidth(k), ...rows.map((r) => displayWidth(cell(r[k])))));
  const line = (values: string[]): string =>
    values
      .map((v, i) => v + ' '.repeat(Math.max(0, (widths[i] as number) - displayWidth(v))))
      .join('  ')
      .trimEnd();
  return [
    line([...keys]),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(keys.map((k) => cell(r[k])))),
  ].join('\n');
}
