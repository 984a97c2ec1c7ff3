import { AnthropicApiError, anthropicId, invalidRequest } from './anthropic-errors.js';
import type { JsonObject, JsonValue, ScriptRequest, ToolResultView } from './messages-types.js';
import { matchesRequest, toScriptRequest, type RequestMatch } from './request-view.js';
import { respondWith, type AnswerSource } from './scripted-answers.js';
import { MESSAGES_FORMAT, type ApiName, type WireFormat } from './wire-format.js';

/** A rule: when a request matches, answer it this way (up to `times` times; forever when unset). */
export interface ScriptRule {
  name?: string;
  when: RequestMatch | ((request: ScriptRequest) => boolean);
  answer: AnswerSource;
  times?: number;
}

/** One request as the stand-in saw it, for assertions. */
export interface RecordedRequest {
  seq: number;
  requestId: string;
  /** `messages` (`POST /v1/messages`) or `chat.completions` (the OpenAI-compatible `POST /v1/chat/completions`). */
  api: ApiName;
  receivedAt: string;
  status: number;
  /** `x-stainless-retry-count` of the SDK: 0 for a first attempt, 1.. for its retries. */
  retryCount: number | null;
  anthropicVersion: string | null;
  model: string | null;
  toolsOffered: string[];
  toolResults: ToolResultView[];
  lastUserText: string;
  /** `queue`, `rule:<name>`, or why nothing answered: `auth`, `invalid`, `unscripted`. */
  answeredBy: string;
  body: JsonValue;
  response: JsonValue;
}

export interface MessagesCall {
  headers: Record<string, string | undefined>;
  bodyText: string;
}

export interface MessagesReply {
  status: number;
  headers: Record<string, string>;
  body: JsonObject;
}

const MAX_RECORDED = 1000;

function parseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/**
 * A scripted stand-in for the Anthropic Messages API and its OpenAI-compatible chat-completions
 * endpoint (one script serves both). Rules are tried first, in the order added (they are
 * specific); otherwise the next queued answer is used. With neither, the request is refused with
 * an explicit 400: the stand-in never invents an answer.
 */
export class ScriptedAnthropic {
  #queue: AnswerSource[] = [];
  #rules: { rule: ScriptRule; remaining: number }[] = [];
  #requests: RecordedRequest[] = [];
  #seq = 0;

  constructor(readonly apiKey: string) {}

  /** Answers for the next requests, in order. */
  enqueue(...answers: AnswerSource[]): this {
    this.#queue.push(...answers);
    return this;
  }

  addRule(rule: ScriptRule): this {
    this.#rules.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    return this;
  }

  /** Forgets queued answers and rules; recorded requests stay. */
  clearScript(): void {
    this.#queue = [];
    this.#rules = [];
  }

  clearRequests(): void {
    this.#requests = [];
  }

  requests(): RecordedRequest[] {
    return [...this.#requests];
  }

  status(): { queued: number; rules: { name: string; remaining: number | null }[] } {
    return {
      queued: this.#queue.length,
      rules: this.#rules.map(({ rule, remaining }, i) => ({
        name: rule.name ?? `rule ${i + 1}`,
        remaining: Number.isFinite(remaining) ? remaining : null,
      })),
    };
  }

  #pick(request: ScriptRequest): { source: AnswerSource; by: string } | undefined {
    for (const entry of this.#rules) {
      const { when } = entry.rule;
      let matched: boolean;
      try {
        matched = typeof when === 'function' ? when(request) : matchesRequest(when, request);
      } catch (error) {
        throw invalidRequest(`Scalekit emulator: a rule predicate threw: ${(error as Error).message}`);
      }
      if (!matched) continue;
      entry.remaining -= 1;
      if (entry.remaining <= 0) this.#rules.splice(this.#rules.indexOf(entry), 1);
      return { source: entry.rule.answer, by: `rule:${entry.rule.name ?? 'unnamed'}` };
    }
    const queued = this.#queue.shift();
    return queued === undefined ? undefined : { source: queued, by: 'queue' };
  }

  /** Answers one `POST /v1/messages`, or one request of another dialect given its wire format. */
  handle(call: MessagesCall, format: WireFormat = MESSAGES_FORMAT): MessagesReply {
    const seq = ++this.#seq;
    const requestId = anthropicId('req_011C', 20);
    const retry = Number(call.headers['x-stainless-retry-count']);
    const parsed = parseJson(call.bodyText);
    const record: RecordedRequest = {
      seq,
      requestId,
      api: format.api,
      receivedAt: new Date().toISOString(),
      status: 0,
      retryCount: Number.isInteger(retry) ? retry : null,
      anthropicVersion: call.headers['anthropic-version'] ?? null,
      model: null,
      toolsOffered: [],
      toolResults: [],
      lastUserText: '',
      answeredBy: 'auth',
      body: parsed ?? call.bodyText,
      response: null,
    };
    let reply: MessagesReply;
    try {
      format.authorize(call.headers, this.apiKey);
      record.answeredBy = 'invalid';
      if (parsed === undefined)
        throw invalidRequest('There was an issue with the format of your request: the body is not valid JSON');
      const request = toScriptRequest(seq, format.toMessagesRequest(parsed));
      Object.assign(record, {
        model: request.model,
        toolsOffered: request.toolNames,
        toolResults: request.toolResults,
        lastUserText: request.lastUserText,
      });
      if (request.body.stream) {
        throw invalidRequest(
          'stream: streaming is not supported by the Scalekit emulator; call create() without stream: true',
        );
      }
      const picked = this.#pick(request);
      record.answeredBy = picked?.by ?? 'unscripted';
      if (!picked) {
        throw invalidRequest(
          'Scalekit emulator: no scripted response is configured for this request (the queue is empty and no rule matched). Program one with emulator.anthropic.enqueue()/addRule() or POST /admin/anthropic/script.',
        );
      }
      let answer;
      try {
        answer = typeof picked.source === 'function' ? picked.source(request) : picked.source;
      } catch (error) {
        throw invalidRequest(`Scalekit emulator: the scripted answer function threw: ${(error as Error).message}`);
      }
      reply = {
        status: 200,
        headers: { 'request-id': requestId },
        body: format.success(respondWith(answer, request), request.body),
      };
    } catch (error) {
      if (!(error instanceof AnthropicApiError)) throw error;
      reply = {
        status: error.status,
        headers: { 'request-id': requestId, ...error.headers },
        body: format.failure(error, requestId),
      };
    }
    record.status = reply.status;
    record.response = reply.body;
    this.#requests.push(record);
    if (this.#requests.length > MAX_RECORDED) this.#requests.shift();
    return reply;
  }
}
