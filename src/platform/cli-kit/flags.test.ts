import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError, RateLimitedError } from '../errors.js';
import { RemoteError } from './api.js';
import { inFlagTerms } from './flags.js';

describe('errors in flag terms', () => {
  it('names flags in the message and the detail paths, keeping the error kind', () => {
    const error = inFlagTerms(new InputError('orgId is required', [{ path: 'orgId', message: 'name the organisation' }, { path: 'firmwareVersion', message: 'too long' }]), { firmwareVersion: '--firmware' });
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: '--org is required', details: [{ path: '--org', message: 'name the organisation' }, { path: '--firmware', message: 'too long' }] });
  });

  it('maps a nested path by its first segment, and leaves plain words and unknown paths alone', () => {
    const error = inFlagTerms(new NotFoundError('name not found', [{ path: 'auth.username', message: 'x' }, { path: 'body', message: 'y' }]), { auth: '--taxii-auth', name: '--feed' });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ message: 'name not found', details: [{ path: '--taxii-auth.username' }, { path: 'body' }] });
  });

  it('renames what a server answered too', () => {
    const error = inFlagTerms(new RemoteError(400, 'invalid_input', 'invalid body: tlpMax', [{ path: 'tlpMax', message: 'bad' }]), { tlpMax: '--tlp-max' });
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_input', message: 'invalid body: --tlp-max', details: [{ path: '--tlp-max', message: 'bad' }] });
  });

  it('passes other errors through unchanged', () => {
    const limited = new RateLimitedError('slow down', 5);
    expect(inFlagTerms(limited)).toBe(limited);
    const plain = new Error('orgId');
    expect(inFlagTerms(plain)).toBe(plain);
  });
});
