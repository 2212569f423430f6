// The CLI's one way to talk to people: library code never writes to the terminal.

export interface Output {
  line(text: string): void;
  error(text: string): void;
  json(value: unknown): void;
  table<T extends object>(rows: readonly T[], columns: readonly string[]): void;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function createOutput(stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Output {
  return {
    line: (text) => void stdout.write(`${text}\n`),
    error: (text) => void stderr.write(`${text}\n`),
    json: (value) => void stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    table(objects, columns) {
      const rows = objects as readonly Record<string, unknown>[];
      if (rows.length === 0) {
        stdout.write('(none)\n');
        return;
      }
      const widths = columns.map((c) => Math.min(48, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
      const fmt = (values: string[]) => values.map((v, i) => v.slice(0, widths[i]).padEnd(widths[i] ?? 0)).join('  ').trimEnd();
      stdout.write(`${fmt([...columns].map((c) => c.toUpperCase()))}\n`);
      for (const row of rows) stdout.write(`${fmt(columns.map((c) => cell(row[c])))}\n`);
    },
  };
}
