import { approveConsent, connectSharedAccount, startLocalRun } from '@repo/actor-runner';
import { startEmulator, type ScriptRequest } from '@repo/scalekit-emulator';
import type { Figure } from '../figures.js';
import { actorDir } from './actor-dirs.js';

const USER = 'bench-agent-user';

function resultOf(request: ScriptRequest): string {
  return request.toolResults[0]?.text ?? '{}';
}

/** Scalekit round trips per tool call of a scripted agent conversation, on the warm path. */
export async function agentBench(): Promise<Figure[]> {
  const emulator = await startEmulator({ sandboxes: { notion: { rateLimitPerSecond: 0 } } });
  try {
    await connectSharedAccount({
      env: emulator.env,
      connection: 'youtube',
      identifier: 'shared-youtube',
      timeoutSecs: 30,
    });
    const env = {
      ...emulator.env,
      AUTH_GATE_USER_ID: USER,
      ANTHROPIC_API_KEY: emulator.anthropic.apiKey,
      ANTHROPIC_BASE_URL: emulator.envUrl,
    };
    // First run: the user connects Notion (not measured).
    const first = await startLocalRun({
      actorDir: actorDir('notion-youtube-agent'),
      input: { topic: 'cooking', notionPage: 'Warm-up', parentPage: 'Research', channelCount: 1 },
      env,
    });
    await approveConsent(first.liveViewUrl, 'notion');
    if ((await first.done).exitCode !== 0) throw new Error('agent warm-up run failed');

    let pageId = '';
    emulator.anthropic.enqueue(
      { type: 'tool_use', calls: [{ name: 'youtube_research', input: { topic: 'python tutorial', count: 5 } }] },
      () => ({
        type: 'tool_use',
        calls: [{ name: 'notion_find_or_create_page', input: { title: 'Python channels' } }],
      }),
      (request) => {
        pageId = (JSON.parse(resultOf(request)) as { id: string }).id;
        return {
          type: 'tool_use',
          calls: [
            {
              name: 'notion_append_blocks',
              input: { page_id: pageId, blocks: [{ type: 'paragraph', text: 'Top channels' }] },
            },
          ],
        };
      },
      () => ({ type: 'text', text: 'Done: the ranked list is in Notion.' }),
    );
    await emulator.admin.resetCalls();
    const run = await startLocalRun({
      actorDir: actorDir('notion-youtube-agent'),
      input: {
        task: 'Find Python tutorial channels and add the top 5 to my Python channels page',
        parentPage: 'Research',
      },
      env,
    });
    const result = await run.done;
    if (result.exitCode !== 0) throw new Error(`agent run failed: ${result.stderr.slice(-500)}`);
    const calls = (await emulator.admin.calls()).filter(
      (c) => (c.kind === 'rpc' || c.kind === 'proxy' || c.kind === 'tool') && c.status !== 'unauthenticated',
    );
    const lookups = calls.filter((c) => c.name === 'GetConnectedAccountAuth').length;
    const executions = calls.filter((c) => c.kind === 'tool' || c.kind === 'proxy').length;
    return [
      {
        name: 'agent.round_trips_per_tool_call',
        value: (calls.length - lookups) / executions,
        unit: '',
        kind: 'max',
        bound: 1,
        note: `Scalekit calls beyond the ${lookups} start-up lookups, per tool/proxy call (${executions} calls)`,
      },
      {
        name: 'agent.lookups_per_run',
        value: lookups,
        unit: '',
        kind: 'max',
        bound: 2,
        note: 'connected-account lookups in a warm run with 2 connectors',
      },
    ];
  } finally {
    await emulator.close();
  }
}
