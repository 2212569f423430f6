// Where a sensor's packets come from: standard input (`tcpdump -w - | bulwark sensor --read -`), a
// file, or an interface through dumpcap or tcpdump, whichever is installed (both write pcap to stdout).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, createReadStream } from 'node:fs';
import { delimiter, join } from 'node:path';
import { InputError } from '../../../platform/errors.js';

export interface CaptureSource {
  readonly input: NodeJS.ReadableStream;
  readonly description: string;
  /** Stops the capture program, if one was started. */
  stop(): void;
  readonly child?: ChildProcess;
}

export function findProgram(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function openCaptureSource(options: { read?: string | undefined; interface?: string | undefined; path?: string | undefined }, stdin: NodeJS.ReadableStream = process.stdin): CaptureSource {
  if ((options.read === undefined) === (options.interface === undefined)) {
    throw new InputError('give one packet source', [{ path: '--read', message: 'a pcap/pcapng file, or - for standard input; or --interface NAME' }]);
  }
  if (options.read === '-') return { input: stdin, description: 'standard input', stop: () => undefined };
  if (options.read !== undefined) return { input: createReadStream(options.read, { highWaterMark: 1 << 20 }), description: options.read, stop: () => undefined };
  const name = options.interface as string;
  const dumpcap = findProgram('dumpcap', options.path);
  const tcpdump = dumpcap === undefined ? findProgram('tcpdump', options.path) : undefined;
  if (dumpcap === undefined && tcpdump === undefined) {
    throw new InputError('neither dumpcap nor tcpdump is installed', [
      { path: '--interface', message: 'install dumpcap (Wireshark) or tcpdump, or capture elsewhere and pipe it in: tcpdump -w - | bulwark sensor --read -' },
    ]);
  }
  // -q/-U: quiet, and packets flushed as they come (a pipe would otherwise hold them in 4 KiB blocks).
  const [program, args] = dumpcap !== undefined ? [dumpcap, ['-q', '-i', name, '-w', '-']] : [tcpdump as string, ['-U', '-n', '-i', name, '-w', '-']];
  const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return { input: child.stdout, description: `${program} on ${name}`, stop: () => void child.kill('SIGTERM'), child };
}
