import { describe, expect, it } from 'vitest';
import { WriteQueue } from '../src/sync/write-queue.js';

/** A job that finishes when the test says so. */
function controllable() {
  const release = new Map<number, () => void>();
  const started: number[] = [];
  const worker = (job: number) =>
    new Promise<void>((resolve) => {
      started.push(job);
      release.set(job, resolve);
    });
  const finish = async (job: number) => {
    release.get(job)!();
    await new Promise((r) => setImmediate(r));
  };
  return { worker, started, finish };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('WriteQueue', () => {
  it('runs at most `concurrency` jobs at once, in the order they came', async () => {
    const { worker, started, finish } = controllable();
    const queue = new WriteQueue<number>({ capacity: 10, concurrency: 2, worker });
    for (const job of [1, 2, 3, 4]) await queue.push(job);
    await tick();
    expect(started).toEqual([1, 2]);
    await finish(2);
    expect(started).toEqual([1, 2, 3]);
    await finish(1);
    expect(started).toEqual([1, 2, 3, 4]);
    expect(queue.pending).toBe(2);
  });

  it('makes producers wait while the queue is full, and lets them go as writers free up (backpressure)', async () => {
    const { worker, finish } = controllable();
    const queue = new WriteQueue<number>({ capacity: 2, concurrency: 1, worker });
    await queue.push(1); // running
    await queue.push(2);
    await queue.push(3); // queue full
    let accepted = false;
    const fourth = queue.push(4).then(() => (accepted = true));
    await tick();
    expect(accepted).toBe(false);
    await finish(1); // 2 starts, a slot opens
    await fourth;
    expect(accepted).toBe(true);
    expect(queue.pending).toBe(3);
  });

  it('drain resolves when every accepted job is written', async () => {
    const done: number[] = [];
    const queue = new WriteQueue<number>({
      capacity: 3,
      concurrency: 2,
      worker: async (job) => {
        await new Promise((r) => setTimeout(r, 5 * (5 - job)));
        done.push(job);
      },
    });
    for (const job of [1, 2, 3, 4]) await queue.push(job);
    await queue.drain();
    expect(done.sort()).toEqual([1, 2, 3, 4]);
    await queue.drain(); // nothing pending: resolves at once
  });

  it('close hands back the jobs not started, releases blocked producers and lets running jobs finish', async () => {
    const { worker, finish, started } = controllable();
    const queue = new WriteQueue<number>({ capacity: 1, concurrency: 1, worker });
    await queue.push(1);
    await queue.push(2);
    const blocked = queue.push(3);
    await tick();
    expect(queue.close()).toEqual([2]);
    await expect(blocked).rejects.toThrow(/closed/);
    await expect(queue.push(4)).rejects.toThrow(/closed/);
    const drained = queue.drain();
    await finish(1);
    await drained;
    expect(started).toEqual([1]);
  });

  it('reports a worker that throws and goes on with the next job', async () => {
    const errors: [unknown, number][] = [];
    const done: number[] = [];
    const queue = new WriteQueue<number>({
      capacity: 5,
      concurrency: 1,
      worker: (job) => (job === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(void done.push(job))),
      onWorkerError: (error, job) => errors.push([error, job]),
    });
    await queue.push(1);
    await queue.push(2);
    await queue.drain();
    expect(errors.map(([e, job]) => [(e as Error).message, job])).toEqual([['boom', 1]]);
    expect(done).toEqual([2]);
  });
});
