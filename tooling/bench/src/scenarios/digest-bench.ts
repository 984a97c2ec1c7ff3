import { approveConsent, startLocalRun, type LocalRunResult } from '@repo/actor-runner';
import { startEmulator, type ScriptRequest } from '@repo/scalekit-emulator';
import type { Figure } from '../figures.js';
import { actorDir } from './actor-dirs.js';

const MESSAGES = 500;
const USER = 'bench-mail-user';

/** A valid `record_digest` answer for whatever mails the request carries. */
function digestAnswer(request: ScriptRequest) {
  const block = /<mails>\n([\s\S]*?)\n<\/mails>/.exec(request.lastUserText)?.[1] ?? '';
  const ids = block
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id);
  return {
    type: 'tool_use' as const,
    calls: [
      {
        name: 'record_digest',
        input: {
          mails: ids.map((id) => ({
            id,
            category: 'updates',
            priority: 'low',
            reason: 'routine',
            summary: 'A routine update.',
            action_items: [],
          })),
          today: [],
        },
      },
    ],
  };
}

interface DigestOutput {
  counts?: { mails?: number };
  tokenUsage?: { inputTokens?: number; outputTokens?: number; input_tokens?: number; output_tokens?: number };
}

/** Gmail calls and LLM tokens per message for a 500-message mailbox; time of the deterministic digest. */
export async function digestBench(): Promise<Figure[]> {
  const emulator = await startEmulator({
    seed: 7,
    sandboxes: { gmail: { messages: MESSAGES, quotaUnitsPerSecond: 0 } },
  });
  try {
    const env = { ...emulator.env, AUTH_GATE_USER_ID: USER };
    const input = { since: 'lookback', lookbackHours: 720, maxMessages: MESSAGES, query: '' };
    await emulator.admin.resetCalls();
    const started = performance.now();
    const first = await startLocalRun({ actorDir: actorDir('gmail-digest'), input, env });
    await approveConsent(first.liveViewUrl, 'gmail');
    const deterministic: LocalRunResult = await first.done;
    const elapsed = performance.now() - started;
    if (deterministic.exitCode !== 0) throw new Error(`digest run failed: ${deterministic.stderr.slice(-500)}`);
    const digested = (deterministic.output as DigestOutput).counts?.mails ?? deterministic.datasetItems.length;
    const gmailCalls = (await emulator.admin.calls()).filter(
      (c) => c.connector === 'gmail' && (c.kind === 'tool' || c.kind === 'proxy'),
    ).length;

    emulator.anthropic.addRule({ name: 'digest', when: { toolOffered: 'record_digest' }, answer: digestAnswer });
    const claude = await startLocalRun({
      actorDir: actorDir('gmail-digest'),
      input,
      env: { ...env, ANTHROPIC_API_KEY: emulator.anthropic.apiKey, ANTHROPIC_BASE_URL: emulator.envUrl },
    });
    const withLlm = await claude.done;
    if (withLlm.exitCode !== 0) throw new Error(`Claude digest run failed: ${withLlm.stderr.slice(-500)}`);
    const usage = (withLlm.output as DigestOutput).tokenUsage ?? {};
    const tokens = (usage.inputTokens ?? usage.input_tokens ?? 0) + (usage.outputTokens ?? usage.output_tokens ?? 0);
    return [
      {
        name: 'digest.messages',
        value: digested,
        unit: '',
        kind: 'ref',
        bound: MESSAGES,
        note: 'messages digested from the seeded mailbox',
      },
      {
        name: 'digest.gmail_calls_per_message',
        value: gmailCalls / Math.max(1, digested),
        unit: '',
        kind: 'max',
        bound: 0.2,
        note: 'Gmail tool/proxy calls per message (batched fetches)',
      },
      {
        name: 'digest.llm_tokens_per_message',
        value: tokens / Math.max(1, digested),
        unit: 'tokens',
        kind: 'ref',
        bound: undefined,
        note: 'input + output tokens per message, scripted Claude (chars/4 estimate)',
      },
      {
        name: 'digest.deterministic_ms_per_message',
        value: elapsed / Math.max(1, digested),
        unit: 'ms',
        kind: 'ref',
        bound: undefined,
        note: 'whole deterministic run (process start, consent, fetch, digest) per message',
      },
    ];
  } finally {
    await emulator.close();
  }
}
