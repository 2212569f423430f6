// The CLI's shape, checked on the source: modules own their clients and commands, src/cli/ only assembles them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collect } from '../src/cli/cli-test-kit.js';
import { buildProgram, commandGroups, groupOf } from '../src/cli/program.js';
import { createOutput } from '../src/platform/cli-kit/output.js';

const src = fileURLToPath(new URL('../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every module specifier a file names: static imports and exports, and dynamic import(). */
function specifiers(text: string): string[] {
  const found = [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g), ...text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g), ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)];
  return found.map((m) => m[1] as string);
}

function importsUnder(file: string, folder: string): string[] {
  return specifiers(readFileSync(file, 'utf8'))
    .filter((s) => s.startsWith('.'))
    .map((s) => resolve(dirname(file), s))
    .filter((target) => !relative(folder, target).startsWith('..'))
    .map((target) => relative(src, target));
}

/** The method names of a client port: the members of its exported interfaces. */
function portMethods(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/export interface \w+Client\b[^{]*\{([\s\S]*?)\n\}/g)].flatMap((m) => [...(m[1] ?? '').matchAll(/^\s+(\w+)\s*[(<]/gm)].map((x) => x[1] as string));
}

const production = (file: string) => !file.endsWith('.test.ts');

describe('CLI boundaries', () => {
  it('finds what it checks: module files, client ports and their methods', () => {
    const ports = files(join(src, 'modules')).filter((f) => f.endsWith('/client-port.ts'));
    // Modules keep arriving with their own ports; these are the ones the walker must never miss.
    expect(ports.map((f) => relative(src, f))).toEqual(
      expect.arrayContaining(['modules/assets/client-port.ts', 'modules/capture/client-port.ts', 'modules/intel/client-port.ts', 'modules/intel/taxii/client-port.ts', 'modules/knowledge/client-port.ts']),
    );
    expect(ports.flatMap(portMethods)).toEqual(expect.arrayContaining(['captureAnalyze', 'kbImport', 'listAssets', 'intelImport', 'taxiiRunFeed']));
    expect(importsUnder(join(src, 'main.ts'), join(src, 'cli'))).toEqual(['cli/program.js']);
  });

  it('no module file imports from src/cli/ (the kit they share is src/platform/cli-kit/)', () => {
    const offenders = files(join(src, 'modules'))
      .filter(production)
      .flatMap((f) => importsUnder(f, join(src, 'cli')).map((target) => `${relative(src, f)} -> ${target}`));
    expect(offenders).toEqual([]);
  });

  it('every module with commands owns its client port with a local and an HTTP adapter', () => {
    const commandFiles = files(join(src, 'modules')).filter((f) => f.endsWith('/cli.ts'));
    for (const cli of commandFiles) {
      const dir = dirname(cli);
      const own = readdirSync(dir);
      expect(own, relative(src, dir)).toEqual(expect.arrayContaining(['client-port.ts', 'client-local.ts', 'client-http.ts']));
    }
  });

  it('src/cli/ names no module method and imports no module client or service', () => {
    const methods = new Set(files(join(src, 'modules')).filter((f) => f.endsWith('/client-port.ts')).flatMap(portMethods));
    for (const file of files(join(src, 'cli')).filter(production)) {
      const text = readFileSync(file, 'utf8');
      const named = [...text.matchAll(/\b\w+\b/g)].map((m) => m[0]).filter((word) => methods.has(word));
      expect(named, relative(src, file)).toEqual([]);
      // Modules are reached through their commands (cli.ts) only.
      const reached = importsUnder(file, join(src, 'modules')).filter((target) => !target.endsWith('/cli.js'));
      expect(reached, relative(src, file)).toEqual([]);
    }
  });
});

describe('CLI program', () => {
  const out = createOutput(collect([]), collect([]));

  it('finds the command group in the arguments, past global options and help', () => {
    expect(groupOf(['--server', 'http://x', '--token', 't', '--json', 'capture', 'list'])).toBe('capture');
    expect(groupOf(['help', 'kb'])).toBe('kb');
    expect(groupOf(['--help'])).toBeUndefined();
  });

  it('loads only the group the arguments name; the others are only named, with their own description', async () => {
    const only = await buildProgram({ out, env: {}, args: ['org', 'list'] });
    const loaded = only.commands.filter((c) => c.commands.length > 0).map((c) => c.name());
    expect(loaded).toEqual(['org']);
    const help = await buildProgram({ out, env: {}, args: ['--help'] });
    expect(help.commands.filter((c) => c.commands.length > 0)).toEqual([]);
    // The descriptions the program lists are the loaded commands' own.
    const full = await buildProgram({ out, env: {} });
    expect(full.commands.map((c) => [c.name(), c.description()])).toEqual(commandGroups.map((g) => [g.name, g.description]));
  });
});
