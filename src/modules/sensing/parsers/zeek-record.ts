// One Zeek record as the mappers read it: fields by name, each read marked, so that whatever a mapper
// did not use ends up in `labels` under Zeek's own name (bounded in count and length).

/** Field name → value as Zeek wrote it; unset fields are absent, empty sets are ''. */
export type ZeekRecord = Record<string, string>;

const MAX_LABELS = 64;
const MAX_LABEL_CHARS = 512;

export class RecordReader {
  private readonly used = new Set<string>();

  constructor(private readonly record: ZeekRecord) {}

  /** The value (marked as used), or undefined when unset or empty. */
  str(name: string): string | undefined {
    this.used.add(name);
    const value = this.record[name];
    return value === undefined || value === '' ? undefined : value;
  }

  /** The value without marking it: it stays in labels too. */
  peek(name: string): string | undefined {
    const value = this.record[name];
    return value === undefined || value === '' ? undefined : value;
  }

  /** A count, port or hex code (`0x44`) as a number. */
  num(name: string): number | undefined {
    const value = this.str(name);
    if (value === undefined) return undefined;
    const parsed = /^0x[0-9a-f]+$/i.test(value) ? parseInt(value, 16) : Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }

  /** Marks fields as used without reading them (they are mapped elsewhere or deliberately dropped). */
  drop(...names: string[]): void {
    for (const name of names) this.used.add(name);
  }

  labels(): Record<string, string> | undefined {
    let labels: Record<string, string> | undefined;
    let count = 0;
    for (const name of Object.keys(this.record)) {
      if (this.used.has(name)) continue;
      const value = this.record[name] as string;
      if (value === '') continue;
      if (count === MAX_LABELS) {
        (labels ??= {})['labels.truncated'] = 'true';
        break;
      }
      (labels ??= {})[name] = value.length > MAX_LABEL_CHARS ? `${value.slice(0, MAX_LABEL_CHARS)}…` : value;
      count += 1;
    }
    return labels;
  }
}
