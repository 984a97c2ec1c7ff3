// Standby mode end to end: the built actor started as Apify starts it in Standby
// (APIFY_META_ORIGIN=STANDBY, the HTTP server on the container port), callers with API keys made
// by the auth-gate CLI against the emulator's token service, each connecting and using their own
// Notion through the Standby API while the operator's shared YouTube account does the searching.

import { readDataset, readRecord } from '@repo/actor-runner';
import type { RunningEmulator } from '@repo/scalekit-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandbyChannelItem } from '../../src/standby/task-runner.js';
import {
  approveInBrowser,
  callApi,
  createApiKey,
  revokeApiKey,
  startStandbyRun,
  waitForTask,
  type ApiKey,
  type StandbyRun,
  ORG,
  type TaskView,
} from '../support/standby.js';
import { callerIdentifier } from '@repo/auth-gate/standby';
import {
  connectSharedYoutube,
  livePagesTitled,
  notionOf,
  SHARED_YOUTUBE,
  startStack,
  textOf,
  type NotionSnapshot,
} from '../support/stack.js';

/** The Notion identifier of a user key of ORG: its organization and user (no prefix here). */
const idOf = (user: string): string => callerIdentifier('', ORG, user);

let emulator: RunningEmulator;
let standby: StandbyRun;
let base: string;
/** Every key and consent link handed out in this file: none may appear in the actor's logs. */
const secrets: string[] = [];
/** Tasks that finished, for the check of the task store the run leaves behind. */
const finished: TaskView[] = [];

beforeAll(async () => {
  emulator = await startStack();
  await connectSharedYoutube(emulator);
  standby = await startStandbyRun(emulator, {
    // The operator's Anthropic key enables free-text tasks (the emulator's scripted Messages API).
    ANTHROPIC_API_KEY: emulator.anthropic.apiKey,
    ANTHROPIC_BASE_URL: emulator.envUrl,
    STANDBY_MAX_RUNNING_TASKS_PER_CALLER: '1',
  });
  base = standby.url;
}, 60_000);

afterAll(async () => {
  if (standby?.run.process.exitCode === null) standby.run.kill('SIGKILL');
  await emulator?.close();
});

async function userKey(user: string): Promise<ApiKey> {
  const key = await createApiKey(emulator, { user });
  secrets.push(key.key);
  return key;
}

/** The caller's side of connecting Notion: ask for a link, approve it in a browser, see ACTIVE. */
async function connectNotion(key: string): Promise<void> {
  const pending = await callApi(base, 'GET', '/connect/notion', { key });
  expect(pending.status).toBe(200);
  expect(pending.body).toMatchObject({
    connector: 'notion',
    status: 'PENDING_AUTH',
    url: expect.stringContaining(`${base}/consent/`) as unknown,
  });
  const link = pending.body['url'] as string;
  secrets.push(link);
  const { verifyUrl, page } = await approveInBrowser(link);
  secrets.push(verifyUrl);
  expect(verifyUrl.startsWith(`${base}/verify?`)).toBe(true);
  expect(page).toContain('Notion connected');
  const active = await callApi(base, 'GET', '/connect/notion', { key });
  expect(active.body).toEqual({ connector: 'notion', status: 'ACTIVE' });
}

async function connectedUser(user: string): Promise<ApiKey> {
  const key = await userKey(user);
  await connectNotion(key.key);
  return key;
}

function researchHeadings(snapshot: NotionSnapshot): string[] {
  return livePagesTitled(snapshot, 'YouTube research').flatMap((page) =>
    page.children.filter((block) => block.type === 'heading_2').map((block) => textOf(block).split(' — ')[0]!),
  );
}

const research = (topic: string) => ({
  topic,
  channelCount: 3,
  notionPage: 'YouTube research',
  parentPage: 'Research',
});

describe('Standby API', () => {
  it('answers the readiness probe and an index without a key; everything else needs a valid key, and an Apify token never reaches Scalekit', async () => {
    const probe = await fetch(base, { headers: { 'x-apify-container-server-readiness-probe': '1' } });
    const index = await callApi(base, 'GET', '/');
    const missing = await callApi(base, 'GET', '/tasks');
    const unknown = await callApi(base, 'GET', '/tasks', { key: 'sk_live_not_a_key_of_this_service' });
    const { key, tokenId } = await userKey('usr_probe');
    const tokenIdAsKey = await callApi(base, 'GET', '/tasks', { key: tokenId });
    const validations = (await emulator.admin.counters()).byName['rpc:ValidateToken'] ?? 0;
    const apifyToken = await callApi(base, 'GET', '/tasks', { key: 'apify_api_0123456789abcdefghij' });
    // As through Apify's Standby gateway: the Apify token in Authorization, the key in X-Api-Key.
    const beside = await callApi(base, 'GET', '/tasks', {
      headers: { authorization: 'Bearer apify_api_0123456789abcdefghij', 'x-api-key': key },
    });
    const validationsAfter = (await emulator.admin.counters()).byName['rpc:ValidateToken'] ?? 0;

    expect(probe.status).toBe(200);
    expect(await probe.text()).toBe('ok');
    expect(index.status).toBe(200);
    expect(Object.keys(index.body['endpoints'] as object)).toEqual([
      'POST /tasks',
      'GET /tasks',
      'GET /tasks/{id}',
      'GET /connect/notion',
    ]);
    expect(missing.status).toBe(401);
    expect(missing.body['error']).toBe('missing_api_key');
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(unknown.status).toBe(401);
    expect(unknown.body['error']).toBe('invalid_api_key');
    expect(tokenIdAsKey.body['error']).toBe('malformed_api_key');
    expect(apifyToken.status).toBe(401);
    expect(apifyToken.body['error']).toBe('apify_token_not_accepted');
    expect(beside.status).toBe(200);
    expect(beside.body).toEqual({ tasks: [] });
    // One key check, for the X-Api-Key request: the Apify token was never sent to Scalekit.
    expect(validations).toBeGreaterThan(0);
    expect(validationsAfter).toBe(validations + 1);
  });

  it('two callers at once: 409 until each connects their own Notion over HTTP, then tasks that reach only their own Notion', async () => {
    const ann = await userKey('usr_ann');
    const ben = await userKey('usr_ben');
    await emulator.admin.resetCalls();

    const flow = async (key: string, topic: string): Promise<TaskView> => {
      const before = await callApi(base, 'POST', '/tasks', { key, body: research(topic) });
      expect(before.status).toBe(409);
      expect(before.body).toMatchObject({ error: 'authorization_required', connect: '/connect/notion' });
      await connectNotion(key);
      const accepted = await callApi(base, 'POST', '/tasks', { key, body: research(topic) });
      expect(accepted.status).toBe(202);
      const id = accepted.body['id'] as string;
      expect(accepted.body).toEqual({ id, status: 'RUNNING', links: { self: `/tasks/${id}` } });
      expect(accepted.headers.get('location')).toBe(`/tasks/${id}`);
      return waitForTask(base, key, id);
    };
    const [annTask, benTask] = await Promise.all([flow(ann.key, 'python tutorial'), flow(ben.key, 'cooking recipes')]);
    finished.push(annTask, benTask);

    for (const task of [annTask, benTask]) {
      expect(task.status).toBe('SUCCEEDED');
      expect(task.mode).toBe('structured');
      expect(task.error).toBeNull();
      expect((task.result!['channels'] as unknown[]).length).toBe(3);
      expect(task.notionPageUrl).toBe(task.result!['notionPageUrl']);
      expect(task.links['notionPage']).toBe(task.notionPageUrl);
      expect(task.steps).toContain('Created the Notion page "YouTube research"');
    }
    // Each caller's Notion holds their own research and nothing of the other's.
    expect(researchHeadings(await notionOf(emulator, idOf('usr_ann')))).toEqual(['YouTube research: python tutorial']);
    expect(researchHeadings(await notionOf(emulator, idOf('usr_ben')))).toEqual(['YouTube research: cooking recipes']);
    expect(annTask.notionPageUrl).not.toBe(benTask.notionPageUrl);

    // The emulator's call log: Notion was reached for these two users only, YouTube through the shared account only.
    const proxy = await emulator.admin.calls({ kind: 'proxy' });
    const tools = await emulator.admin.calls({ kind: 'tool' });
    expect(new Set(proxy.filter((c) => c.connector === 'notion').map((c) => c.identifier))).toEqual(
      new Set([idOf('usr_ann'), idOf('usr_ben')]),
    );
    expect(proxy.filter((c) => c.identifier === idOf('usr_ann')).length).toBeGreaterThan(2);
    expect(proxy.filter((c) => c.identifier === idOf('usr_ben')).length).toBeGreaterThan(2);
    const youtube = [...proxy, ...tools].filter((c) => c.connector === 'youtube');
    expect(youtube.length).toBeGreaterThan(0);
    expect(new Set(youtube.map((c) => c.identifier))).toEqual(new Set([SHARED_YOUTUBE]));

    // A task is its creator's only: for anyone else it does not exist.
    const benReadsAnn = await callApi(base, 'GET', `/tasks/${annTask.id}`, { key: ben.key });
    expect(benReadsAnn.status).toBe(404);
    expect(benReadsAnn.body['error']).toBe('task_not_found');
    expect(JSON.stringify(benReadsAnn.body)).not.toContain('python');
    const benList = await callApi<{ tasks: { id: string }[] }>(base, 'GET', '/tasks', { key: ben.key });
    expect(benList.body.tasks.map((t) => t.id)).toEqual([benTask.id]);

    // The dataset: each caller's channels with their task and a hashed caller reference, never a key.
    const items = (await readDataset(standby.run.storageDir)) as StandbyChannelItem[];
    const annItems = items.filter((item) => item.taskId === annTask.id);
    const benItems = items.filter((item) => item.taskId === benTask.id);
    expect(annItems).toHaveLength(3);
    expect(benItems).toHaveLength(3);
    expect(new Set(annItems.map((item) => item.callerRef)).size).toBe(1);
    expect(annItems[0]!.callerRef).toMatch(/^[0-9a-f]{24}$/);
    expect(annItems[0]!.callerRef).not.toBe(benItems[0]!.callerRef);
    expect(JSON.stringify(items)).not.toContain(ann.key);
    expect(JSON.stringify(items)).not.toContain(ben.key);
  }, 90_000);

  it('refuses an invalid body with one clear message (400) and an oversized one (413), before touching any account', async () => {
    const { key } = await userKey('usr_invalid');
    await emulator.admin.resetCalls();
    const post = (body: unknown) => callApi(base, 'POST', '/tasks', { key, body });

    const nothing = await post({});
    const outOfRange = await post({ topic: 'python tutorial', channelCount: 0 });
    const operatorOnly = await post({ topic: 'python tutorial', anthropicApiKey: 'sk-ant-mine', model: 'claude-opus' });
    const quota = await post({ topic: 'python tutorial', youtubeQuotaUnits: 5000 });
    const notAnObject = await post(['python tutorial']);
    const notJson = await callApi(base, 'POST', '/tasks', {
      key,
      rawBody: '{"topic": ',
      headers: { 'content-type': 'application/json' },
    });
    const huge = await callApi(base, 'POST', '/tasks', {
      key,
      body: { topic: 'python tutorial', task: 'x'.repeat(40_000) },
    });

    for (const answer of [nothing, outOfRange, operatorOnly, quota, notAnObject]) {
      expect(answer.status).toBe(400);
      expect(answer.body['error']).toBe('invalid_input');
    }
    expect(nothing.body['message']).toContain('Nothing to do');
    expect(outOfRange.body['message']).toMatch(/^Invalid input: channelCount: /);
    expect(operatorOnly.body['message']).toContain('Unknown fields "anthropicApiKey", "model"');
    expect(quota.body['message']).toContain('youtubeQuotaUnits: at most 1000');
    expect(notAnObject.body['message']).toContain('must be a JSON object');
    expect(notJson.status).toBe(400);
    expect(notJson.body['error']).toBe('invalid_json');
    expect(huge.status).toBe(413);
    expect(huge.body['error']).toBe('payload_too_large');
    // Only the key checks reached Scalekit: no account lookup, no Notion call.
    const calls = await emulator.admin.calls();
    expect(new Set(calls.map((c) => c.name))).toEqual(new Set(['ValidateToken']));
  });

  it('an organization key may not use the per-user Notion (403), and nobody may connect the shared YouTube account', async () => {
    const org = await createApiKey(emulator);
    secrets.push(org.key);
    const { key } = await userKey('usr_someone');

    const task = await callApi(base, 'POST', '/tasks', { key: org.key, body: research('python tutorial') });
    const orgConnect = await callApi(base, 'GET', '/connect/notion', { key: org.key });
    const youtube = await callApi(base, 'GET', '/connect/youtube', { key });
    const other = await callApi(base, 'GET', '/connect/gmail', { key });

    expect(task.status).toBe(403);
    expect(task.body['error']).toBe('user_key_required');
    expect(task.body['message']).toContain('needs a user-scoped API key');
    expect(orgConnect.status).toBe(403);
    expect(orgConnect.body['error']).toBe('user_key_required');
    expect(youtube.status).toBe(403);
    expect(youtube.body['error']).toBe('operator_only_connector');
    expect(JSON.stringify(youtube.body)).not.toContain('magicLink');
    expect(other.status).toBe(404);
  });

  it('rotation: a new key of the same user reads the tasks and Notion of the old one, and the revoked key is refused at once', async () => {
    const oldKey = await connectedUser('usr_cat');
    const accepted = await callApi(base, 'POST', '/tasks', { key: oldKey.key, body: research('python tutorial') });
    expect(accepted.status).toBe(202);
    const id = accepted.body['id'] as string;
    await waitForTask(base, oldKey.key, id);

    const newKey = await userKey('usr_cat');
    await revokeApiKey(emulator, oldKey.tokenId);
    const oldRead = await callApi(base, 'GET', `/tasks/${id}`, { key: oldKey.key });
    const oldPost = await callApi(base, 'POST', '/tasks', { key: oldKey.key, body: research('python tutorial') });
    const newRead = await callApi<TaskView>(base, 'GET', `/tasks/${id}`, { key: newKey.key });
    const newConnect = await callApi(base, 'GET', '/connect/notion', { key: newKey.key });

    expect(oldRead.status).toBe(401);
    expect(oldRead.body['error']).toBe('invalid_api_key');
    expect(oldPost.status).toBe(401);
    expect(newRead.status).toBe(200);
    expect(newRead.body.status).toBe('SUCCEEDED');
    expect(newConnect.body).toEqual({ connector: 'notion', status: 'ACTIVE' });
  }, 60_000);

  it('a Notion connection that expired: tasks answer 409 again, a fresh link reconnects it, and the failure of a task is in its record', async () => {
    const { key } = await connectedUser('usr_fay');
    const account = (await emulator.admin.account('notion', idOf('usr_fay')))!;
    await emulator.admin.setAccountStatus(account.id, 'EXPIRED');

    const refused = await callApi(base, 'POST', '/tasks', { key, body: research('python tutorial') });
    const link = await callApi(base, 'GET', '/connect/notion', { key });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: 'authorization_required',
      connect: '/connect/notion',
      connectors: [{ connector: 'notion', status: 'EXPIRED' }],
    });
    expect(link.body).toMatchObject({ connector: 'notion', status: 'EXPIRED' });
    secrets.push(link.body['url'] as string);
    secrets.push((await approveInBrowser(link.body['url'] as string)).verifyUrl);

    // Accepted, then failed in Notion: no such page and no parent to create it under.
    const accepted = await callApi(base, 'POST', '/tasks', {
      key,
      body: { topic: 'python tutorial', notionPage: 'No such page' },
    });
    expect(accepted.status).toBe(202);
    const task = await waitForTask(base, key, accepted.body['id'] as string);
    expect(task.status).toBe('FAILED');
    expect(task.error).toMatchObject({ code: 'invalid_input' });
    expect(task.error!.message).toContain('parentPage');
    expect(task.result).toBeNull();
  }, 60_000);

  it('limits running tasks per caller: a second one while the first runs gets 429 with Retry-After, then goes through', async () => {
    const { key } = await connectedUser('usr_dan');
    // Dan's first Notion call is slow, so his first task is surely still running at the second POST.
    await emulator.admin.addFault({
      match: { kind: 'proxy', connector: 'notion', identifier: idOf('usr_dan') },
      effect: { type: 'latency', ms: 1500 },
      times: 1,
    });

    const first = await callApi(base, 'POST', '/tasks', { key, body: research('python tutorial') });
    const second = await callApi(base, 'POST', '/tasks', { key, body: research('python tutorial') });
    const firstDone = await waitForTask(base, key, first.body['id'] as string);
    const third = await callApi(base, 'POST', '/tasks', { key, body: research('python tutorial') });

    expect(first.status).toBe(202);
    expect(second.status).toBe(429);
    expect(second.body['error']).toBe('too_many_tasks');
    expect(second.headers.get('retry-after')).toBe('15');
    expect(firstDone.status).toBe('SUCCEEDED');
    expect(third.status).toBe(202);
    expect((await waitForTask(base, key, third.body['id'] as string)).status).toBe('SUCCEEDED');
  }, 60_000);

  it("runs a free-text task with the Claude agent on the operator's key, in the caller's Notion", async () => {
    const { key } = await connectedUser('usr_eve');
    let pageId = '';
    emulator.anthropic.enqueue(
      { type: 'tool_use', calls: [{ name: 'notion_find_or_create_page', input: { title: 'Eve channels' } }] },
      (request) => {
        pageId = (JSON.parse(request.toolResults[0]!.text) as { id: string }).id;
        return {
          type: 'tool_use',
          calls: [
            {
              name: 'notion_append_blocks',
              input: { page_id: pageId, blocks: [{ type: 'paragraph', text: 'Channels for Eve' }] },
            },
          ],
        };
      },
      { type: 'text', text: 'Added a note to "Eve channels".' },
    );

    const accepted = await callApi(base, 'POST', '/tasks', {
      key,
      body: { task: 'Start a page "Eve channels" for my research.', parentPage: 'Research' },
    });
    expect(accepted.status).toBe(202);
    const task = await waitForTask(base, key, accepted.body['id'] as string);

    expect(task.status).toBe('SUCCEEDED');
    expect(task.mode).toBe('agent');
    expect(task.result).toMatchObject({
      mode: 'agent',
      answer: 'Added a note to "Eve channels".',
      notionPageId: pageId,
    });
    const page = livePagesTitled(await notionOf(emulator, idOf('usr_eve')), 'Eve channels')[0]!;
    expect(page.children.map(textOf)).toEqual(['Channels for Eve']);
    expect(livePagesTitled(await notionOf(emulator, idOf('usr_ann')), 'Eve channels')).toEqual([]);
    // The model was called with the operator's key, which the caller never sent.
    expect(emulator.anthropic.requests().every((r) => r.status === 200)).toBe(true);
  }, 60_000);

  it('stops cleanly on SIGTERM, and its logs hold no API key and no consent link', async () => {
    standby.run.kill('SIGTERM');
    const result = await standby.run.done;
    const printed = result.stdout + result.stderr;

    expect(result.exitCode).toBe(0);
    expect(printed).toContain('Standby: stopping (SIGTERM)');
    // The task store outlives the run (another Standby run answers GET /tasks/{id} from it): final states, no keys.
    expect(finished).toHaveLength(2);
    for (const task of finished) {
      const record = (await readRecord(result.storageDir, task.id, 'notion-youtube-agent-tasks')) as Record<
        string,
        unknown
      >;
      expect(record).toMatchObject({
        id: task.id,
        status: 'SUCCEEDED',
        notionPageUrl: task.notionPageUrl,
        owner: expect.stringMatching(/^[0-9a-f]{24}$/) as unknown,
      });
      for (const secret of secrets) expect(JSON.stringify(record)).not.toContain(secret);
    }
    // The log is not empty of what matters: tasks are logged, by id and hashed caller reference.
    expect(printed).toMatch(/Task [0-9a-f-]{36} \(structured\) started for caller [0-9a-f]{24}/);
    expect(secrets.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(printed).not.toContain(secret);
    for (const fragment of ['magicLink', 'auth_request_id', 'Bearer ', 'apify_api_', emulator.clientSecret])
      expect(printed).not.toContain(fragment);
  }, 30_000);
});
