import { describe, expect, it } from 'vitest';
import { SeededRandom, deriveSeed } from '../src/sandboxes/seeded-random.js';

// The values below are what each sandbox's own PRNG drew from seed 42 before they became one: every
// seeded workspace, mailbox and catalogue (and the ids tests and docs quote) depends on them.
describe('SeededRandom', () => {
  it('draws the Notion workspace sequence (ids, property ids, state)', () => {
    const rng = new SeededRandom(42);
    expect(rng.next()).toBe(0.6011037519201636);
    expect(rng.int(0, 999)).toBe(448);
    expect(rng.uuid()).toBe('daab2c86-459f-4d78-bfe1-be4e3280af9c');
    expect(rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 4)).toBe('AdzD');
    expect(rng.pick(['a', 'b', 'c', 'd'])).toBe('c');
    expect(rng.state).toBe(3471308077);
  });

  it('draws the YouTube catalogue sequence', () => {
    const rng = new SeededRandom(42);
    expect([rng.next(), rng.int(10, 20), rng.float(1, 2), rng.logUniform(10, 1e6), rng.chance(0.5)]).toEqual([
      0.6011037519201636,
      14,
      1.8524657934904099,
      22318.767455412548,
      true,
    ]);
    expect(rng.pick(['a', 'b', 'c'])).toBe('b');
    expect(rng.sample([1, 2, 3, 4, 5, 6], 3)).toEqual([3, 1, 6]);
    expect(rng.chars('xyz', 5)).toBe('zzxxy');
    expect(deriveSeed(42, 'likes')).toBe(2454015949);
  });

  it('draws the Gmail mailbox sequence', () => {
    const rng = new SeededRandom(42);
    expect([rng.next(), rng.int(5, 9), rng.pick(['a', 'b', 'c']), rng.chance(0.3), rng.hex(12)]).toEqual([
      0.6011037519201636,
      7,
      'c',
      false,
      '2849d73eb438',
    ]);
  });

  it('restarts from a saved state where it left off', () => {
    const rng = new SeededRandom(7);
    rng.next();
    const resumed = new SeededRandom(rng.state);
    expect(resumed.next()).toBe(rng.next());
  });

  it('refuses to pick from an empty list', () => {
    expect(() => new SeededRandom(1).pick([])).toThrow('pick from an empty list');
  });
});
