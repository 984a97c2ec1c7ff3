/** A mailbox from an address header; `address` is lower-cased so it can be compared directly. */
export interface MailAddress {
  name: string | null;
  address: string;
}

/** An attachment as listed in the MIME tree; its content is never downloaded. */
export interface MailAttachment {
  filename: string;
  mimeType: string;
  /** Size in bytes as Gmail reports it (the decoded size). */
  size: number;
  /** True for parts shown inside the body (Content-Disposition: inline, e.g. logos). */
  inline: boolean;
}

/** Where `bodyText` came from, so callers can tell a real body from a fallback. */
export type BodySource = 'plain' | 'html' | 'snippet' | 'none';

/** Where `date` came from: the Date header, or Gmail's internalDate when the header is unusable. */
export type DateSource = 'header' | 'internalDate' | 'none';

export interface ParsedMail {
  id: string;
  threadId: string;
  labelIds: string[];
  from: MailAddress | null;
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  /** Decoded subject without surrounding whitespace; '' when the mail has none. */
  subject: string;
  /** The sending instant as ISO 8601 UTC (e.g. 2024-12-02T08:15:00.000Z). */
  date: string;
  /** The sender's UTC offset as written in the Date header, e.g. '+01:00'; null when unknown. */
  dateOffset: string | null;
  dateSource: DateSource;
  snippet: string;
  /** Readable text of the whole body (plain text, or HTML converted to text). */
  bodyText: string;
  bodySource: BodySource;
  /** True when `bodyText` was cut at the parser's size cap. */
  bodyTruncated: boolean;
  /** `bodyText` without quoted replies and signatures: what this message adds. */
  newText: string;
  attachments: MailAttachment[];
  /** Raw List-Unsubscribe header value; null when absent. */
  listUnsubscribe: string | null;
  /** Raw List-Id header value; null when absent. */
  listId: string | null;
  /** Precedence: bulk/list/junk or Auto-Submitted other than "no": sent by a machine. */
  automated: boolean;
  /** Message-ID of the message this one answers (In-Reply-To), null for a thread starter. */
  inReplyTo: string | null;
}
