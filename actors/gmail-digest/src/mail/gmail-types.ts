/**
 * The Gmail API message resource as `users.messages.get` / `gmail_fetch_mails` return it with
 * `format=full`. Only the fields the digest reads are typed; everything is optional beyond `id`
 * because the tool output is "free-flowing JSON" and other formats (`metadata`, `minimal`)
 * leave parts out.
 */

/** One header line; `value` is the raw header value, RFC 2047 encoded-words not yet decoded. */
export interface GmailHeader {
  name: string;
  value: string;
}

/** Body of a MIME part. `data` is base64url; large attachments carry `attachmentId` instead. */
export interface GmailMessagePartBody {
  attachmentId?: string;
  size?: number;
  data?: string;
}

/** A MIME part; the top-level `payload` is the root part, `parts` nest for multipart types. */
export interface GmailMessagePart {
  partId?: string;
  mimeType?: string;
  filename?: string;
  headers?: GmailHeader[];
  body?: GmailMessagePartBody;
  parts?: GmailMessagePart[];
}

export interface GmailApiMessage {
  id: string;
  threadId?: string;
  labelIds?: string[];
  snippet?: string;
  historyId?: string;
  /** Milliseconds since the epoch, as a decimal string, when Gmail received the message. */
  internalDate?: string;
  sizeEstimate?: number;
  payload?: GmailMessagePart;
  /** Present only with format=raw; the digest does not use it. */
  raw?: string;
}
