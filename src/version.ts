import { readFileSync } from 'node:fs';

function readVersion(): string {
  // package.json is one level up from src/ (tests), two from dist/src/ (built), three from the CLI
  // bundle's dist/cli/chunks/.
  for (const path of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'bulwark' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
