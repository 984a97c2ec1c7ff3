import { type ParsedMail } from '../mail/index.js';
import { extractActionItems } from './action-items.js';
import { assertTimeZone, dayInTimeZone, type CalendarDay } from './calendar.js';
import { classifyMail, isFromUser, lowerSet } from './classification.js';
import { collectCorrespondents } from './correspondents.js';
import { type DigestOptions, type MailAnalysis } from './digest-types.js';
import { assessPriority } from './priority.js';
import { summarizeText } from './summary.js';

/** Everything the rules need besides the mail itself, computed once per digest. */
export interface AnalysisContext {
  userAddresses: ReadonlySet<string>;
  knownCorrespondents: ReadonlySet<string>;
  today: CalendarDay;
}

/** Validates the time zone and gathers user addresses and correspondents for a batch of mail. */
export function createAnalysisContext(mails: readonly ParsedMail[], options: DigestOptions): AnalysisContext {
  assertTimeZone(options.timeZone);
  const userAddresses = lowerSet(options.userAddresses);
  return {
    userAddresses,
    knownCorrespondents: collectCorrespondents(mails, userAddresses, options.knownCorrespondents),
    today: dayInTimeZone(options.now, options.timeZone),
  };
}

/** The deterministic verdict for one mail: category, priority with reason, summary, action items. */
export function analyzeMail(mail: ParsedMail, context: AnalysisContext): MailAnalysis {
  const fromUser = isFromUser(mail, context.userAddresses);
  const classification = classifyMail(mail, context.userAddresses);
  const actionItems = extractActionItems(mail, classification.category, fromUser);
  const { priority, reason } = assessPriority(mail, classification, actionItems, context);
  return {
    mail,
    category: classification.category,
    priority,
    reason,
    summary: summarizeText(mail.newText, mail.subject),
    actionItems,
    analyzedBy: 'deterministic',
    fromUser,
  };
}
