import { describe, expect, it } from 'vitest';
import { STOP_AFTER_STEP_VARIABLE } from '@repo/auth-gate';
import { migrateAfterStep } from '../src/index.js';

describe('migrateAfterStep', () => {
  it('runs once told to stop after the step, then again on unpurged storage, in that order', async () => {
    const calls: [Record<string, string>, string][] = [];
    const result = await migrateAfterStep('stored', (env, phase) => {
      calls.push([env, phase]);
      return Promise.resolve(calls.length);
    });
    expect(calls).toEqual([
      [{ [STOP_AFTER_STEP_VARIABLE]: 'stored' }, 'stop'],
      [{ CRAWLEE_PURGE_ON_START: '0' }, 'resume'],
    ]);
    expect(result).toEqual({ stopped: 1, resumed: 2 });
  });
});
