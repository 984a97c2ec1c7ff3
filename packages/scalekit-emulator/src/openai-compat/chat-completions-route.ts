import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ScriptedAnthropic } from '../anthropic/scripted-anthropic.js';
import { readBody, sendJson } from '../transport/http-io.js';
import { chatCompletionsFormat } from './chat-format.js';

const FORMAT = chatCompletionsFormat();

/** `POST /v1/chat/completions`, where `new OpenAI({ baseURL: `${emulator.envUrl}/v1` })` sends its requests. */
export async function handleChatCompletions(
  script: ScriptedAnthropic,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const bodyText = await readBody(req);
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
  );
  const reply = script.handle({ headers, bodyText }, FORMAT);
  sendJson(res, reply.status, reply.body, reply.headers);
}
