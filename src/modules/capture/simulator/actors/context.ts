// What every actor of the simulated plant gets: the capture's time span and its own random stream.
import type { SimFrame } from '../frames.js';
import type { Random } from '../random.js';

export interface ActorContext {
  /** First moment of the capture, µs since the Unix epoch. */
  readonly start: number;
  /** Last moment of the capture: connections are closed by then. */
  readonly end: number;
  readonly random: Random;
}

/** An actor yields its frames in time order; the simulator merges all actors into one capture. */
export type Actor = Generator<SimFrame, void, undefined>;

export const ms = (n: number): number => Math.round(n * 1000);
export const seconds = (n: number): number => Math.round(n * 1_000_000);

/** A random client port in the Windows dynamic range. */
export function ephemeralPort(ctx: ActorContext): number {
  return ctx.random.int(49152, 65000);
}
