// Differential check of our dissectors against an independent oracle (tshark): the same capture goes
// through our pipeline and through `tshark -T fields`, and every compared field must agree frame by
// frame, unless an OracleSpec lists the disagreement with its reason.
import { execFile } from 'node:child_process';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import type { OracleException, OracleSpec, ProtocolId } from '../dissectors/types.js';
import type { CaptureSink, PduAt } from '../types.js';
import { analyzeCaptureFile } from '../pipeline.js';

const run = promisify(execFile);
const aggregator = '\u001f';

/** field name → every value in the frame, in order of appearance. */
type FrameFields = Map<string, string[]>;
/** frame number → fields. */
type FieldTable = Map<number, FrameFields>;

export interface FieldDisagreement {
  readonly capture: string;
  readonly frame: number;
  readonly field: string;
  readonly ours: readonly string[];
  readonly tshark: readonly string[];
  readonly excusedBy?: string;
}

export interface ProtocolAgreement {
  readonly protocol: ProtocolId;
  readonly capture: string;
  /** (frame, field) pairs where at least one side has a value. */
  readonly compared: number;
  readonly agreed: number;
  readonly excused: number;
  readonly disagreements: readonly FieldDisagreement[];
}

/**
 * Reads the compared fields of every spec from one tshark run: frames matching any spec's display
 * filter, all occurrences of every field. Field names are protocol-prefixed, so each spec's columns
 * only fill in on that protocol's frames.
 */
export async function tsharkFields(capture: string, specs: readonly OracleSpec[]): Promise<Map<ProtocolId, FieldTable>> {
  const filter = specs.map((spec) => `(${spec.displayFilter})`).join(' || ');
  const args = ['-r', capture, '-n', ...specs.flatMap((spec) => spec.tsharkArgs ?? []), '-Y', filter, '-T', 'fields', '-E', 'occurrence=a'];
  args.push('-E', `aggregator=${aggregator}`, '-E', 'separator=/t', '-e', 'frame.number');
  for (const spec of specs) for (const field of spec.fields) args.push('-e', field);
  const { stdout } = await run('tshark', args, { maxBuffer: 512 * 1024 * 1024 });
  const tables = new Map<ProtocolId, FieldTable>(specs.map((spec) => [spec.protocol, new Map()]));
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const columns = line.split('\t');
    const frame = Number(columns[0]);
    let column = 1;
    for (const spec of specs) {
      const fields: FrameFields = new Map();
      for (const field of spec.fields) {
        const text = columns[column++] ?? '';
        if (text !== '') fields.set(field, text.split(aggregator));
      }
      if (fields.size > 0) tables.get(spec.protocol)?.set(frame, fields);
    }
  }
  return tables;
}

/** Runs our pipeline over the capture and keeps the spec's fields for the spec's protocol. */
export async function ourFields(capture: string, specs: readonly OracleSpec[]): Promise<Map<ProtocolId, FieldTable>> {
  const wanted = new Map(specs.map((spec) => [spec.protocol, new Set(spec.fields)]));
  const tables = new Map<ProtocolId, FieldTable>(specs.map((spec) => [spec.protocol, new Map()]));
  const sink: CaptureSink = {
    wantFields: true,
    frame: () => undefined,
    field: (at: PduAt, name: string, value: string | number) => {
      if (!wanted.get(at.protocol)?.has(name)) return;
      const table = tables.get(at.protocol);
      if (!table) return;
      let fields = table.get(at.frame);
      if (!fields) table.set(at.frame, (fields = new Map()));
      const values = fields.get(name);
      if (values) values.push(String(value));
      else fields.set(name, [String(value)]);
    },
    operation: () => undefined,
    outcome: () => undefined,
    identity: () => undefined,
    malformed: () => undefined,
  };
  await analyzeCaptureFile(capture, sink);
  return tables;
}

/** Compares one protocol on one capture. */
export function compareFields(
  capture: string,
  spec: OracleSpec,
  ours: FieldTable,
  theirs: FieldTable,
): ProtocolAgreement {
  const name = basename(capture);
  const frames = [...new Set([...ours.keys(), ...theirs.keys()])].sort((a, b) => a - b);
  let compared = 0;
  let agreed = 0;
  let excused = 0;
  const disagreements: FieldDisagreement[] = [];
  for (const frame of frames) {
    for (const field of spec.fields) {
      // tshark prints one empty string exactly as a missing field
      const a = withoutLoneEmpty(ours.get(frame)?.get(field) ?? []);
      const b = theirs.get(frame)?.get(field) ?? [];
      if (a.length === 0 && b.length === 0) continue;
      compared++;
      if (sameValues(a, b)) {
        agreed++;
        continue;
      }
      const exception = findException(spec.exceptions, name, frame, field);
      if (exception) excused++;
      disagreements.push({
        capture: name,
        frame,
        field,
        ours: a,
        tshark: b,
        ...(exception ? { excusedBy: exception.reason } : {}),
      });
    }
  }
  return { protocol: spec.protocol, capture: name, compared, agreed, excused, disagreements };
}

function withoutLoneEmpty(values: readonly string[]): readonly string[] {
  return values.length === 1 && values[0] === '' ? [] : values;
}

function findException(
  exceptions: readonly OracleException[],
  capture: string,
  frame: number,
  field: string,
): OracleException | undefined {
  return exceptions.find(
    (e) =>
      (e.capture === '*' || e.capture === capture) &&
      (e.frame === undefined || e.frame === frame) &&
      (e.field === undefined || e.field === field),
  );
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i] ?? '', b[i] ?? '')) return false;
  return true;
}

/** tshark prints integers in decimal or 0x-hex and booleans as True/False; we emit numbers and strings. */
export function sameValue(ours: string, theirs: string): boolean {
  if (ours === theirs) return true;
  const x = asNumber(ours);
  const y = asNumber(theirs);
  return x !== undefined && y !== undefined && x === y;
}

function asNumber(text: string): number | undefined {
  if (text === 'True') return 1;
  if (text === 'False') return 0;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  return undefined;
}
