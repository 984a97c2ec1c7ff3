import type {
  JsonObject,
  ProxyRequest,
  ProxyResponse,
  Sandbox,
  SandboxContext,
  SandboxKind,
  ToolDefinition,
} from '../sandbox.js';
import { GmailApi } from './gmail-api.js';
import { gmailOptions } from './gmail-options.js';
import { GMAIL_TOOLS, runGmailTool } from './gmail-tools.js';
import { Mailbox, mailboxFromState } from './mailbox.js';
import { renderMailboxHtml } from './mailbox-html.js';
import type { IndexedMessage } from './message-index.js';
import { QuotaMeter } from './quota.js';
import { handleGmailRequest } from './rest-routes.js';
import { seedMailbox } from './seed-mailbox.js';
import { isObject } from '../../json-object.js';

/** One account's Gmail: a seeded mailbox behind the REST API subset and Scalekit's Gmail tools. */

function summary(message: IndexedMessage): JsonObject {
  return {
    id: message.stored.id,
    threadId: message.stored.threadId,
    labelIds: [...message.stored.labelIds],
    internalDate: new Date(message.stored.internalDate).toISOString(),
    date: message.decoded.date,
    from: message.decoded.from,
    to: message.decoded.to,
    cc: message.decoded.cc,
    subject: message.decoded.subject,
    snippet: message.snippet,
    text: message.text,
    attachments: message.attachments.map((a) => ({ filename: a.filename, mimeType: a.mimeType, size: a.data.length })),
  };
}

class GmailSandbox implements Sandbox {
  readonly #api: GmailApi;
  readonly #mailbox: Mailbox;
  /** The mailbox clock: `anchorMs` at `startedAt` (real time), running at real speed since. */
  readonly #anchorMs: number;
  readonly #startedAt = Date.now();

  constructor(context: SandboxContext, saved: JsonObject | undefined) {
    const options = gmailOptions(context.options, context.identifier, this.#startedAt);
    if (saved) {
      const state = saved['mailbox'];
      if (!isObject(state)) throw new Error('saved Gmail sandbox needs a mailbox object');
      this.#mailbox = mailboxFromState(state);
      // The mailbox clock keeps its offset from real time across a restart, so time passes in it too.
      const skew = Number(saved['clockSkewMs']);
      this.#anchorMs = Number.isFinite(skew) ? this.#startedAt + skew : options.anchorMs;
    } else {
      const seeded = seedMailbox({
        seed: context.seed,
        anchorMs: options.anchorMs,
        count: options.messages,
        owner: { name: options.displayName, email: options.address },
      });
      this.#mailbox = new Mailbox(options.address, options.displayName, { ...seeded, sequence: 0 });
      this.#anchorMs = options.anchorMs;
    }
    this.#api = new GmailApi(this.#mailbox, new QuotaMeter(options.quotaUnitsPerSecond), {
      mailboxNow: () => this.#now(),
      wallNow: () => Date.now(),
    });
  }

  #now(): number {
    return this.#anchorMs + (Date.now() - this.#startedAt);
  }

  executeTool(name: string, params: JsonObject): JsonObject {
    return runGmailTool(this.#api, name, params);
  }

  handleRequest(request: ProxyRequest): ProxyResponse {
    return handleGmailRequest(this.#api, request);
  }

  snapshot(): JsonObject {
    const all = this.#mailbox.all();
    return {
      kind: 'gmail',
      address: this.#mailbox.address,
      historyId: String(this.#mailbox.historyId),
      now: new Date(this.#now()).toISOString(),
      messagesTotal: all.length,
      threadsTotal: this.#mailbox.threadCount(),
      labels: this.#mailbox
        .labels()
        .map((l) => ({ id: l.id, name: l.name, type: l.type, ...this.#mailbox.labelCounts(l.id) })),
      messages: all.map(summary),
      sent: all.filter((m) => m.stored.labelIds.includes('SENT')).map(summary),
    };
  }

  renderHtml(): string {
    return renderMailboxHtml(this.#mailbox);
  }

  exportState(): JsonObject {
    const now = this.#now();
    return { version: 1, clockMs: now, clockSkewMs: now - Date.now(), mailbox: this.#mailbox.exportState() };
  }
}

export const gmailSandboxKind: SandboxKind = {
  provider: 'GMAIL',
  tools(): ToolDefinition[] {
    return GMAIL_TOOLS.map((t) => ({ ...t }));
  },
  create: (context, saved) => new GmailSandbox(context, saved),
};
