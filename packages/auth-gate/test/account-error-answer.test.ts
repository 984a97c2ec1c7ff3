import { describe, expect, it } from 'vitest';
import { ConnectorOutageError, ScalekitUnreachableError, SharedConnectorNotConnectedError } from '../src/index.js';
import {
  accountErrorAnswer,
  ConnectorAuthorizationRequiredError,
  OperatorOnlyConnectorError,
  UntrustedCallerError,
  UserKeyRequiredError,
} from '../src/standby/index.js';

const options = { connectPath: (connector: string) => `/connect/${connector}`, retryAfterSecs: 30 };

describe('accountErrorAnswer (Standby errors as HTTP answers)', () => {
  it('answers 409 with where to get a link when the caller must connect', () => {
    const answer = accountErrorAnswer(
      new ConnectorAuthorizationRequiredError([{ connector: 'notion', status: 'EXPIRED' }]),
      options,
    );
    expect(answer).toMatchObject({
      status: 409,
      body: {
        error: 'authorization_required',
        connect: '/connect/notion',
        connectors: [{ connector: 'notion', status: 'EXPIRED' }],
      },
      log: undefined,
    });
  });

  it('answers 403 when this key cannot do it', () => {
    for (const error of [
      new UserKeyRequiredError('Notion'),
      new OperatorOnlyConnectorError('youtube'),
      new UntrustedCallerError('forged'),
    ]) {
      expect(accountErrorAnswer(error, options)).toMatchObject({
        status: 403,
        body: { error: error.code.toLowerCase(), message: error.message },
      });
    }
  });

  it('answers 503 when the operator must act, and logs it for them', () => {
    const error = new SharedConnectorNotConnectedError('youtube');
    expect(accountErrorAnswer(error, options)).toMatchObject({
      status: 503,
      body: { error: 'shared_connector_not_connected' },
      log: { level: 'warning', message: error.message },
    });
  });

  it('keeps Scalekit trouble out of the answer: a generic 503 with Retry-After, the detail in the log', () => {
    const error = new ScalekitUnreachableError('https://env.example.test');
    const answer = accountErrorAnswer(error, options)!;
    expect(answer).toMatchObject({
      status: 503,
      body: { error: 'service_unavailable' },
      headers: { 'retry-after': '30' },
      log: { level: 'error' },
    });
    expect(JSON.stringify(answer.body)).not.toContain('env.example.test');
    expect(answer.log?.message).toContain('env.example.test');
    expect(accountErrorAnswer(new ConnectorOutageError('notion', '503', 10, 'down'), options)?.status).toBe(503);
  });

  it('leaves errors that are not about accounts to the server', () => {
    expect(accountErrorAnswer(new Error('bug'), options)).toBeUndefined();
  });
});
