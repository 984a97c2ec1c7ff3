// The pipe between the crawl and Notion: the crawler hands pages over as it fetches them and
// goes on crawling, while a few workers write them through the rate-limited Notion handle. The
// queue is bounded so a fast site cannot pile up converted pages in memory: when it is full,
// `push` waits, and with it the crawler's request handler (backpressure).
//
// Workers run in the async context the queue was made in, not in that of the request handler
// whose push started them: a worker goes from job to job, and in the handler's context it would
// keep that handler's crawling context (its whole parsed page) alive for the rest of the run.

import { AsyncResource } from 'node:async_hooks';

export interface WriteQueueOptions<T> {
  /** Jobs waiting to be written (not counting the ones being written). */
  capacity: number;
  /** Jobs written at the same time. */
  concurrency: number;
  /** Writes one job. It must not throw: a failed job is recorded by the worker itself. */
  worker: (job: T) => Promise<void>;
  /** Called if a worker throws anyway, so the run still learns about it. */
  onWorkerError?: (error: unknown, job: T) => void;
}

export class WriteQueue<T> {
  readonly #waiting: T[] = [];
  /** Producers blocked on a full queue, in arrival order. */
  readonly #blocked: (() => void)[] = [];
  readonly #idle: (() => void)[] = [];
  #running = 0;
  #closed = false;
  readonly #context = new AsyncResource('WriteQueue');

  constructor(private readonly options: WriteQueueOptions<T>) {
    if (options.capacity < 1 || options.concurrency < 1) throw new Error('capacity and concurrency must be at least 1');
  }

  /** Jobs waiting plus jobs being written. */
  get pending(): number {
    return this.#waiting.length + this.#running;
  }

  /** Resolves once the job is accepted; waits while the queue is full. */
  async push(job: T): Promise<void> {
    while (!this.#closed && this.#waiting.length >= this.options.capacity) {
      await new Promise<void>((resolve) => this.#blocked.push(resolve));
    }
    if (this.#closed) throw new Error('the write queue is closed');
    this.#waiting.push(job);
    this.#pump();
  }

  /** Resolves when every accepted job has been written. */
  drain(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /**
   * Stops accepting jobs; blocked producers are released with an error. Jobs not yet started are
   * returned (the caller records them), jobs being written finish.
   */
  close(): T[] {
    this.#closed = true;
    const dropped = this.#waiting.splice(0);
    for (const wake of this.#blocked.splice(0)) wake();
    this.#settle();
    return dropped;
  }

  #pump(): void {
    while (this.#running < this.options.concurrency && this.#waiting.length > 0) {
      const job = this.#waiting.shift()!;
      this.#running += 1;
      // A slot in the queue opened: the oldest blocked producer may go on.
      this.#blocked.shift()?.();
      void this.#context.runInAsyncScope(() => this.#run(job));
    }
  }

  async #run(job: T): Promise<void> {
    try {
      await this.options.worker(job);
    } catch (error) {
      this.options.onWorkerError?.(error, job);
    } finally {
      this.#running -= 1;
      this.#pump();
      this.#settle();
    }
  }

  #settle(): void {
    if (this.pending === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }
}
