import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../transport/http-io.js';
import type { ScriptedAnthropic } from './scripted-anthropic.js';

/** `POST /v1/messages`, where `new Anthropic({ baseURL: emulator.envUrl })` sends its requests. */
export async function handleAnthropicMessages(
  script: ScriptedAnthropic,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const bodyText = await readBody(req);
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
  );
  const reply = script.handle({ headers, bodyText });
  sendJson(res, reply.status, reply.body, reply.headers);
}
