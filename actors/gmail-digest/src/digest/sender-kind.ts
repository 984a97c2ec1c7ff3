import { type MailAddress, type ParsedMail } from '../mail/index.js';

// Local parts that machines send from. "noreply" anywhere covers "comments-noreply" etc.
const MACHINE_LOCAL_PART =
  /^(?:notifications?|notify|alerts?|mailer-daemon|postmaster|bounces?|automated|robot|jira|confluence|builds?|ci|calendar-notification|calendar-server|updates?)(?:[+._-].*)?$/i;
const NO_REPLY = /no-?reply|do-?not-?reply|donotreply/i;

// Products whose mail is activity notifications; matched on the sender's domain or the List-Id.
const PLATFORMS: readonly { name: string; domains: readonly string[]; allSenders: boolean }[] = [
  { name: 'GitHub', domains: ['github.com'], allSenders: false },
  { name: 'GitLab', domains: ['gitlab.com'], allSenders: false },
  { name: 'Bitbucket', domains: ['bitbucket.org'], allSenders: false },
  // Jira and Confluence Cloud send from <site>.atlassian.net; no person mails from there.
  { name: 'Jira', domains: ['atlassian.net'], allSenders: true },
  { name: 'Slack', domains: ['slack.com', 'slack-mail.com'], allSenders: false },
  { name: 'Linear', domains: ['linear.app'], allSenders: false },
  { name: 'Asana', domains: ['asana.com', 'mail.asana.com'], allSenders: false },
  { name: 'Trello', domains: ['trello.com'], allSenders: false },
  { name: 'Notion', domains: ['notion.so', 'mail.notion.so'], allSenders: false },
  { name: 'Figma', domains: ['figma.com'], allSenders: false },
  { name: 'Sentry', domains: ['sentry.io'], allSenders: false },
  { name: 'Google Calendar', domains: ['calendar.google.com'], allSenders: true },
  { name: 'Google Docs', domains: ['docs.google.com'], allSenders: true },
];

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

function localPartOf(address: string): string {
  return address.slice(0, address.lastIndexOf('@')).toLowerCase();
}

function matchesDomain(domain: string, candidates: readonly string[]): boolean {
  return candidates.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** True for no-reply senders: nobody reads answers sent there. */
export function isNoReplyAddress(address: MailAddress | null): boolean {
  return address !== null && NO_REPLY.test(localPartOf(address.address));
}

/** True for senders that are machines by name (notifications@, alerts@, mailer-daemon@...). */
export function isMachineAddress(address: MailAddress | null): boolean {
  if (address === null) return false;
  const local = localPartOf(address.address);
  return MACHINE_LOCAL_PART.test(local) || NO_REPLY.test(local);
}

/**
 * The product a notification comes from (GitHub, Jira, Slack...), or null. A person who works
 * at GitHub is not a notification: on such domains the sender must be a machine address, or the
 * Reply-To/List-Id must point at the product's notification system.
 */
export function notificationPlatform(mail: Pick<ParsedMail, 'from' | 'listId' | 'replyTo'>): string | null {
  const from = mail.from;
  const listDomain = /<([^<>]+)>/.exec(mail.listId ?? '')?.[1]?.toLowerCase() ?? null;
  for (const platform of PLATFORMS) {
    if (from !== null && matchesDomain(domainOf(from.address), platform.domains)) {
      if (platform.allSenders || isMachineAddress(from)) return platform.name;
      if (
        mail.replyTo.some(
          (r) => /^reply\b/.test(domainOf(r.address)) && matchesDomain(domainOf(r.address), platform.domains),
        )
      ) {
        return platform.name;
      }
    }
    if (listDomain !== null && matchesDomain(listDomain, platform.domains)) return platform.name;
  }
  return null;
}
