// Placeholder signatures; the reader lands next.
import type { EventDraft, ParseIssue } from '../types.js';
import type { ParserFormat } from './index.js';

export interface ReadEventFileOptions {
  readonly format?: ParserFormat | 'auto';
  readonly batchLines?: number;
  readonly receivedAt?: Date;
}
export interface FileBatch {
  readonly file: string;
  readonly format: ParserFormat;
  readonly events: EventDraft[];
  readonly issues: ParseIssue[];
  readonly lines: number;
}
export interface FollowOptions {
  readonly pollMs?: number;
  readonly fromStart?: boolean;
}
export interface FollowHandle {
  close(): Promise<void>;
}
export async function listInputFiles(path: string): Promise<string[]> {
  return [path];
}
// eslint-disable-next-line require-yield
export async function* readLines(_path: string): AsyncGenerator<{ readonly lines: string[]; readonly firstLineNo: number }> {
  return;
}
// eslint-disable-next-line require-yield
export async function* readEventFile(_path: string, _options: ReadEventFileOptions = {}): AsyncGenerator<FileBatch> {
  return;
}
export function followFile(_path: string, _onLines: (lines: string[], firstLineNo: number) => void | Promise<void>, _options: FollowOptions = {}): FollowHandle {
  return { close: async () => undefined };
}
