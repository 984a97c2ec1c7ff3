// The free-text mode: Claude plans with the agent tools; every tool call is shown on the
// live-view page and kept in OUTPUT. Anthropic failures end the run with a message that says
// what to do, and OUTPUT keeps what the agent did before.

import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { AuthGateError, ProviderRequestError, RateLimitedError, ToolCallError } from '@repo/auth-gate';
import {
  AGENT_TOOLS,
  AgentLoopError,
  createBudget,
  createToolDispatcher,
  runAgentLoop,
  type AgentStep,
  type CallModel,
} from './agent/index.js';
import { agentSystemPrompt, agentTaskMessage } from './agent-prompt.js';
import { createAgentTools, type AgentToolState } from './agent-tools.js';
import { ExpectedFailure, errorMessage } from './errors.js';
import type { AgentInput } from './input.js';
import { channelItems, outputChannels, type ChannelItem, type RunOutput, type TokenUsage } from './run-output.js';
import type { StepRecorder } from './run-progress.js';
import type { ModeDeps, ModeResult } from './structured-run.js';

export interface AgentDeps extends ModeDeps {
  callModel: CallModel;
  /** How many times the SDK retries a failed model call (for the failure message). */
  modelRetries: number;
  /** Charges one tool-call event; resolves to true when the user's spending limit is reached. */
  chargeToolCall: () => Promise<boolean>;
}

export type AgentOutcome = ({ ok: true } & ModeResult) | { ok: false; error: unknown; output: RunOutput };

/** max_tokens of each model call: room for a long final answer or a 50-block append. */
const MAX_TOKENS_PER_CALL = 8192;
const STEP_INPUT_CHARS = 160;
const STEP_ERROR_CHARS = 300;

export class ChargeLimitReached extends ExpectedFailure {
  constructor() {
    super(
      'CHARGE_LIMIT_REACHED',
      'The run reached the maximum cost you set for it, so the agent stopped. Raise the limit to let it do more.',
    );
  }
}

/** Errors no tool retry can fix: they end the run instead of going back to Claude. */
export function isFatalToolError(error: unknown): boolean {
  if (error instanceof ChargeLimitReached) return true;
  if (error instanceof ExpectedFailure) return false;
  if (error instanceof ToolCallError || error instanceof ProviderRequestError || error instanceof RateLimitedError)
    return false;
  return error instanceof AuthGateError;
}

/** Records the step `agent-wrote` once, before the agent's first Notion write. */
function notionWriteRecorder(recorder: StepRecorder): () => Promise<void> {
  let recorded: Promise<void> | undefined;
  return () =>
    (recorded ??= recorder.reached('agent-wrote') ? Promise.resolve() : recorder.record('agent-wrote', true));
}

export async function runAgent(input: AgentInput, deps: AgentDeps): Promise<AgentOutcome> {
  const { steps } = deps;
  const now = deps.now();
  const tools = createAgentTools({
    notion: deps.notion,
    notionTool: async (name, toolInput) => (await deps.notionTools.tool(name, toolInput)).data,
    youtubeTool: async (name, toolInput) => (await deps.youtube.tool(name, toolInput)).data,
    defaultParent: input.parentPage,
    quotaUnits: input.youtubeQuotaUnits,
    now: deps.now,
    ...(deps.recorder === undefined ? {} : { beforeNotionWrite: notionWriteRecorder(deps.recorder) }),
  });
  const dispatch = createToolDispatcher(tools.handlers);
  let limitReached = false;
  const executeTool = async (name: string, toolInput: unknown): Promise<unknown> => {
    if (limitReached) throw new ChargeLimitReached();
    const result = await dispatch(name, toolInput);
    limitReached = await deps.chargeToolCall();
    return result;
  };

  const budget = createBudget({
    maxIterations: input.maxIterations,
    maxInputTokens: input.maxInputTokens,
    maxOutputTokens: input.maxOutputTokens,
  });
  steps.add(`Claude (${input.model}) is working on the task`);
  await deps.progress({ done: 0, total: input.maxIterations, label: 'agent turns' });
  try {
    const result = await runAgentLoop({
      task: agentTaskMessage(input),
      system: agentSystemPrompt(input, now),
      tools: AGENT_TOOLS,
      model: input.model,
      maxTokens: MAX_TOKENS_PER_CALL,
      callModel: deps.callModel,
      executeTool,
      budget,
      isFatalToolError,
      onStep: (step) => {
        steps.add(describeStep(step), {
          tool: step.toolName,
          input: step.input,
          isError: step.isError,
          ...(step.errorKind === undefined ? {} : { errorKind: step.errorKind }),
          result: step.content,
        });
        void deps.progress({ done: step.iteration, total: input.maxIterations, label: 'agent turns' });
      },
    });
    const budgetStop = result.stopReason === 'max_iterations' || result.stopReason === 'budget_exhausted';
    steps.add(
      budgetStop ? `Stopped: ${result.stopDetail ?? result.stopReason}` : `Claude finished (${result.stopReason})`,
    );
    const output = agentOutput(
      input,
      tools.state,
      deps,
      usageOf(result.usage),
      budgetStop ? 'BUDGET_EXHAUSTED' : 'SUCCEEDED',
    );
    output.answer = result.answer;
    output.stopReason = result.stopReason;
    if (result.stopDetail !== undefined) output.stopDetail = result.stopDetail;
    const items = researchItems(tools.state);
    const page = tools.state.writtenPage;
    const summary =
      page === undefined
        ? `Claude finished without writing to Notion${budgetStop ? ` (${result.stopDetail ?? result.stopReason})` : ''}.`
        : `Claude wrote ${tools.state.appendedBlocks} blocks to the Notion page "${page.title}"${budgetStop ? ` before it stopped (${result.stopDetail ?? result.stopReason})` : ''}.`;
    return {
      ok: true,
      output,
      items,
      summary,
      links: page === undefined ? [] : [{ label: `Notion: ${page.title}`, url: page.url }],
      completed: page !== undefined,
    };
  } catch (error) {
    if (!(error instanceof AgentLoopError)) throw error;
    const failure = describeLoopFailure(error, input, deps.modelRetries);
    const output = agentOutput(input, tools.state, deps, usageOf(error.partial.usage), 'FAILED');
    output.message = errorMessage(failure);
    return { ok: false, error: failure, output };
  }
}

function agentOutput(
  input: AgentInput,
  state: AgentToolState,
  deps: ModeDeps,
  tokenUsage: TokenUsage,
  status: RunOutput['status'],
): RunOutput {
  const items = researchItems(state);
  return {
    status,
    mode: 'agent',
    topic: state.research?.topic ?? input.topic ?? null,
    task: input.task,
    notionPageUrl: state.writtenPage?.url ?? null,
    notionPageId: state.writtenPage?.id ?? null,
    channels: outputChannels(items),
    quotaUnitsUsed: state.quotaUnitsUsed,
    steps: deps.steps.steps,
    tokenUsage,
    roundTrips: deps.roundTrips(),
    notes: state.research?.notes ?? [],
  };
}

function researchItems(state: AgentToolState): ChannelItem[] {
  return state.research === undefined ? [] : channelItems(state.research.channels, state.writtenPage?.url ?? null);
}

function usageOf(totals: { iterations: number; inputTokens: number; outputTokens: number }): TokenUsage {
  return { modelCalls: totals.iterations, inputTokens: totals.inputTokens, outputTokens: totals.outputTokens };
}

function describeStep(step: AgentStep): string {
  let args = JSON.stringify(step.input ?? {}) ?? '{}';
  if (args.length > STEP_INPUT_CHARS) args = `${args.slice(0, STEP_INPUT_CHARS)}…`;
  const head = `Step ${step.index}: ${step.toolName} ${args}`;
  if (!step.isError) return head;
  const detail = step.content.length > STEP_ERROR_CHARS ? `${step.content.slice(0, STEP_ERROR_CHARS)}…` : step.content;
  return `${head} → ${step.errorKind === 'invalid_input' ? 'invalid arguments, sent back to Claude' : 'failed'}: ${detail}`;
}

/**
 * What ended the loop, as the message the user sees. A fatal tool error keeps its own class
 * (auth-gate's messages already say what to do, and reportFailure writes AWAITING_AUTH etc.).
 */
export function describeLoopFailure(error: AgentLoopError, input: Pick<AgentInput, 'model'>, retries: number): unknown {
  const cause = error.cause;
  if (cause instanceof AuthGateError) return cause;
  const done = error.partial.steps.length;
  const after =
    done === 0 ? '' : ` after ${done} tool call${done === 1 ? '' : 's'} (anything already written to Notion stays)`;
  const retried = retries > 0 ? `, also on the SDK's ${retries} retr${retries === 1 ? 'y' : 'ies'}` : '';
  let message: string;
  if (cause instanceof AuthenticationError) {
    message =
      'Anthropic refused the API key (401). Check the "Anthropic API key" input or the ANTHROPIC_API_KEY variable of the Actor.';
  } else if (cause instanceof PermissionDeniedError) {
    message = `Anthropic refused the request (403): this API key may not use the model "${input.model}" or the API. ${apiMessage(cause)}`;
  } else if (cause instanceof NotFoundError) {
    message = `Anthropic does not know the model "${input.model}" (404). Fix the "Claude model" input.`;
  } else if (cause instanceof RateLimitError) {
    message = `Anthropic rate limited the requests (429)${retried}. Run again later, or raise the rate limits of your Anthropic organization.`;
  } else if (cause instanceof APIError && cause.status === 529) {
    message = `Anthropic's API is overloaded (529)${retried}. Run again in a few minutes.`;
  } else if (cause instanceof APIConnectionError) {
    message = `Could not reach the Anthropic API (${errorMessage(cause)}). Check the network, or ANTHROPIC_BASE_URL if it is set.`;
  } else if (cause instanceof APIError) {
    message = `The Anthropic API answered ${cause.status ?? 'an error'}: ${apiMessage(cause)}`;
  } else {
    return cause ?? error;
  }
  return new ExpectedFailure('ANTHROPIC_API_ERROR', `${message} The agent stopped${after}.`, { cause });
}

function apiMessage(error: Pick<APIError, 'apiMessage' | 'message'>): string {
  return error.apiMessage ?? error.message;
}
