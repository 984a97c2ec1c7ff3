// The run, end to end: input, the user's own Gmail through auth-gate, the per-user cursor, the
// digest (Claude when a key is set, the deterministic rules otherwise or when Claude fails), then
// dataset items, DIGEST.html/DIGEST.md, OUTPUT, the cursor, and optionally the digest mailed to
// the user's own address. Every expected failure ends with one clear message and no stack trace.
// Mail bodies are never logged: only counts, ids, the search query and reasons are.
// Each step's result is recorded in the run's default key-value store (GMAIL_DIGEST_PROGRESS)
// before the next starts, so the rerun after an Apify migration resumes where the run stopped.

import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import {
  ActionableError,
  RateLimitedError,
  perUser,
  runGatedActor,
  type AuthGate,
  type GatedRun,
  type RunJournal,
  type SummaryLink,
} from '@repo/auth-gate';
import { Actor, log } from 'apify';
import {
  NO_BUDGET_MESSAGE,
  chargeBudgetOfRun,
  chargeLimitWarning,
  messagesWithinLimit,
} from './billing/charge-budget.js';
import { digestWithClaude, type ClaudeDigestOutcome } from './claude/claude-digest.js';
import {
  analyzeMail,
  buildDeterministicDigest,
  createAnalysisContext,
  renderDigestHtml,
  renderDigestMarkdown,
  type Digest,
  type DigestOptions,
  type MailAnalysis,
} from './digest/index.js';
import { errorMessage } from './errors.js';
import { GmailMailbox, type GmailLabel } from './gmail/gmail-mailbox.js';
import { buildGmailQuery, normalizeLabelName } from './gmail/gmail-query.js';
import { parseInput, type ActorInput } from './input.js';
import { analyzeWithLlmResults, mergeLlmResults } from './llm/index.js';
import { parseGmailMessage, type ParsedMail } from './mail/index.js';
import { toMessageItems } from './output/dataset-items.js';
import { attentionList, emailSubject, summaryLine, type EmailReport, type RunOutput } from './output/run-output.js';
import { advanceCursor, isAfterCursor } from './state/mail-cursor.js';
import {
  DIGEST_STEPS,
  PROGRESS_KEY,
  itemsToPush,
  laterCursor,
  mailHtml,
  newDigestMarker,
  progressFingerprint,
  sentDigestQuery,
  type BuiltDigest,
  type DigestProgress,
  type DigestStep,
} from './state/run-progress.js';
import { planWindow } from './state/run-window.js';
import { UserStateStore, mailboxFingerprint, rememberSent } from './state/user-state.js';

export const PAGE_TITLE = 'Gmail Digest';
export const DIGEST_HTML_KEY = 'DIGEST.html';
export const DIGEST_MARKDOWN_KEY = 'DIGEST.md';
/** Full messages are heavy (bodies, MIME trees): 20 per call keeps each answer small and within Gmail's per-second quota. */
const GMAIL_PAGE_SIZE = 20;
const ANTHROPIC_MAX_RETRIES = 2;
const ANTHROPIC_TIMEOUT_MS = 120_000;

/** An expected failure of this Actor; auth-gate shows its message as it is, without a stack trace. */
class DigestRunError extends ActionableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('GMAIL_DIGEST_FAILED', message, options);
  }
}

interface MadeDigest {
  digest: Digest;
  analyses: MailAnalysis[];
  claude: ClaudeDigestOutcome | null;
}

export async function runActor(): Promise<void> {
  await runGatedActor(
    {
      connectors: { gmail: perUser({ label: 'Gmail' }) },
      page: { title: PAGE_TITLE },
      input: (raw) => parseInput(raw, process.env),
      connect: ['gmail'],
    },
    async (run) => {
      try {
        const { output, links } = await digestRun(run);
        return { summary: output.message, links };
      } catch (error) {
        throw explain(error);
      }
    },
  );
}

async function digestRun({
  input,
  gate,
  handles,
  openJournal,
}: GatedRun<'gmail', ActorInput, 'gmail'>): Promise<{ output: RunOutput; links: SummaryLink[] }> {
  // Each step's result is stored before the next starts; the rerun after a migration resumes there.
  const journal = await openJournal<DigestStep, DigestProgress>({
    key: PROGRESS_KEY,
    steps: DIGEST_STEPS,
    fingerprint: progressFingerprint(input, gate.identity.userIdentifier),
  });
  return digestSteps(input, gate, new GmailMailbox(handles.gmail), journal);
}

async function digestSteps(
  input: ActorInput,
  gate: AuthGate<'gmail'>,
  mailbox: GmailMailbox,
  journal: RunJournal<DigestStep, DigestProgress>,
): Promise<{ output: RunOutput; links: SummaryLink[] }> {
  gate.step('Connected to Gmail');
  let progress = journal.reached('built') ? journal.state! : await buildDigest(input, gate, mailbox, journal);
  const built = progress.built!;
  const { window } = progress;
  if (journal.resumed)
    gate.step(
      `Resumed after a restart, past the step "${journal.step ?? 'planned'}": nothing done before is done again`,
    );

  if (!journal.reached('stored')) {
    if (built.items !== null) {
      const dataset = await Actor.openDataset();
      const now = (await dataset.getInfo())?.itemCount ?? 0;
      const missing = itemsToPush(built.items, built.datasetBefore, now);
      if (missing.length > 0) await dataset.pushData(missing);
    }
    await Actor.setValue(DIGEST_HTML_KEY, built.html, { contentType: 'text/html; charset=utf-8' });
    await Actor.setValue(DIGEST_MARKDOWN_KEY, built.markdown, { contentType: 'text/markdown; charset=utf-8' });
    await Actor.setValue('OUTPUT', built.output);
    // The items are in the dataset now: the progress record need not keep a second copy.
    progress = { ...progress, built: { ...built, items: null } };
    await journal.record('stored', progress);
  }

  const store = await UserStateStore.open(gate.identity.userIdentifier);
  if (!journal.reached('cursor-saved')) {
    // The digest is stored: only now may the cursor move past this mail (a stop before this line
    // means the digest of the same mail is resumed, never that mail is skipped). Moving from the
    // later of the saved cursor and the window start makes a repeat of this step change nothing.
    const state = await store.load(mailboxFingerprint(built.ownAddress));
    await store.save({
      ...state,
      cursor: window.updatesCursor
        ? advanceCursor(laterCursor(state.cursor, window.start), built.cursorMessages)
        : state.cursor,
      lastDigestAt: built.output.generatedAt,
    });
    await journal.record('cursor-saved', progress);
  }

  if (!journal.reached('charging')) {
    // Recorded before charging: after a stop right here the rerun charges nothing rather than twice.
    await journal.record('charging', progress);
    if (built.mailCount > 0) {
      await Actor.charge({ eventName: 'digest-created' });
      await Actor.charge({ eventName: 'message-digested', count: built.mailCount });
    }
  }

  const output: RunOutput = { ...built.output, email: progress.email };
  if (input.sendToSelf && built.mailCount > 0 && !journal.reached('mailed')) {
    gate.step(`Mailing the digest to ${built.ownAddress}`);
    output.email = await mailOnce(mailbox, built, journal);
    const state = await store.load(mailboxFingerprint(built.ownAddress));
    if (output.email.messageId !== null) await store.save(rememberSent(state, output.email.messageId));
    progress = { ...progress, email: output.email };
    await journal.record('mailed', progress);
  }
  output.scalekitRoundTrips = gate.metrics().scalekitRoundTrips;
  await Actor.setValue('OUTPUT', output);

  const links: SummaryLink[] = [
    { label: 'Digest (HTML)', url: output.digestUrl },
    { label: 'Digest (Markdown)', url: output.markdownUrl },
  ];
  return { output, links };
}

/**
 * Sends the digest to the user's own address exactly once as far as Gmail allows: the intent is
 * recorded first; a rerun that finds the intent without a result looks for the mail's marker in
 * SENT and sends only if it is not there.
 */
async function mailOnce(
  mailbox: GmailMailbox,
  built: BuiltDigest,
  journal: RunJournal<DigestStep, DigestProgress>,
): Promise<EmailReport> {
  if (journal.reached('mail-intent')) {
    const found = await mailbox.findOne(sentDigestQuery(built.marker));
    if (found !== null) {
      log.info('The digest mail was sent before the restart; it is not sent again.');
      return { to: built.ownAddress, messageId: found, error: null };
    }
  } else {
    await journal.record('mail-intent', journal.state!);
  }
  try {
    const messageId = await mailbox.sendHtml(built.ownAddress, built.subject, mailHtml(built.html, built.marker));
    journal.checkpoint('mail-sent-unrecorded');
    return { to: built.ownAddress, messageId, error: null };
  } catch (error) {
    const output: RunOutput = {
      ...built.output,
      status: 'EMAIL_FAILED',
      email: { to: built.ownAddress, messageId: null, error: errorMessage(error) },
    };
    await Actor.setValue('OUTPUT', output);
    throw new DigestRunError(
      `The digest was stored (${DIGEST_HTML_KEY}), but mailing it to ${built.ownAddress} failed: ${errorMessage(error)}`,
    );
  }
}

/** Fetches the window's mail and builds the digest and everything to store; records `planned` and `built`. */
async function buildDigest(
  input: ActorInput,
  gate: AuthGate<'gmail'>,
  mailbox: GmailMailbox,
  journal: RunJournal<DigestStep, DigestProgress>,
): Promise<DigestProgress> {
  // Status messages are a courtesy: a failed update must not fail the run.
  const progress = (done: number, total: number | undefined, label: string): Promise<void> =>
    gate.progress({ done, total, label }).catch(() => undefined);

  const ownAddress = await mailbox.ownAddress();
  const labels = await mailbox.labels();
  const warnings = unknownLabelWarnings(input, labels);
  for (const warning of warnings) {
    log.warning(warning);
    gate.step(warning);
  }

  const store = await UserStateStore.open(gate.identity.userIdentifier);
  const state = await store.load(mailboxFingerprint(ownAddress));
  // A rerun keeps the first attempt's window and clock: the cursor may have moved meanwhile.
  let planned = journal.state;
  if (planned === null) {
    const nowMs = Date.now();
    planned = {
      nowMs,
      window: planWindow(input.since, input.lookbackHours, state.cursor, nowMs),
      built: null,
      email: null,
    };
    await journal.record('planned', planned);
  }
  const { window } = planned;
  const after = new Date(window.start.internalDateMs).toISOString();
  const query = buildGmailQuery({
    afterEpochSeconds: window.afterEpochSeconds,
    includeLabels: input.includeLabels,
    excludeLabels: input.excludeLabels,
    userQuery: input.query,
  });
  gate.step(
    input.since === 'lookback'
      ? `Mail of the last ${input.lookbackHours} hours (a look-back run leaves the scheduled digest's position unchanged)`
      : window.firstRun
        ? `First digest for this account: mail of the last ${input.lookbackHours} hours`
        : `Mail since the last digest (${after})`,
  );
  log.info(`Gmail search: ${query}`);

  // The digest is made in one piece: the user's spending limit caps the mail before it is read.
  const affordable = messagesWithinLimit(chargeBudgetOfRun());
  if (affordable < 1) throw new DigestRunError(NO_BUDGET_MESSAGE);
  const maxMessages = Math.min(input.maxMessages, affordable);
  const fetched = await mailbox.fetch({
    query,
    max: maxMessages,
    pageSize: GMAIL_PAGE_SIZE,
    keep: (m) => isAfterCursor(window.start, { id: m.message.id, internalDateMs: m.internalDateMs }),
    onPage: (count) => progress(count, undefined, 'messages fetched'),
  });
  // Digests this Actor mailed to the user arrive in their inbox; they are not news.
  const ownDigests = new Set(state.sentDigestIds);
  const mails = fetched.messages.filter((m) => !ownDigests.has(m.message.id)).map((m) => parseGmailMessage(m.message));
  const notIncluded =
    fetched.truncated && fetched.resultSizeEstimate !== null
      ? Math.max(0, fetched.resultSizeEstimate - fetched.messages.length)
      : null;
  const cappedByLimit = fetched.truncated ? chargeLimitWarning(maxMessages, input.maxMessages) : null;
  if (cappedByLimit !== null) {
    warnings.push(cappedByLimit);
    log.warning(cappedByLimit);
    gate.step(cappedByLimit);
  } else if (fetched.truncated) {
    const warning = `More mail matched than "Max messages" (${input.maxMessages}) allows: the newest ${input.maxMessages} are in this digest${
      notIncluded !== null && notIncluded > 0 ? `, about ${notIncluded} older ones are not` : ''
    }. Raise "Max messages" or narrow the query to include everything.`;
    warnings.push(warning);
    log.warning(warning);
    gate.step(warning);
  }
  gate.step(`Fetched ${mails.length} message${mails.length === 1 ? '' : 's'}`);

  const options: DigestOptions = {
    now: new Date(planned.nowMs),
    timeZone: input.timeZone,
    userAddresses: [ownAddress],
  };
  const made = await makeDigest(mails, input, options, gate, progress);
  const { digest } = made;

  const usage = made.claude?.usage ?? null;
  const output: RunOutput = {
    status: digest.counts.mails === 0 ? 'NO_NEW_MAIL' : cappedByLimit !== null ? 'CHARGE_LIMIT_REACHED' : 'SUCCEEDED',
    message: summaryLine(digest, input.since, after),
    generatedBy: digest.generatedBy,
    model: digest.model,
    note: digest.note,
    generatedAt: digest.generatedAt,
    timeZone: digest.timeZone,
    counts: digest.counts,
    range: {
      since: input.since,
      after,
      firstRun: window.firstRun,
      oldest: digest.range.oldest,
      newest: digest.range.newest,
    },
    truncated: fetched.truncated,
    notIncludedEstimate: notIncluded,
    tokenUsage: usage,
    claude:
      made.claude === null
        ? null
        : {
            batches: made.claude.batches,
            batchesAnswered: made.claude.batchesAnswered,
            failures: made.claude.failures,
          },
    digestUrl: await recordUrl(DIGEST_HTML_KEY),
    markdownUrl: await recordUrl(DIGEST_MARKDOWN_KEY),
    needsAttention: attentionList(digest),
    email: null,
    warnings,
    gmailToolCalls: fetched.toolCalls,
    scalekitRoundTrips: gate.metrics().scalekitRoundTrips,
  };
  const built: DigestProgress = {
    ...planned,
    built: {
      ownAddress,
      items: toMessageItems(made.analyses, new Map(labels.map((l) => [l.id, l.name])), input.includeBodies),
      datasetBefore: (await (await Actor.openDataset()).getInfo())?.itemCount ?? 0,
      html: renderDigestHtml(digest),
      markdown: renderDigestMarkdown(digest),
      output,
      mailCount: mails.length,
      cursorMessages: fetched.messages.map((m) => ({ id: m.message.id, internalDateMs: m.internalDateMs })),
      subject: emailSubject(digest),
      marker: newDigestMarker(),
    },
  };
  await journal.record('built', built);
  return built;
}

/** The deterministic verdicts for every mail (the same the rules digest is built from). */
function ruleAnalyses(mails: readonly ParsedMail[], options: DigestOptions): MailAnalysis[] {
  const context = createAnalysisContext(mails, options);
  return mails.map((mail) => analyzeMail(mail, context));
}

async function makeDigest(
  mails: readonly ParsedMail[],
  input: ActorInput,
  options: DigestOptions,
  gate: AuthGate<'gmail'>,
  progress: (done: number, total: number | undefined, label: string) => Promise<void>,
): Promise<MadeDigest> {
  const deterministic = (fallbackReason?: string, claude: ClaudeDigestOutcome | null = null): MadeDigest => ({
    digest: buildDeterministicDigest(mails, fallbackReason === undefined ? options : { ...options, fallbackReason }),
    analyses: ruleAnalyses(mails, options),
    claude,
  });
  if (mails.length === 0) return deterministic();
  if (!input.useClaude) return deterministic('it is switched off in the input ("Use Claude").');
  if (input.anthropicApiKey === null) {
    return deterministic(
      'no Anthropic API key is set (the "Anthropic API key" input, or ANTHROPIC_API_KEY on the Actor).',
    );
  }

  gate.step(`Sending ${mails.length} mails to Claude (${input.model})`);
  const client = new Anthropic({
    apiKey: input.anthropicApiKey,
    // The SDK reads ANTHROPIC_BASE_URL itself too; an empty value must not override its default.
    baseURL: process.env['ANTHROPIC_BASE_URL'] || undefined,
    maxRetries: ANTHROPIC_MAX_RETRIES,
    timeout: ANTHROPIC_TIMEOUT_MS,
  });
  const claude = await digestWithClaude(mails, {
    api: { create: (params) => client.messages.create(params) },
    model: input.model,
    maxInputTokensPerBatch: input.maxInputTokensPerBatch,
    now: options.now,
    timeZone: options.timeZone,
    userAddresses: options.userAddresses ?? [],
    onBatch: (index, total) => progress(index - 1, total, 'Claude batches answered'),
  });
  const { usage } = claude;
  const usageLine = `Claude: ${usage.requests} request${usage.requests === 1 ? '' : 's'}, ${usage.inputTokens} input and ${usage.outputTokens} output tokens`;
  log.info(usageLine);
  gate.step(usageLine);
  for (const issue of claude.issues) log.warning(`Claude answer: ${issue}`);
  for (const failure of claude.failures) log.warning(`Claude: ${failure}`);

  if (claude.results.length === 0) {
    return deterministic(`${claude.failures[0] ?? 'it returned nothing usable'}.`, claude);
  }
  const note = claude.failures.length > 0 ? `Claude could not digest ${claude.failures.join('; ')}.` : undefined;
  return {
    digest: mergeLlmResults(mails, claude.results, {
      ...options,
      model: input.model,
      ...(note !== undefined ? { note } : {}),
    }),
    analyses: analyzeWithLlmResults(mails, claude.results, options),
    claude,
  };
}

function unknownLabelWarnings(input: ActorInput, labels: readonly GmailLabel[]): string[] {
  const known = new Set(labels.flatMap((l) => [normalizeLabelName(l.name), l.id.toLowerCase()]));
  return [...input.includeLabels, ...input.excludeLabels]
    .filter((name) => !known.has(normalizeLabelName(name)))
    .map((name) => `There is no label "${name}" in this Gmail account; check its spelling under "Labels".`);
}

/** Where a record of the default store can be opened: its (signed) public URL on Apify, the file locally. */
async function recordUrl(key: string): Promise<string> {
  if (Actor.isAtHome()) return (await Actor.openKeyValueStore()).getPublicUrl(key);
  // Crawlee's local getPublicUrl ignores CRAWLEE_STORAGE_DIR; point at the real file instead.
  const storage = process.env['CRAWLEE_STORAGE_DIR'] ?? process.env['APIFY_LOCAL_STORAGE_DIR'] ?? 'storage';
  return pathToFileURL(join(resolve(storage), 'key_value_stores', 'default', key)).href;
}

/** Gmail's quota, once auth-gate's retries are spent, deserves words a user can act on. */
function explain(error: unknown): unknown {
  if (error instanceof RateLimitedError) {
    const wait = error.retryAfterSeconds !== undefined ? ` (it asked to wait ${error.retryAfterSeconds}s)` : '';
    return new DigestRunError(
      `Gmail's usage limit for your account was reached and retrying did not help${wait}. Nothing was stored, and the next run ` +
        'starts where the last digest ended: run again in a few minutes, or lower "Max messages".',
      { cause: error },
    );
  }
  return error;
}
