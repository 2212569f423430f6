// The project's playbook library: CACAO 2.0 playbooks for industrial incidents, written by the
// project, one JSON file each beside this module. An operator imports them like any other playbook.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface LibraryFile {
  readonly file: string;
  readonly playbook: unknown;
}

/** Beside this module in the source tree; from the compiled tree the same folder of the source tree, which the build does not copy. */
export function libraryDirectory(): string {
  const here = fileURLToPath(new URL('./', import.meta.url));
  if (existsSync(`${here}ransomware-engineering-workstation.json`)) return here;
  return fileURLToPath(new URL('../../../../../src/modules/response/library/', import.meta.url));
}

export async function readLibrary(dir = libraryDirectory()): Promise<LibraryFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(names.map(async (file) => ({ file, playbook: JSON.parse(await readFile(`${dir}${dir.endsWith('/') ? '' : '/'}${file}`, 'utf8')) as unknown })));
}
