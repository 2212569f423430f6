import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Actor } from '../../platform/access.js';
import { InputError } from '../../platform/errors.js';
import type { IntelClient } from './client-port.js';
import type { IntelService } from './intel.service.js';
import { maxInputBytes } from './extract/index.js';
import { checkPattern } from './pattern-check.js';

/** The intel commands on the database in-process, as the local operator. */
export function localIntelClient(intel: IntelService, actor: Actor): IntelClient {
  return {
    intelImport: (path, options) => intel.importFile(actor, path, options),
    intelExport: (filter) => intel.exportBundle(actor, filter),
    async intelValidate(path) {
      const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
      const opened = new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', () => reject(new InputError(`cannot read ${path}`, [{ path: 'file', message: 'no such readable file' }])));
      });
      await opened;
      return intel.validateBundle(stream);
    },
    intelPattern: async (pattern, objects) => checkPattern(pattern, objects),
    async intelExtract(path, options) {
      const size = await stat(path).then(
        (s) => s.size,
        () => {
          throw new InputError(`cannot read ${path}`, [{ path: 'file', message: 'no such readable file' }]);
        },
      );
      const limit = maxInputBytes[options.kind];
      if (size > limit) throw new InputError(`${options.kind} reports are limited to ${limit} bytes`, [{ path: 'file', message: `${size} bytes` }]);
      return intel.extract(actor, { bytes: await readFile(path), kind: options.kind, name: options.name });
    },
  };
}
