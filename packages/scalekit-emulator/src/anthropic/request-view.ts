import { contentBlocks, stringField, textOf } from './content-blocks.js';
import type { MessagesRequest, ScriptRequest, ToolResultView } from './messages-types.js';

function toolResultsOf(request: MessagesRequest): ToolResultView[] {
  const lastIndex = request.messages.length - 1;
  const last = request.messages[lastIndex];
  if (!last || last.role !== 'user') return [];
  const previous = request.messages[lastIndex - 1];
  const names = new Map<string, string>();
  for (const block of previous ? contentBlocks(previous) : []) {
    if (block.type === 'tool_use') names.set(stringField(block, 'id'), stringField(block, 'name'));
  }
  return contentBlocks(last)
    .filter((block) => block.type === 'tool_result')
    .map((block) => {
      const id = stringField(block, 'tool_use_id');
      return {
        toolUseId: id,
        toolName: names.get(id),
        text: textOf(block['content']),
        isError: block['is_error'] === true,
        content: block['content'] ?? null,
      };
    });
}

/** The request as predicates and answer functions see it. */
export function toScriptRequest(seq: number, request: MessagesRequest): ScriptRequest {
  const lastUser = [...request.messages].reverse().find((m) => m.role === 'user');
  const tools = request.tools ?? [];
  return {
    seq,
    model: request.model,
    system: textOf(request.system),
    messages: request.messages,
    tools,
    toolNames: tools.map((t) => t.name),
    lastUserText: lastUser ? textOf(lastUser.content) : '',
    toolResults: toolResultsOf(request),
    body: request,
  };
}

/**
 * A declarative predicate (usable over the admin HTTP API): every field given must hold.
 * Text comparisons are case-insensitive substring matches.
 */
export interface RequestMatch {
  lastUserTextContains?: string;
  systemContains?: string;
  /** A tool of this name is offered in `tools`. */
  toolOffered?: string;
  /** The last user message carries a tool_result answering a tool_use of this name. */
  toolResultFor?: string;
  model?: string;
}

const contains = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());

export function matchesRequest(match: RequestMatch, request: ScriptRequest): boolean {
  if (match.lastUserTextContains !== undefined && !contains(request.lastUserText, match.lastUserTextContains))
    return false;
  if (match.systemContains !== undefined && !contains(request.system, match.systemContains)) return false;
  if (match.toolOffered !== undefined && !request.toolNames.includes(match.toolOffered)) return false;
  if (match.toolResultFor !== undefined && !request.toolResults.some((r) => r.toolName === match.toolResultFor))
    return false;
  if (match.model !== undefined && request.model !== match.model) return false;
  return true;
}
