// Errors in the words a person typed: services and the API name fields (orgId), the CLI names flags (--org).
import { RemoteError } from './api.js';
import { DomainError, RateLimitedError } from '../errors.js';

/** Field or schema path → the flag or argument that sets it, one table per command. */
export type FlagNames = Readonly<Record<string, string>>;

/** What every command shares: the organisation is always --org. */
export const commonFlags: FlagNames = { orgId: '--org' };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function flagOf(path: string, flags: FlagNames): string {
  if (flags[path] !== undefined) return flags[path];
  const [head, ...rest] = path.split('.');
  const flag = head === undefined ? undefined : flags[head];
  return flag === undefined ? path : [flag, ...rest].join('.');
}

// Only internal-looking names (orgId, firmwareVersion) are replaced in messages: plain words like
// "name" or "role" read right as they are, and replacing them would garble sentences.
function reword(message: string, flags: FlagNames): string {
  let text = message;
  for (const [field, flag] of Object.entries(flags).filter(([f]) => /[A-Z_]/.test(f))) text = text.replace(new RegExp(`(?<![\\w-])${escape(field)}(?![\\w-])`, 'g'), flag);
  return text;
}

/** The same error with its message and detail paths naming flags; anything else passes unchanged. */
export function inFlagTerms(error: unknown, commandFlags: FlagNames = {}): unknown {
  const flags = { ...commonFlags, ...commandFlags };
  if (error instanceof RemoteError) {
    return new RemoteError(error.status, error.code, reword(error.message, flags), error.details.map((d) => ({ ...d, path: flagOf(d.path, flags) })));
  }
  if (error instanceof DomainError && !(error instanceof RateLimitedError)) {
    const Kind = error.constructor as new (message: string, details: DomainError['details']) => DomainError;
    const renamed = new Kind(reword(error.message, flags), error.details.map((d) => ({ ...d, path: flagOf(d.path, flags) })));
    return renamed;
  }
  return error;
}
