import { type ParsedMail } from '../mail/index.js';
import { mailDay } from './calendar.js';
import { type ActionItem, type Category } from './digest-types.js';
import { findDueDate } from './due-dates.js';
import { isObligationSentence, isQuestionToReader, isRequestSentence } from './request-signals.js';
import { GREETING, isSignOff, splitSentences, truncateText } from './sentences.js';

const MAX_ITEMS_PER_MAIL = 5;
const MAX_ITEM_CHARS = 240;
const SCAN_LIMIT = 5_000;

function isActionSentence(sentence: string, category: Category): boolean {
  if (GREETING.test(sentence) || isSignOff(sentence)) return false;
  if (category === 'needs_reply' || category === 'people') {
    return isRequestSentence(sentence) || isQuestionToReader(sentence);
  }
  // Machine mail is full of "please" and "can you"; only obligation wording counts there.
  return isObligationSentence(sentence);
}

/**
 * Sentences that ask the user to do something, each with its due date when one is stated,
 * resolved against the day the sender wrote the mail. Newsletters yield none: their calls to
 * action are marketing, not tasks. Mail the user sent yields none either.
 */
export function extractActionItems(mail: ParsedMail, category: Category, fromUser = false): ActionItem[] {
  if (category === 'newsletters' || fromUser) return [];
  const reference = mailDay(mail);
  const body = splitSentences(mail.newText.slice(0, SCAN_LIMIT));
  const sentences = body.length > 0 ? body : [mail.subject];
  const items: ActionItem[] = [];
  const seen = new Set<string>();
  for (const sentence of sentences) {
    if (!isActionSentence(sentence, category)) continue;
    const text = truncateText(sentence, MAX_ITEM_CHARS);
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const due = findDueDate(sentence, reference);
    items.push({ text, due: due?.date ?? null, dueText: due?.text ?? null, messageId: mail.id });
    if (items.length >= MAX_ITEMS_PER_MAIL) break;
  }
  return items;
}
