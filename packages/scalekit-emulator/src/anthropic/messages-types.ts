import type { JsonObject, JsonValue } from '@bufbuild/protobuf';

export type { JsonObject, JsonValue };

/** A content block of a request message; only the fields the stand-in reads are typed. */
export type ContentBlockParam = JsonObject & { type: string };

export interface MessageParam {
  role: 'user' | 'assistant';
  content: string | ContentBlockParam[];
}

export interface ToolParam {
  name: string;
  description?: string;
  input_schema?: JsonObject;
  /** Server tools (`web_search_20250305`, ...) carry a type instead of a schema. */
  type?: string;
}

/** A validated `POST /v1/messages` body. */
export interface MessagesRequest {
  model: string;
  max_tokens: number;
  messages: MessageParam[];
  system?: string | ContentBlockParam[];
  tools?: ToolParam[];
  tool_choice?: JsonObject;
  stop_sequences?: string[];
  stream?: boolean;
  /** The body exactly as it arrived. */
  raw: JsonObject;
}

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';

export type ResponseBlock =
  { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: JsonObject };

export interface MessageResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ResponseBlock[];
  stop_reason: StopReason;
  stop_sequence: string | null;
  usage: {
    input_tokens: number;
    output_tokens: number;
    cache_creation_input_tokens: number;
    cache_read_input_tokens: number;
  };
}

/** A tool result the client sent back, with the tool it answers when the history names it. */
export interface ToolResultView {
  toolUseId: string;
  /** Name of the `tool_use` it answers, from the previous assistant turn. */
  toolName: string | undefined;
  /** The result's text (text blocks joined); other block types are left out. */
  text: string;
  isError: boolean;
  content: JsonValue;
}

/** What rule predicates and answer functions see of a request. */
export interface ScriptRequest {
  /** 1-based number of this request since the stand-in started (or was cleared). */
  seq: number;
  model: string;
  /** The system prompt as one string. */
  system: string;
  messages: MessageParam[];
  tools: ToolParam[];
  toolNames: string[];
  /** Text of the last user message (text blocks only). */
  lastUserText: string;
  /** Tool results in the last user message. */
  toolResults: ToolResultView[];
  body: MessagesRequest;
}
