import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { approveConsent, connectSharedAccount, startLocalRun, type LocalRunResult } from '@repo/actor-runner';
import { startSampleSite } from '@repo/sample-site';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { renderReport, type ActorOutcome, type DemoReport } from './demo-report.js';

const { values } = parseArgs({
  options: {
    interactive: { type: 'boolean', default: false },
    once: { type: 'boolean', default: false },
    port: { type: 'string', default: '8787' },
    'report-json': { type: 'string' },
  },
});
const interactive = values.interactive;
const stayUp = !values.once && process.stdout.isTTY === true;
const IDENTIFIER = 'demo-user';
const require = createRequire(import.meta.url);
const actorDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A person approving on the consent page; in interactive mode the person at the keyboard does it. */
async function consent(pageUrl: string, key: string, who: string): Promise<void> {
  if (interactive) {
    say(`  -> ${who}: open ${pageUrl} and press "Connect", then approve. Waiting…`);
    return;
  }
  say(
    `  -> ${who} approves ${key} on the Live View page and the emulator's consent page (automatic; --interactive to click yourself)`,
  );
  await approveConsent(pageUrl, key);
}

async function startEmulatorOnPort(): Promise<RunningEmulator> {
  const options = {
    seed: 1,
    clientSecret: 'demo-secret',
    sandboxes: { gmail: { messages: 40 }, youtube: { channels: 60 } },
  };
  try {
    return await startEmulator({ ...options, port: Number(values.port) });
  } catch {
    return startEmulator({ ...options, port: 0 });
  }
}

async function runActor(
  emulator: RunningEmulator,
  name: string,
  input: unknown,
  /** The connector this run is expected to ask consent for, if any. */
  consentFor: string | undefined,
): Promise<{ result: LocalRunResult; calls: number; consentAsked: boolean }> {
  const before = (await emulator.admin.calls()).at(-1)?.seq ?? 0;
  let consentAsked = false;
  let lastStatus = '';
  const run = await startLocalRun({
    actorDir: actorDir(name),
    input,
    env: { ...emulator.env, AUTH_GATE_USER_ID: IDENTIFIER, ANTHROPIC_BASE_URL: emulator.envUrl },
    timeoutMs: 600_000,
    onLine: (line) => {
      const status = /\[Status message\]: (.*)$/.exec(line)?.[1];
      if (status && status !== lastStatus) {
        lastStatus = status;
        process.stdout.write(
          process.stdout.isTTY ? `\r\x1b[2K  ${name}: ${status.slice(0, 110)}` : `  ${name}: ${status}\n`,
        );
      }
      if (line.includes('Waiting for authorization') && !consentAsked) {
        consentAsked = true;
        if (process.stdout.isTTY) process.stdout.write('\n');
        void consent(run.liveViewUrl, consentFor ?? 'notion', 'the user');
      }
    },
  });
  const result = await run.done;
  if (process.stdout.isTTY) process.stdout.write('\n');
  if ((consentFor !== undefined) !== consentAsked) say(`  (note: consent was ${consentAsked ? '' : 'not '}asked)`);
  const calls = (await emulator.admin.calls({ since: before })).filter(
    (c) => c.kind === 'rpc' || c.kind === 'proxy' || c.kind === 'tool',
  );
  return { result, calls: calls.length, consentAsked };
}

function outcome(
  actor: string,
  r: { result: LocalRunResult; calls: number; consentAsked: boolean },
  figures: Record<string, number | string>,
  summary: string,
): ActorOutcome {
  return {
    actor,
    ok: r.result.exitCode === 0,
    consentAsked: r.consentAsked,
    summary:
      r.result.exitCode === 0 ? summary : `failed: ${JSON.stringify(r.result.output ?? r.result.stderr.slice(-300))}`,
    figures,
    scalekitCalls: r.calls,
  };
}

const emulator = await startEmulatorOnPort();
const site = await startSampleSite();
say(`Scalekit emulator: ${emulator.envUrl} (web UI: ${emulator.envUrl}/)   sample site: ${site.url}`);
say(`All three actors run as the Apify user "${IDENTIFIER}", each as a real local run with its own storage.\n`);

say('1. The operator connects the shared YouTube account once, with the auth-gate CLI');
await connectSharedAccount({
  env: emulator.env,
  connection: 'youtube',
  identifier: 'shared-youtube',
  consent: (pageUrl) => consent(pageUrl, 'youtube', 'the operator'),
});
say('   youtube / shared-youtube is ACTIVE\n');

say("2. crawl-to-notion: the sample site into the user's Notion (first run: asks for Notion consent)");
const crawl = await runActor(
  emulator,
  'crawl-to-notion',
  { startUrls: [{ url: site.url }], parentPage: 'Research', maxPages: 40 },
  'notion',
);
const crawlOut = (crawl.result.output ?? {}) as Record<string, number | string>;

say('3. notion-youtube-agent: structured research, no LLM (Notion already connected: no consent)');
const agent = await runActor(
  emulator,
  'notion-youtube-agent',
  { topic: 'python tutorial', notionPage: 'YouTube research', parentPage: 'Research', channelCount: 5 },
  undefined,
);
const agentOut = (agent.result.output ?? {}) as { channels?: unknown[]; notionPageUrl?: string };

say(
  "4. gmail-digest: the seeded mailbox (asks for Gmail consent once), deterministic digest, mailed to the user's own address",
);
const gmail = await runActor(
  emulator,
  'gmail-digest',
  { since: 'lookback', lookbackHours: 72, sendToSelf: true },
  'gmail',
);
const gmailOut = (gmail.result.output ?? {}) as { counts?: { mails?: number } };

const consents = (await emulator.admin.calls({ kind: 'consent' })).filter(
  (c) => c.connector === 'notion' && c.identifier === IDENTIFIER && c.status !== '200' && c.name.startsWith('POST'),
);
const notionSnapshot = await emulator.admin
  .sandbox<{ pages?: unknown[] }>('notion', IDENTIFIER)
  .catch(() => ({ pages: [] }));
const gmailSnapshot = await emulator.admin
  .sandbox<{ sent?: { subject?: string }[] }>('gmail', IDENTIFIER)
  .catch(() => ({ sent: [] }));
const report: DemoReport = {
  emulatorUi: `${emulator.envUrl}/`,
  identifier: IDENTIFIER,
  actors: [
    outcome(
      'crawl-to-notion',
      crawl,
      {
        'pages written': crawlOut['written'] ?? '?',
        'broken links': crawlOut['failed'] ?? 0,
        'skipped (PDF, robots)': crawlOut['skipped'] ?? 0,
      },
      'sample site written to Notion',
    ),
    outcome(
      'notion-youtube-agent',
      agent,
      { 'channels ranked': agentOut.channels?.length ?? 0 },
      `ranked channels appended to ${agentOut.notionPageUrl ?? 'Notion'}`,
    ),
    outcome(
      'gmail-digest',
      gmail,
      { 'mails digested': gmailOut.counts?.mails ?? 0 },
      'digest stored and mailed to self',
    ),
  ],
  notionConsents: consents.length,
  notionPagesInSandbox: notionSnapshot.pages?.length ?? 0,
  digestStored: (gmailSnapshot.sent ?? []).some((m) => m.subject?.startsWith('Gmail digest') === true),
};
say(renderReport(report));
if (values['report-json']) await writeFile(values['report-json'], JSON.stringify(report, null, 2));
const allOk = report.actors.every((a) => a.ok);

if (stayUp) {
  say('\nThe emulator stays up so you can look around. Press Ctrl-C to stop.');
  const rl = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    rl.once('close', resolve);
  });
  rl.close();
}
await site.close();
await emulator.close();
process.exit(allOk ? 0 : 1);
