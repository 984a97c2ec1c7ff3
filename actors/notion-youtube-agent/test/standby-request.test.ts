// What a Standby server accepts before any account is touched: the task body (the normal input's
// rules, minus what the operator pays for), the operator's limits, and bounded request bodies.

import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { readJsonBody, sendJson } from '../src/standby/http-io.js';
import { StandbyConfigError, standbyLimitsFromEnv } from '../src/standby/standby-config.js';
import { parseTaskRequest, type TaskRequestOptions } from '../src/standby/task-request.js';

const OPERATOR: TaskRequestOptions = { anthropicApiKey: 'sk-ant-operator', maxYoutubeQuotaUnits: 1000 };

function refusal(body: unknown, options = OPERATOR): string {
  try {
    parseTaskRequest(body, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected the body to be refused');
}

describe('parseTaskRequest', () => {
  it("a topic is structured research with the normal input's defaults", () => {
    expect(parseTaskRequest({ topic: 'python tutorial', parentPage: 'Research' }, OPERATOR)).toMatchObject({
      mode: 'structured',
      topic: 'python tutorial',
      channelCount: 10,
      notionPage: 'YouTube research',
      parentPage: 'Research',
      youtubeQuotaUnits: 1000,
    });
  });

  it("a task runs the agent on the operator's key only, and is refused with what to do when the operator has none", () => {
    expect(parseTaskRequest({ task: 'Find channels' }, OPERATOR)).toMatchObject({
      mode: 'agent',
      anthropicApiKey: 'sk-ant-operator',
      maxIterations: 12,
    });
    const message = refusal({ task: 'Find channels', topic: 'python' }, { ...OPERATOR, anthropicApiKey: undefined });
    expect(message).toContain('the operator has not set ANTHROPIC_API_KEY');
    expect(message).toContain('"topic"');
  });

  it('fields the operator pays for are refused by name, as are fields it does not know', () => {
    expect(refusal({ topic: 'python', anthropicApiKey: 'sk-ant-caller' })).toContain('Unknown field "anthropicApiKey"');
    expect(refusal({ topic: 'python', maxIterations: 50, extra: 1 })).toContain(
      'Unknown fields "maxIterations", "extra"',
    );
  });

  it("the normal rules apply, and the YouTube quota is capped at the operator's limit", () => {
    expect(refusal({ topic: 'python', channelCount: 51 })).toMatch(/^Invalid input: channelCount: /);
    expect(refusal({ topic: '!!!' })).toContain('has no searchable words');
    expect(refusal({ topic: 'python', youtubeQuotaUnits: 1001 })).toContain('at most 1000');
    expect(
      parseTaskRequest({ topic: 'python', youtubeQuotaUnits: 2000 }, { ...OPERATOR, maxYoutubeQuotaUnits: 2000 })
        .youtubeQuotaUnits,
    ).toBe(2000);
    expect(refusal(null)).toContain('must be a JSON object');
    expect(refusal('python')).toContain('must be a JSON object');
  });
});

describe('standbyLimitsFromEnv', () => {
  it('defaults, overrides, and a clear failure naming the variable', () => {
    expect(standbyLimitsFromEnv({})).toEqual({
      maxBodyBytes: 16_384,
      maxRunningTasksPerCaller: 2,
      maxKeptTasks: 200,
      maxYoutubeQuotaUnits: 1000,
      retryAfterSecs: 15,
    });
    expect(standbyLimitsFromEnv({ STANDBY_MAX_RUNNING_TASKS_PER_CALLER: ' 5 ' }).maxRunningTasksPerCaller).toBe(5);
    expect(() => standbyLimitsFromEnv({ STANDBY_MAX_KEPT_TASKS: '0' })).toThrow(StandbyConfigError);
    expect(() => standbyLimitsFromEnv({ STANDBY_MAX_BODY_BYTES: '2kb' })).toThrow(
      'STANDBY_MAX_BODY_BYTES must be a whole number from 1024 to 1048576, got "2kb".',
    );
  });
});

describe('readJsonBody', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A server answering with what readJsonBody made of the request, limited to 1,024 bytes. */
  async function echo(): Promise<number> {
    server = createServer((req, res) => {
      void readJsonBody(req, 1024).then((read) =>
        read.ok ? sendJson(res, 200, { value: read.value }) : sendJson(res, read.status, read.body, read.headers),
      );
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  /** A chunked upload (no Content-Length), so only counting while reading can stop it. */
  function upload(port: number, chunks: string[]): Promise<{ status: number; body: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/' }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
        );
      });
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });
  }

  it('parses a chunked body within the limit, and answers 413 to one that grows past it', async () => {
    const port = await echo();
    const small = await upload(port, ['{"topic":', ' "python"}']);
    const large = await upload(port, ['{"task": "', 'x'.repeat(600), 'x'.repeat(600), '"}']);
    const broken = await upload(port, ['{"topic"']);

    expect(small).toEqual({ status: 200, body: { value: { topic: 'python' } } });
    expect(large.status).toBe(413);
    expect(large.body['error']).toBe('payload_too_large');
    expect(broken.status).toBe(400);
    expect(broken.body['error']).toBe('invalid_json');
  });
});
