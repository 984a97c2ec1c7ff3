import type { JsonObject, ResponseBlock, StopReason } from './messages-types.js';
import type { RequestMatch } from './request-view.js';
import type { ScriptedAnswer } from './scripted-answers.js';
import type { ScriptRule } from './scripted-anthropic.js';
import { isObject } from '../json-object.js';

/** A script sent over HTTP that is not well formed; the admin API answers it with a 400. */
export class ScriptFormatError extends Error {}

/** Rules as plain data, the form the admin API takes. */
export interface ScriptRuleData {
  name?: string;
  when: RequestMatch;
  answer: ScriptedAnswer;
  times?: number;
}

export interface ScriptPayload {
  answers?: ScriptedAnswer[];
  rules?: ScriptRuleData[];
  /** Clear the current queue and rules first. */
  replace?: boolean;
}

const STOP_REASONS: readonly StopReason[] = [
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
];
const MATCH_KEYS: readonly (keyof RequestMatch)[] = [
  'lastUserTextContains',
  'systemContains',
  'toolOffered',
  'toolResultFor',
  'model',
];

function fail(path: string, message: string): never {
  throw new ScriptFormatError(`${path}: ${message}`);
}

function parseCalls(value: unknown, path: string): { name: string; input?: JsonObject; id?: string }[] {
  if (!Array.isArray(value) || value.length === 0) fail(path, 'calls must be a non-empty array');
  return value.map((call, i) => {
    if (!isObject(call) || typeof call['name'] !== 'string') fail(`${path}.${i}`, 'a call needs a name');
    if (call['input'] !== undefined && !isObject(call['input'])) fail(`${path}.${i}.input`, 'must be an object');
    if (call['id'] !== undefined && typeof call['id'] !== 'string') fail(`${path}.${i}.id`, 'must be a string');
    return {
      name: call['name'],
      ...(call['input'] !== undefined ? { input: call['input'] } : {}),
      ...(typeof call['id'] === 'string' ? { id: call['id'] } : {}),
    };
  });
}

function parseBlocks(value: unknown, path: string): ResponseBlock[] {
  if (!Array.isArray(value)) fail(path, 'content must be an array of blocks');
  return value.map((block, i) => {
    if (isObject(block) && block['type'] === 'text' && typeof block['text'] === 'string')
      return { type: 'text', text: block['text'] };
    if (
      isObject(block) &&
      block['type'] === 'tool_use' &&
      typeof block['id'] === 'string' &&
      typeof block['name'] === 'string' &&
      isObject(block['input'])
    ) {
      return { type: 'tool_use', id: block['id'], name: block['name'], input: block['input'] };
    }
    return fail(`${path}.${i}`, 'must be {type:"text",text} or {type:"tool_use",id,name,input}');
  });
}

export function parseAnswer(value: unknown, path: string): ScriptedAnswer {
  if (!isObject(value)) fail(path, 'an answer must be an object');
  switch (value['type']) {
    case 'text': {
      if (typeof value['text'] !== 'string') fail(path, 'a text answer needs text');
      const stop = value['stopReason'];
      if (
        stop !== undefined &&
        !['end_turn', 'max_tokens', 'stop_sequence', 'refusal', 'pause_turn'].includes(stop as string)
      ) {
        fail(`${path}.stopReason`, 'must be end_turn, max_tokens, stop_sequence, refusal or pause_turn');
      }
      return stop === undefined
        ? { type: 'text', text: value['text'] }
        : { type: 'text', text: value['text'], stopReason: stop as 'end_turn' };
    }
    case 'tool_use':
      if (value['text'] !== undefined && typeof value['text'] !== 'string') fail(`${path}.text`, 'must be a string');
      return {
        type: 'tool_use',
        calls: parseCalls(value['calls'], `${path}.calls`),
        ...(typeof value['text'] === 'string' ? { text: value['text'] } : {}),
      };
    case 'error': {
      const status = value['status'];
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599)
        fail(`${path}.status`, 'must be an HTTP error status');
      const retry = value['retryAfterSeconds'];
      if (retry !== undefined && (typeof retry !== 'number' || retry < 0))
        fail(`${path}.retryAfterSeconds`, 'must be a non-negative number');
      return {
        type: 'error',
        status,
        ...(typeof value['errorType'] === 'string' ? { errorType: value['errorType'] } : {}),
        ...(typeof value['message'] === 'string' ? { message: value['message'] } : {}),
        ...(typeof retry === 'number' ? { retryAfterSeconds: retry } : {}),
      };
    }
    case 'message': {
      const stop = value['stopReason'];
      if (!STOP_REASONS.includes(stop as StopReason))
        fail(`${path}.stopReason`, `must be one of ${STOP_REASONS.join(', ')}`);
      return {
        type: 'message',
        content: parseBlocks(value['content'], `${path}.content`),
        stopReason: stop as StopReason,
        stopSequence: typeof value['stopSequence'] === 'string' ? value['stopSequence'] : null,
      };
    }
    default:
      return fail(`${path}.type`, 'must be text, tool_use, error or message');
  }
}

function parseMatch(value: unknown, path: string): RequestMatch {
  if (!isObject(value)) fail(path, 'when must be an object');
  const match: RequestMatch = {};
  for (const [key, v] of Object.entries(value)) {
    if (!MATCH_KEYS.includes(key as keyof RequestMatch))
      fail(`${path}.${key}`, `unknown condition; use ${MATCH_KEYS.join(', ')}`);
    if (typeof v !== 'string') fail(`${path}.${key}`, 'must be a string');
    match[key as keyof RequestMatch] = v;
  }
  return match;
}

function parseRule(value: unknown, path: string): ScriptRule {
  if (!isObject(value)) fail(path, 'a rule must be an object');
  const times = value['times'];
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1))
    fail(`${path}.times`, 'must be a positive integer');
  if (value['name'] !== undefined && typeof value['name'] !== 'string') fail(`${path}.name`, 'must be a string');
  return {
    when: parseMatch(value['when'], `${path}.when`),
    answer: parseAnswer(value['answer'], `${path}.answer`),
    ...(typeof value['name'] === 'string' ? { name: value['name'] } : {}),
    ...(typeof times === 'number' ? { times } : {}),
  };
}

/** `POST /admin/anthropic/script` body -> answers and rules. */
export function parseScriptPayload(body: Record<string, unknown>): {
  answers: ScriptedAnswer[];
  rules: ScriptRule[];
  replace: boolean;
} {
  const answers = body['answers'] ?? [];
  const rules = body['rules'] ?? [];
  if (!Array.isArray(answers)) fail('answers', 'must be an array');
  if (!Array.isArray(rules)) fail('rules', 'must be an array');
  if (body['replace'] !== undefined && typeof body['replace'] !== 'boolean') fail('replace', 'must be a boolean');
  return {
    answers: answers.map((a, i) => parseAnswer(a, `answers.${i}`)),
    rules: rules.map((r, i) => parseRule(r, `rules.${i}`)),
    replace: body['replace'] === true,
  };
}
