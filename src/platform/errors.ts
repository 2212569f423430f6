// The few domain errors services throw; src/http/error-handler.ts maps them to HTTP once.

export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
}

export class DomainError extends Error {
  readonly details: readonly ErrorDetail[];
  constructor(message: string, details: readonly ErrorDetail[] = []) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** The input is wrong; details say where. */
export class InputError extends DomainError {}
/** Nobody is logged in, or the credentials are wrong. */
export class AuthenticationError extends DomainError {}
/** The caller is known but may not do this. */
export class NotAllowedError extends DomainError {}
/** It does not exist, or the caller may not know that it exists. */
export class NotFoundError extends DomainError {}
/** It clashes with what is already there. */
export class ConflictError extends DomainError {}
/** The input is bigger than this deployment accepts. */
export class TooLargeError extends DomainError {}
/** Too many attempts; retry after the given number of seconds. */
export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
