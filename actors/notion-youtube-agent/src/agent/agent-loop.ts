// The tool-use loop, with the model and the tools injected: `callModel` can be
// `(params) => client.messages.create(params)` and `executeTool` the Scalekit-backed
// dispatcher, while tests pass scripted fakes.

import type {
  ContentBlockParam,
  MessageCreateParamsNonStreaming,
  MessageParam,
  Tool,
  ToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import type { Budget, BudgetTotals, UsageLike } from './budget.js';
import { ToolInputError } from './tool-definitions.js';
import { trimToolResult } from './tool-result-trim.js';

/** The parts of a content block the loop reads; the SDK's ContentBlock union fits it. */
export interface ContentBlockLike {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  thinking?: string;
  signature?: string;
  data?: string;
}

/** The parts of a Messages API response the loop reads; the SDK's `Message` fits it. */
export interface AnthropicMessageLike {
  content: readonly ContentBlockLike[];
  stop_reason: string | null;
  usage: UsageLike;
}

export type CallModel = (request: MessageCreateParamsNonStreaming) => Promise<AnthropicMessageLike>;
export type ExecuteTool = (name: string, input: unknown) => Promise<unknown>;

export interface AgentStep {
  /** 1-based model call that asked for this tool. */
  iteration: number;
  /** 1-based position among all tool calls of the run. */
  index: number;
  toolUseId: string;
  toolName: string;
  input: unknown;
  isError: boolean;
  /** 'invalid_input' when the arguments failed validation, 'tool_failed' when the tool threw. */
  errorKind?: 'invalid_input' | 'tool_failed';
  /** The tool_result content sent to the model: trimmed result or error message. */
  content: string;
  /** Tokens of the model call that asked for this tool. */
  tokens: { input: number; output: number };
}

export type AgentStopReason =
  'end_turn' | 'budget_exhausted' | 'max_iterations' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'other';

export interface AgentRunResult {
  /** Text of the last model turn that had any (trimmed; '' if none). */
  answer: string;
  steps: AgentStep[];
  usage: BudgetTotals;
  stopReason: AgentStopReason;
  /** The budget message, or the model's raw stop reason when it was unexpected. */
  stopDetail?: string;
  /** The whole conversation, e.g. for a debug record. */
  messages: MessageParam[];
}

export interface AgentLoopOptions {
  task: string;
  system: string;
  tools: Tool[];
  model: string;
  /** max_tokens of each model call. */
  maxTokens: number;
  callModel: CallModel;
  executeTool: ExecuteTool;
  budget: Budget;
  onStep?: (step: AgentStep) => void;
  /** Upper bound on each tool_result's text (default 20,000 characters, about 5k tokens). */
  maxToolResultChars?: number;
  /**
   * Tool errors the model cannot fix (a connection lost, credentials refused): they end the run
   * as an AgentLoopError instead of going back to the model as a tool error.
   */
  isFatalToolError?: (error: unknown) => boolean;
}

/** A model call failed; carries what the run did before, so the caller can still report it. */
export class AgentLoopError extends Error {
  override name = 'AgentLoopError';
  constructor(
    message: string,
    readonly partial: Omit<AgentRunResult, 'stopReason' | 'answer'>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const DEFAULT_MAX_TOOL_RESULT_CHARS = 20_000;

export async function runAgentLoop(options: AgentLoopOptions): Promise<AgentRunResult> {
  const { budget } = options;
  const maxResultChars = options.maxToolResultChars ?? DEFAULT_MAX_TOOL_RESULT_CHARS;
  const messages: MessageParam[] = [{ role: 'user', content: options.task }];
  const steps: AgentStep[] = [];
  let answer = '';

  for (let iteration = 1; ; iteration += 1) {
    const limit = budget.limitReached();
    if (limit !== undefined) {
      return finish(limit === 'iterations' ? 'max_iterations' : 'budget_exhausted', budget.exhausted());
    }

    let response: AnthropicMessageLike;
    try {
      response = await options.callModel({
        model: options.model,
        max_tokens: options.maxTokens,
        system: options.system,
        tools: options.tools,
        messages: [...messages],
      });
    } catch (error) {
      throw new AgentLoopError(
        `Model call ${iteration} failed: ${errorMessage(error)}`,
        { steps, usage: budget.totals(), messages },
        { cause: error },
      );
    }
    budget.record(response.usage);
    const tokens = { input: response.usage.input_tokens ?? 0, output: response.usage.output_tokens ?? 0 };

    const text = response.content
      .filter((block) => block.type === 'text' && typeof block.text === 'string')
      .map((block) => block.text)
      .join('')
      .trim();
    if (text !== '') answer = text;

    const assistantContent = response.content.flatMap((block) => contentParam(block) ?? []);
    if (assistantContent.length > 0) messages.push({ role: 'assistant', content: assistantContent });

    const toolUses = response.content.filter((block) => block.type === 'tool_use');
    if (toolUses.length === 0) {
      // pause_turn: the API paused a long turn; sending the conversation back resumes it.
      if (response.stop_reason === 'pause_turn' && assistantContent.length > 0) continue;
      return finish(...modelStop(response.stop_reason));
    }

    // Every tool_use must be answered, in order, in the next user message.
    const results: ToolResultBlockParam[] = [];
    for (const toolUse of toolUses) {
      let step: AgentStep;
      try {
        step = await runTool(toolUse, { iteration, index: steps.length + 1, tokens }, options, maxResultChars);
      } catch (error) {
        throw new AgentLoopError(
          `Tool ${toolUse.name ?? ''} failed: ${errorMessage(error)}`,
          { steps, usage: budget.totals(), messages },
          { cause: error },
        );
      }
      steps.push(step);
      options.onStep?.(step);
      results.push({
        type: 'tool_result',
        tool_use_id: step.toolUseId,
        content: step.content,
        ...(step.isError ? { is_error: true } : {}),
      });
    }
    messages.push({ role: 'user', content: results });
  }

  function finish(stopReason: AgentStopReason, stopDetail: string | undefined): AgentRunResult {
    return {
      answer,
      steps,
      usage: budget.totals(),
      stopReason,
      ...(stopDetail === undefined ? {} : { stopDetail }),
      messages,
    };
  }
}

/** The step for one tool call; rethrows only errors `isFatalToolError` marks as fatal. */
async function runTool(
  toolUse: ContentBlockLike,
  position: Pick<AgentStep, 'iteration' | 'index' | 'tokens'>,
  options: Pick<AgentLoopOptions, 'executeTool' | 'isFatalToolError'>,
  maxResultChars: number,
): Promise<AgentStep> {
  const base = { ...position, toolUseId: toolUse.id ?? '', toolName: toolUse.name ?? '', input: toolUse.input };
  try {
    const result = await options.executeTool(base.toolName, toolUse.input);
    return { ...base, isError: false, content: trimToolResult(result ?? null, { maxChars: maxResultChars }) };
  } catch (error) {
    if (options.isFatalToolError?.(error) === true) throw error;
    const invalid = error instanceof ToolInputError;
    const message = invalid ? errorMessage(error) : `Tool ${base.toolName} failed: ${errorMessage(error)}`;
    return {
      ...base,
      isError: true,
      errorKind: invalid ? 'invalid_input' : 'tool_failed',
      content: trimToolResult(message, { maxChars: maxResultChars }),
    };
  }
}

// Response blocks become request blocks. Empty text is dropped (the API rejects it); thinking
// blocks go back unchanged, as the API requires during tool use; server-side blocks are not
// used by this agent and are dropped.
function contentParam(block: ContentBlockLike): ContentBlockParam | undefined {
  switch (block.type) {
    case 'text':
      return typeof block.text === 'string' && block.text !== '' ? { type: 'text', text: block.text } : undefined;
    case 'tool_use':
      return { type: 'tool_use', id: block.id ?? '', name: block.name ?? '', input: block.input ?? {} };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking ?? '', signature: block.signature ?? '' };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data ?? '' };
    default:
      return undefined;
  }
}

function modelStop(stopReason: string | null): [AgentStopReason, string | undefined] {
  switch (stopReason) {
    case 'end_turn':
    case 'max_tokens':
    case 'stop_sequence':
    case 'refusal':
      return [stopReason, undefined];
    default:
      return ['other', String(stopReason)];
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
}
