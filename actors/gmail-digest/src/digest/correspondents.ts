import { type ParsedMail } from '../mail/index.js';
import { isFromUser, lowerSet } from './classification.js';

/**
 * Addresses the user wrote to, read from the user's own messages in the batch (SENT label or
 * one of the user's addresses), merged with addresses the caller already knows. Mail from these
 * people ranks higher: the user has a conversation with them.
 */
export function collectCorrespondents(
  mails: readonly ParsedMail[],
  userAddresses: ReadonlySet<string>,
  known?: Iterable<string>,
): ReadonlySet<string> {
  const result = new Set(lowerSet(known));
  for (const mail of mails) {
    if (!isFromUser(mail, userAddresses)) continue;
    for (const recipient of [...mail.to, ...mail.cc]) {
      if (!userAddresses.has(recipient.address)) result.add(recipient.address);
    }
  }
  return result;
}
