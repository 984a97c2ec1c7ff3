import { type ParsedMail } from '../mail/index.js';
import { type Category } from './digest-types.js';
import { isQuestion, isRequestSentence } from './request-signals.js';
import { isMachineAddress, isNoReplyAddress, notificationPlatform } from './sender-kind.js';
import { splitSentences } from './sentences.js';

export interface Classification {
  category: Category;
  /** Short phrases explaining the verdict, used to build the reason shown to the user. */
  signals: string[];
  /** Set when the mail is a notification from a known product (GitHub, Jira...). */
  platform: string | null;
  /** For personal mail: the user is in To, not only in Cc or a crowd. */
  direct: boolean;
}

// Subjects of receipts, account and security notices.
const TRANSACTIONAL =
  /\b(?:receipt|invoice|order (?:confirm\w*|#?\s?\d+|shipped|update)|your (?:order|account|booking|subscription|statement|bill|payment|trip|ride)|payment|password|security alert|(?:new )?sign[- ]?in|log[- ]?in (?:attempt|alert)|verif(?:y|ication)|confirm your|statement|shipped|delivered|delivery|booking|reservation|itinerary|renewal|billing|refund|two-factor|2fa|one-time (?:code|password)|security code)\b/i;
// Requests usually come early; long texts are cut before scanning to keep this cheap.
const SCAN_LIMIT = 5_000;
// More recipients than this is a broadcast, not a message to the user.
const CROWD = 10;

export function lowerSet(values: Iterable<string> | undefined): ReadonlySet<string> {
  return new Set([...(values ?? [])].map((v) => v.trim().toLowerCase()).filter((v) => v !== ''));
}

/** True when the user wrote the mail: Gmail's SENT label, or one of the user's addresses. */
export function isFromUser(mail: ParsedMail, userAddresses: ReadonlySet<string>): boolean {
  return mail.labelIds.includes('SENT') || (mail.from !== null && userAddresses.has(mail.from.address));
}

/** The user is a direct recipient (To, not a crowd). Without known addresses, any short To counts. */
export function isAddressedToUser(mail: ParsedMail, userAddresses: ReadonlySet<string>): boolean {
  if (mail.to.length === 0 || mail.to.length > CROWD) return false;
  if (userAddresses.size === 0) return true;
  return mail.to.some((a) => userAddresses.has(a.address));
}

/** Sent by a system rather than typed by a person for this user. */
export function isMachineSent(mail: ParsedMail): boolean {
  return (
    isMachineAddress(mail.from) ||
    isNoReplyAddress(mail.from) ||
    mail.listUnsubscribe !== null ||
    mail.listId !== null ||
    mail.automated ||
    mail.labelIds.some(
      (l) =>
        l === 'CATEGORY_UPDATES' || l === 'CATEGORY_SOCIAL' || l === 'CATEGORY_FORUMS' || l === 'CATEGORY_PROMOTIONS',
    )
  );
}

/** The request signals in a personal mail's new text and subject. */
export function requestSignals(mail: ParsedMail): string[] {
  const sentences = splitSentences(mail.newText.slice(0, SCAN_LIMIT));
  const candidates = [mail.subject.replace(/^(?:(?:re|fwd?|aw|wg|sv)\s*:\s*)+/i, ''), ...sentences];
  const signals: string[] = [];
  if (candidates.some(isRequestSentence)) signals.push('asks you to do something');
  if (sentences.some(isQuestion)) signals.push('asks a question');
  return signals;
}

/**
 * Sorts a mail into one category, most specific rule first:
 * own mail -> people; product notifications (GitHub, Jira...) -> notifications; promotions ->
 * newsletters; a person writing -> needs_reply when the user is addressed directly and asked
 * something, else people; machine mail -> updates for receipts and account notices,
 * newsletters for list mail, updates for Gmail's Updates tab, notifications for the rest.
 */
export function classifyMail(mail: ParsedMail, userAddresses: ReadonlySet<string>): Classification {
  const direct = isAddressedToUser(mail, userAddresses);
  if (isFromUser(mail, userAddresses)) {
    return { category: 'people', signals: ['sent by you'], platform: null, direct };
  }
  const platform = notificationPlatform(mail);
  if (platform !== null) {
    return { category: 'notifications', signals: [`${platform} notification`], platform, direct };
  }
  if (mail.labelIds.includes('CATEGORY_PROMOTIONS')) {
    return { category: 'newsletters', signals: ['promotion'], platform, direct };
  }
  if (!isMachineSent(mail)) {
    const signals = requestSignals(mail);
    if (direct && signals.length > 0) return { category: 'needs_reply', signals, platform, direct };
    return {
      category: 'people',
      signals: [direct ? 'personal mail' : 'you are in copy or one of many'],
      platform,
      direct,
    };
  }
  if (TRANSACTIONAL.test(mail.subject)) {
    return { category: 'updates', signals: ['receipt or account notice'], platform, direct };
  }
  if (mail.listUnsubscribe !== null || mail.listId !== null) {
    return { category: 'newsletters', signals: ['mailing list'], platform, direct };
  }
  if (mail.labelIds.includes('CATEGORY_UPDATES')) {
    return { category: 'updates', signals: ['update'], platform, direct };
  }
  return { category: 'notifications', signals: ['automated sender'], platform, direct };
}
