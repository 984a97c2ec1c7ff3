import { ProviderError, type JsonObject, type ToolDefinition } from '../sandbox.js';
import { encodeWords, formatAddress, isValidEmail, parseAddressList } from './encoded-words.js';
import type { GmailApi, ListParams } from './gmail-api.js';
import { invalidArgumentError } from './gmail-errors.js';
import { headerValue } from './mime-parser.js';
import { buildMessage, canonicalText, type HeaderField } from './mime-builder.js';
import {
  booleanParam,
  formatParam,
  idParam,
  maxResultsParam,
  optionalStringParam,
  requiredStringParam,
  stringListParam,
  threadFormatParam,
} from './request-params.js';

/** Scalekit's Gmail tools (names and inputs from its connector catalogue) over the same mailbox as REST. */

/** `gmail_fetch_mails` returns full messages, so it defaults to a small page. */
export const FETCH_DEFAULT_MAX_RESULTS = 10;

const str = (description: string): JsonObject => ({ type: 'string', description });
const int = (description: string, minimum = 1, maximum = 500): JsonObject => ({
  type: 'integer',
  description,
  minimum,
  maximum,
});
const bool = (description: string): JsonObject => ({ type: 'boolean', description });
const list = (description: string): JsonObject => ({ type: 'array', items: { type: 'string' }, description });
const format = (): JsonObject => ({
  type: 'string',
  enum: ['full', 'metadata', 'minimal', 'raw'],
  description: 'Message format (default full)',
});
const schema = (properties: JsonObject, required: string[] = []): JsonObject => ({
  type: 'object',
  properties,
  required,
});

export const GMAIL_TOOLS: readonly ToolDefinition[] = [
  {
    name: 'gmail_fetch_mails',
    description: 'Fetch emails from the Gmail mailbox with Gmail search syntax; returns full message objects.',
    inputSchema: schema({
      query: str('Gmail search query, e.g. "is:unread newer_than:1d"'),
      max_results: int(`Maximum number of messages (default ${FETCH_DEFAULT_MAX_RESULTS})`),
      page_token: str('nextPageToken of the previous page'),
      label_ids: list('Only messages with all of these label ids'),
      include_spam_trash: bool('Include SPAM and TRASH'),
      format: format(),
    }),
  },
  {
    name: 'gmail_get_message_by_id',
    description: 'Get one email by its message id.',
    inputSchema: schema({ message_id: str('Gmail message id'), format: format() }, ['message_id']),
  },
  {
    name: 'gmail_get_thread_by_id',
    description: 'Get a conversation thread with all its messages.',
    inputSchema: schema(
      {
        thread_id: str('Gmail thread id'),
        format: {
          type: 'string',
          enum: ['full', 'metadata', 'minimal'],
          description: 'Format of each message (default full)',
        },
        metadata_headers: list('Headers to include with format=metadata'),
      },
      ['thread_id'],
    ),
  },
  {
    name: 'gmail_list_threads',
    description: 'List conversation threads, optionally filtered by a Gmail search query.',
    inputSchema: schema({
      query: str('Gmail search query'),
      label_ids: list('Only threads with all of these label ids'),
      max_results: int('Maximum number of threads (default 100)'),
      page_token: str('nextPageToken of the previous page'),
      include_spam_trash: bool('Include SPAM and TRASH'),
    }),
  },
  {
    name: 'gmail_get_profile',
    description: "Get the mailbox owner's address and message counts.",
    inputSchema: schema({}),
  },
  { name: 'gmail_list_labels', description: 'List system and user labels.', inputSchema: schema({}) },
  {
    name: 'gmail_send_message',
    description: 'Send an email from the connected account.',
    inputSchema: schema(
      {
        to: str('Comma-separated recipient addresses'),
        subject: str('Subject line'),
        body: str('Message body'),
        cc: str('Comma-separated Cc addresses'),
        bcc: str('Comma-separated Bcc addresses'),
        content_type: {
          type: 'string',
          enum: ['text/plain', 'text/html'],
          description: 'Body content type (default text/plain)',
        },
        thread_id: str('Thread to reply in'),
      },
      ['to', 'subject', 'body'],
    ),
  },
  {
    name: 'gmail_get_attachment_by_id',
    description: 'Download an attachment of a message (base64url data).',
    inputSchema: schema(
      {
        message_id: str('Gmail message id'),
        attachment_id: str('body.attachmentId of the part'),
        file_name: str('File name, for reference'),
      },
      ['message_id', 'attachment_id'],
    ),
  },
  {
    name: 'gmail_modify_message_labels',
    description: 'Add or remove labels on a message (e.g. remove UNREAD to mark it read).',
    inputSchema: schema(
      {
        message_id: str('Gmail message id'),
        add_label_ids: list('Label ids to add'),
        remove_label_ids: list('Label ids to remove'),
      },
      ['message_id'],
    ),
  },
];

function toolListParams(params: JsonObject, fallbackMax: number): ListParams {
  return {
    q: optionalStringParam(params['query'], 'query') ?? '',
    labelIds: stringListParam(params['label_ids'], 'label_ids'),
    maxResults: maxResultsParam(params['max_results'], fallbackMax),
    pageToken: optionalStringParam(params['page_token'], 'page_token'),
    includeSpamTrash: booleanParam(params['include_spam_trash'], 'include_spam_trash'),
  };
}

function recipients(value: unknown, name: string, required: boolean): string | undefined {
  const text = required ? requiredStringParam(value, name) : optionalStringParam(value, name);
  if (text === undefined) return undefined;
  const addresses = parseAddressList(text);
  if (addresses.length === 0 && required) throw invalidArgumentError(`${name} is required`);
  const bad = addresses.find((a) => !isValidEmail(a.email));
  if (bad) throw invalidArgumentError(`Invalid ${name} address: ${bad.email}`);
  return addresses.map((a) => formatAddress(a)).join(', ');
}

/** The RFC 822 message `gmail_send_message` hands to Gmail; a reply references the thread's last message. */
function composeToolMessage(api: GmailApi, params: JsonObject): { bytes: Buffer; threadId: string | undefined } {
  const to = recipients(params['to'], 'to', true)!;
  const subject = requiredStringParam(params['subject'], 'subject');
  const body = typeof params['body'] === 'string' ? params['body'] : requiredStringParam(params['body'], 'body');
  const cc = recipients(params['cc'], 'cc', false);
  const bcc = recipients(params['bcc'], 'bcc', false);
  const contentType = optionalStringParam(params['content_type'], 'content_type') ?? 'text/plain';
  if (contentType !== 'text/plain' && contentType !== 'text/html')
    throw invalidArgumentError('content_type must be text/plain or text/html');
  const threadId =
    params['thread_id'] === undefined || params['thread_id'] === ''
      ? undefined
      : idParam(params['thread_id'], 'thread_id');
  const headers: HeaderField[] = [['To', to]];
  if (cc) headers.push(['Cc', cc]);
  if (bcc) headers.push(['Bcc', bcc]);
  headers.push(['Subject', encodeWords(subject)]);
  const last = threadId === undefined ? undefined : api.mailbox.thread(threadId).at(-1);
  const parentId = last ? headerValue(last.root.headers, 'Message-ID') : undefined;
  if (parentId && last) {
    const earlier = headerValue(last.root.headers, 'References');
    headers.push(['In-Reply-To', parentId], ['References', earlier ? `${earlier} ${parentId}` : parentId]);
  }
  const ascii = /^[\x20-\x7e\r\n\t]*$/.test(body) && body.split('\n').every((line) => line.length <= 76);
  const bytes = buildMessage(headers, {
    kind: 'leaf',
    mimeType: contentType,
    charset: 'UTF-8',
    transferEncoding: ascii ? '7bit' : 'base64',
    content: canonicalText(body),
  });
  return { bytes, threadId };
}

export function runGmailTool(api: GmailApi, name: string, params: JsonObject): JsonObject {
  switch (name) {
    case 'gmail_fetch_mails':
      return api.fetchMessages(toolListParams(params, FETCH_DEFAULT_MAX_RESULTS), formatParam(params['format']));
    case 'gmail_get_message_by_id':
      return api.getMessage(idParam(params['message_id'], 'message_id'), formatParam(params['format']));
    case 'gmail_get_thread_by_id':
      return api.getThread(
        idParam(params['thread_id'], 'thread_id'),
        threadFormatParam(params['format']),
        stringListParam(params['metadata_headers'], 'metadata_headers'),
      );
    case 'gmail_list_threads':
      return api.listThreads(toolListParams(params, 100));
    case 'gmail_get_profile':
      return api.profile();
    case 'gmail_list_labels':
      return api.listLabels();
    case 'gmail_send_message': {
      const { bytes, threadId } = composeToolMessage(api, params);
      return api.sendMime(bytes, threadId);
    }
    case 'gmail_get_attachment_by_id':
      return api.getAttachment(
        idParam(params['message_id'], 'message_id'),
        requiredStringParam(params['attachment_id'], 'attachment_id'),
      );
    case 'gmail_modify_message_labels':
      return api.modify(
        idParam(params['message_id'], 'message_id'),
        stringListParam(params['add_label_ids'], 'add_label_ids'),
        stringListParam(params['remove_label_ids'], 'remove_label_ids'),
      );
    default:
      throw new ProviderError(404, 'tool_not_found', `tool ${name} is not available for Gmail`);
  }
}
