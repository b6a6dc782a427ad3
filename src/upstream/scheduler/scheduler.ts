/**
 * ONE scheduler for every call the pipeline sends to bunq (bunq-api.md §7: the limits are per
 * IP, so all tokens share them):
 *  - each call counts against its bucket (method class + endpoint, rate-limits.ts) in a
 *    RateBudget; a call that has no slot waits in that bucket's FairQueue (round-robin by token);
 *  - the wait is bounded: at most `maxQueued` calls in total and `maxQueuedPerToken` per token,
 *    beyond that the call is refused at once with 503 upstream_busy + Retry-After; a call that
 *    waited longer than `maxWaitMs` is refused the same way, NOT sent late;
 *  - a 429 from bunq blocks the bucket for Retry-After (bunq documents none: 3 s, §7), doubled
 *    on each further attempt; ONLY a GET is then queued again (at most `retriesOn429` times).
 *    A POST, PUT or DELETE is NEVER repeated: a payment must never be sent twice;
 *  - a call whose client has hung up by the time it reaches the head of its queue is withdrawn
 *    (CallWithdrawn, NOT sent): bunq's few slots go to callers still waiting for an answer.
 */
import { CallWithdrawn, UpstreamBusy, UpstreamRateLimited } from '../bunq-errors';
import type { HttpMethod } from '../transport';
import { FairQueue } from './fair-queue';
import type { RateBudget } from './rate-budget';
import { BUNQ_WINDOW_MS, bucketKey, limitFor, type RateLimitMode, type WindowLimit } from './rate-limits';
import type { SchedulerTime } from './timers';

export interface SchedulerOptions {
  readonly mode: RateLimitMode;
  readonly windowMarginMs: number;
  readonly maxQueued: number;
  readonly maxQueuedPerToken: number;
  readonly maxWaitMs: number;
  readonly retriesOn429: number;
}

interface Job {
  readonly tokenId: string;
  readonly method: HttpMethod;
  readonly send: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
  readonly deadline: number;
  /** Whether nobody waits for the answer any more (the client hung up). */
  readonly gone: () => boolean;
  attempts: number;
}

const NEVER = (): boolean => false;

interface Bucket {
  readonly key: string;
  readonly limit: WindowLimit;
  readonly queue: FairQueue<Job>;
  draining: boolean;
  wakeAt: number | undefined;
}

export class UpstreamScheduler {
  readonly #buckets = new Map<string, Bucket>();
  readonly #queuedByToken = new Map<string, number>();
  #queued = 0;

  constructor(
    private readonly opts: SchedulerOptions,
    private readonly budget: RateBudget,
    private readonly time: SchedulerTime,
  ) {}

  /** Calls waiting for a slot (all buckets). */
  get queued(): number {
    return this.#queued;
  }

  /**
   * Runs `send` once a slot on the bunq budget of `method path` is free; see the header.
   * `gone`: asked when the call leaves the queue; true withdraws it unsent.
   * `resend`: a call admitted before that must go to bunq once more (a GET after a session
   * renewal): it needs a slot of its own but is not refused for a full queue, and it waits at
   * the head of its token's queue, like a retry after a 429.
   */
  run<T>(
    tokenId: string,
    method: HttpMethod,
    path: string,
    send: () => Promise<T>,
    opts: { readonly gone?: () => boolean; readonly resend?: boolean } = {},
  ): Promise<T> {
    const limit = limitFor(this.opts.mode, method, this.opts.windowMarginMs);
    if (limit === null) return send();
    const bucket = this.#bucket(bucketKey(method, path), limit);
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        tokenId,
        method,
        send,
        resolve: resolve as (value: unknown) => void,
        reject,
        deadline: this.time.now() + this.opts.maxWaitMs,
        gone: opts.gone ?? NEVER,
        attempts: 0,
      };
      const perToken = this.#queuedByToken.get(tokenId) ?? 0;
      if (opts.resend === true || (this.#queued < this.opts.maxQueued && perToken < this.opts.maxQueuedPerToken)) {
        this.#enqueue(bucket, job, opts.resend === true);
        this.#drain(bucket);
      } else if (!this.#sendIfFree(bucket, job)) {
        const retryAfter = this.#retryAfter(bucket);
        reject(new UpstreamBusy(retryAfter, `Too many requests are waiting for bunq; retry in ${retryAfter} s.`));
      }
    });
  }

  /** With the queue full, a call is still sent if its bucket has nobody waiting and a free slot. */
  #sendIfFree(bucket: Bucket, job: Job): boolean {
    if (bucket.queue.size > 0 || bucket.draining) return false;
    // An asynchronous budget cannot answer now: the call is refused (at worst a slot goes unused).
    if (this.budget.take(bucket.key, bucket.limit, this.time.now()) !== 0) return false;
    this.#dispatch(bucket, job);
    return true;
  }

  #bucket(key: string, limit: WindowLimit): Bucket {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { key, limit, queue: new FairQueue<Job>(), draining: false, wakeAt: undefined };
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }

  #enqueue(bucket: Bucket, job: Job, atHead: boolean): void {
    if (atHead) bucket.queue.unshift(job.tokenId, job);
    else bucket.queue.push(job.tokenId, job);
    this.#queued++;
    this.#queuedByToken.set(job.tokenId, (this.#queuedByToken.get(job.tokenId) ?? 0) + 1);
  }

  #dequeue(bucket: Bucket): Job | undefined {
    const job = bucket.queue.shift();
    if (!job) return undefined;
    this.#queued--;
    const left = this.#queuedByToken.get(job.tokenId)! - 1;
    if (left === 0) this.#queuedByToken.delete(job.tokenId);
    else this.#queuedByToken.set(job.tokenId, left);
    return job;
  }

  /**
   * Hands out free slots in turn until the bucket is empty or out of budget. With a synchronous
   * budget (in memory) this runs to completion at once, so a call with a free slot is sent
   * without ever counting as queued; an asynchronous (shared) budget is awaited, one ask at a time.
   */
  #drain(bucket: Bucket): void {
    if (bucket.draining) return;
    while (bucket.queue.size > 0) {
      const wait = this.budget.take(bucket.key, bucket.limit, this.time.now());
      if (typeof wait !== 'number') {
        bucket.draining = true;
        wait.then(
          (ms) => {
            bucket.draining = false;
            if (this.#useSlot(bucket, ms)) this.#drain(bucket);
          },
          () => {
            // The budget store is unreachable: send nothing now, ask again after one window.
            bucket.draining = false;
            this.#wake(bucket, bucket.limit.windowMs);
          },
        );
        return;
      }
      if (!this.#useSlot(bucket, wait)) return;
    }
  }

  /** After asking the budget: send the next call (true) or sleep until a slot may be free. */
  #useSlot(bucket: Bucket, waitMs: number): boolean {
    if (waitMs > 0) {
      this.#wake(bucket, waitMs);
      return false;
    }
    // A slot is spent even if every waiting call turns out expired: erring on fewer sends.
    const job = this.#nextLive(bucket);
    if (!job) return false;
    this.#dispatch(bucket, job);
    return true;
  }

  /**
   * The next call that is still wanted and within its deadline; a call whose client hung up is
   * withdrawn, an expired one refused: neither is sent.
   */
  #nextLive(bucket: Bucket): Job | undefined {
    for (let job = this.#dequeue(bucket); job; job = this.#dequeue(bucket)) {
      if (job.gone()) {
        job.reject(new CallWithdrawn());
        continue;
      }
      if (this.time.now() <= job.deadline) return job;
      const retryAfter = this.#retryAfter(bucket);
      job.reject(new UpstreamBusy(retryAfter, `bunq is busy; the call waited too long and was NOT sent. Retry in ${retryAfter} s.`));
    }
    return undefined;
  }

  #wake(bucket: Bucket, waitMs: number): void {
    const at = this.time.now() + waitMs;
    if (bucket.wakeAt !== undefined && bucket.wakeAt <= at) return;
    bucket.wakeAt = at;
    this.time.setTimeout(() => {
      if (bucket.wakeAt !== at) return;
      bucket.wakeAt = undefined;
      this.#drain(bucket);
    }, waitMs);
  }

  #dispatch(bucket: Bucket, job: Job): void {
    job.attempts++;
    job.send().then(job.resolve, (err: unknown) => this.#failed(bucket, job, err));
  }

  async #failed(bucket: Bucket, job: Job, err: unknown): Promise<void> {
    if (!(err instanceof UpstreamRateLimited)) {
      job.reject(err);
      return;
    }
    const backoffMs = (err.retryAfter ?? BUNQ_WINDOW_MS / 1000) * 1000 * 2 ** (job.attempts - 1);
    const until = this.time.now() + backoffMs;
    try {
      await this.budget.block(bucket.key, until);
    } catch {
      // The budget store failing must not turn bunq's 429 into something else.
    }
    const retry = job.method === 'GET' && job.attempts <= this.opts.retriesOn429 && until <= job.deadline;
    if (!retry) {
      job.reject(err);
      return;
    }
    this.#enqueue(bucket, job, true);
    this.#wake(bucket, backoffMs);
  }

  /** Seconds until this bucket could have served everything now queued in it (at least 1). */
  #retryAfter(bucket: Bucket): number {
    const windows = Math.ceil((bucket.queue.size + 1) / bucket.limit.limit);
    return Math.max(1, Math.ceil((windows * bucket.limit.windowMs) / 1000));
  }
}
