// The industrial rule pack: Sigma rules written by the project (one file per rule under ./rules, a
// correlation beside the rule it counts), installed as platform rules (no organisation) so that every
// organisation's events run through them. Installing is idempotent: a file whose rules are stored with
// the same text changes nothing; a changed file becomes a new version of its rules (the rules
// service's import); the server installs the pack at every start, `bulwark rules pack install` on demand.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { systemActor, type Actor } from '../../../platform/access.js';
import type { Database } from '../../../storage/index.js';
import { compileDocuments, parseRuleText, type CompiledSet, type ParsedDocument } from '../engine.js';
import type { RuleService } from '../rules.service.js';
import { selectBySigmaIds } from '../rules.store.js';

export interface PackFile {
  readonly file: string;
  readonly text: string;
}

/**
 * Where the rule files are: beside this module in the source tree; from the compiled tree (dist/src/...)
 * the same folder of the source tree, which the build does not copy.
 */
export function packDirectory(): string {
  const here = fileURLToPath(new URL('./rules/', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../../../../src/modules/detection/pack/rules/', import.meta.url));
}

/** The pack's files in name order. */
export async function readPack(dir = packDirectory()): Promise<PackFile[]> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  return Promise.all(names.map(async (n) => ({ file: n, text: await readFile(`${dir}${dir.endsWith('/') ? '' : '/'}${n}`, 'utf8') })));
}

/** Every document of the pack as it would be stored. Throws on an invalid file (a bug of the pack). */
export function packDocuments(files: readonly PackFile[]): ParsedDocument[] {
  return files.flatMap((f) => {
    const parsed = parseRuleText(f.text, f.file);
    if (!parsed.valid) throw new Error(`rule pack file ${f.file} is not valid: ${parsed.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ')}`);
    return parsed.documents;
  });
}

/** The pack compiled on its own (tests, benchmarks, replays). */
export async function compilePack(): Promise<{ set: CompiledSet; documents: ParsedDocument[] }> {
  const documents = packDocuments(await readPack());
  const set = compileDocuments(documents);
  if (set.problems.some((p) => p.severity === 'error')) throw new Error(`rule pack does not compile: ${set.problems.map((p) => p.message).join('; ')}`);
  return { set, documents };
}

export interface PackInstallReport {
  readonly files: number;
  readonly rules: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

/**
 * Installs or upgrades the pack as platform rules. Files whose every document is stored with the same
 * text are not imported again (no new version, no audit entry); the others go through the rules service.
 */
export async function installRulePack(database: Database, rules: RuleService, actor: Actor = systemActor('rule-pack'), dir?: string): Promise<PackInstallReport> {
  const files = await readPack(dir);
  const parsed = files.map((f) => ({ ...f, documents: packDocuments([f]) }));
  const ids = parsed.flatMap((f) => f.documents.map((d) => d.sigmaId));
  const stored = new Map((await selectBySigmaIds(database.db, null, ids)).map((r) => [r.sigmaId, r]));
  const changed = parsed.filter((f) =>
    f.documents.some((d) => {
      const s = stored.get(d.sigmaId);
      return s === undefined || s.source !== d.source || s.kind !== d.kind;
    }),
  );
  let created = 0;
  let updated = 0;
  let unchanged = ids.length - changed.reduce((n, f) => n + f.documents.length, 0);
  // File by file: a document's stored text is its own part of its file, which a merged text would change.
  for (const f of changed) {
    const report = await rules.import(actor, { text: f.text, file: `rule-pack/${f.file}`, platform: true });
    created += report.created;
    updated += report.updated;
    unchanged += report.unchanged;
  }
  return { files: files.length, rules: ids.length, created, updated, unchanged };
}
