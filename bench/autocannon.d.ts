// autocannon 8 ships no typings; this declares only the part of its programmatic API the benchmarks use.
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      readonly url: string;
      readonly connections?: number;
      /** Seconds. */
      readonly duration?: number;
      /** Seconds to wait for a response. */
      readonly timeout?: number;
      readonly method?: string;
      readonly headers?: Readonly<Record<string, string>>;
      /** A run before the measured one; its figures are kept apart, in `warmup`. */
      readonly warmup?: { readonly connections?: number; readonly duration?: number };
    }

    /** hdr-histogram-percentiles-obj: the percentiles autocannon reports. */
    interface Histogram {
      readonly average: number;
      readonly mean: number;
      readonly stddev: number;
      readonly min: number;
      readonly max: number;
      /** requests: completed requests; throughput: bytes. Absent on latency. */
      readonly total?: number;
      /** latency only: how many responses were timed. */
      readonly totalCount?: number;
      readonly p2_5: number;
      readonly p50: number;
      readonly p75: number;
      readonly p90: number;
      readonly p97_5: number;
      readonly p99: number;
      readonly p99_9: number;
    }

    interface Result {
      readonly url: string;
      readonly requests: Histogram;
      /** Milliseconds. */
      readonly latency: Histogram;
      /** Bytes per second. */
      readonly throughput: Histogram;
      /** Seconds. */
      readonly duration: number;
      readonly errors: number;
      readonly timeouts: number;
      readonly non2xx: number;
      readonly '2xx': number;
      readonly connections: number;
      readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
    }

    interface Instance extends PromiseLike<Result> {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;

  export default autocannon;
}
