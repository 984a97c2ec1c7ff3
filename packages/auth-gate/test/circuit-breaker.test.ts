import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type AttemptOutcome } from '../src/core/circuit-breaker.js';

const fail = (signature: string): AttemptOutcome => ({ type: 'failure', signature, detail: `injected ${signature}` });

describe('circuit breaker (pure state machine)', () => {
  it('opens on the Nth consecutive failure of the same kind, and reports it once', () => {
    const breaker = new CircuitBreaker(3);
    expect(breaker.record(fail('503'))).toBe(false);
    expect(breaker.record(fail('503'))).toBe(false);
    expect(breaker.isOpen).toBe(false);
    expect(breaker.record(fail('503'))).toBe(true);
    expect(breaker.trip).toEqual({ signature: '503', detail: 'injected 503', failures: 3 });
    // Open stays open; later outcomes change nothing and are not a second trip.
    expect(breaker.record({ type: 'success' })).toBe(false);
    expect(breaker.record(fail('503'))).toBe(false);
    expect(breaker.trip?.failures).toBe(3);
  });

  it('a success or an answer from the service breaks the streak', () => {
    const breaker = new CircuitBreaker(3);
    breaker.record(fail('503'));
    breaker.record(fail('503'));
    breaker.record({ type: 'success' });
    breaker.record(fail('503'));
    breaker.record(fail('503'));
    expect(breaker.isOpen).toBe(false);
    breaker.record({ type: 'answered' });
    expect(breaker.streak).toBe(0);
  });

  it('a different kind of failure starts a new streak', () => {
    const breaker = new CircuitBreaker(3);
    breaker.record(fail('503'));
    breaker.record(fail('503'));
    breaker.record(fail('500'));
    expect(breaker.streak).toBe(1);
    breaker.record(fail('500'));
    expect(breaker.record(fail('500'))).toBe(true);
    expect(breaker.trip?.signature).toBe('500');
  });

  it('neutral outcomes (429s, lost authorizations) neither extend nor break the streak', () => {
    const breaker = new CircuitBreaker(2);
    breaker.record(fail('503'));
    breaker.record({ type: 'neutral' });
    expect(breaker.streak).toBe(1);
    expect(breaker.record(fail('503'))).toBe(true);
  });

  it('refuses a threshold that cannot work', () => {
    expect(() => new CircuitBreaker(0)).toThrow(/at least 1/);
    expect(() => new CircuitBreaker(2.5)).toThrow(/whole number/);
  });
});
