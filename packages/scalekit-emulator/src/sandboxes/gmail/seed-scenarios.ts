import { escapeHtml } from '../../html/escape.js';
import { formatListDate } from './mail-dates.js';
import { calendarInvite, csvFile, pdfDocument, pngImage } from './seed-attachments.js';
import {
  ASKS,
  COLLEAGUES,
  FORUM_TOPICS,
  INTERNATIONAL_NOTES,
  LIST_NAMES,
  MEETING_MOVES,
  NEWSLETTERS,
  NEWSLETTER_STORIES,
  PROMOTIONS,
  PULL_REQUESTS,
  REPOS,
  SOCIAL,
} from './seed-content.js';
import {
  firstName,
  later,
  reply,
  signature,
  textToHtml,
  type MailDraft,
  type Person,
  type Scenario,
  type ScenarioContext,
} from './seed-drafts.js';

/** Kinds of mail threads a real mailbox holds; each returns its messages oldest first. */

const PERSONAL = 'CATEGORY_PERSONAL';

function others(person: Person): Person[] {
  return COLLEAGUES.filter((p) => p.email !== person.email);
}

function htmlEmail(title: string, inner: string, footer: string): string {
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    '<style>body{margin:0;background:#f4f4f7;font-family:Helvetica,Arial,sans-serif}.wrap{max-width:600px;margin:0 auto;background:#fff}</style></head>' +
    `<body><table role="presentation" class="wrap" width="100%" cellpadding="0" cellspacing="0"><tr><td style="padding:24px">${inner}</td></tr>` +
    `<tr><td style="padding:16px 24px;font-size:12px;color:#888">${footer}</td></tr></table></body></html>`
  );
}

function unsubscribeHeaders(domain: string, token: string, listId: string, listName: string): [string, string][] {
  return [
    ['List-Unsubscribe', `<https://${domain}/unsubscribe?u=${token}>, <mailto:unsubscribe-${token}@${domain}>`],
    ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
    ['List-Id', `${listName} <${listId}>`],
    ['Precedence', 'bulk'],
  ];
}

export const askWithDeadline: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const from = rng.pick(COLLEAGUES);
  const ask = rng.pick(ASKS);
  const cc = rng.chance(0.3) ? [rng.pick(others(from))] : undefined;
  const text = `Hi ${firstName(me)},\n\n${ask.ask}\n${ask.context}\n\nThanks,\n${firstName(from)}\n\n${signature(from)}`;
  const userLabels = rng.chance(0.35) ? [ctx.labels.projects] : rng.chance(0.3) ? [ctx.labels.followUp] : [];
  const first: MailDraft = {
    direction: 'in',
    at: ctx.start,
    from,
    to: [me],
    cc,
    subject: ask.topic,
    text,
    html: textToHtml(text),
    category: PERSONAL,
    important: rng.chance(0.7),
    starred: rng.chance(0.15),
    userLabels,
  };
  const drafts = [first];
  const replyAt = rng.chance(0.6) ? later(ctx, first.at, 20, 600) : undefined;
  if (replyAt === undefined) return drafts;
  const mine = reply(first, {
    direction: 'out',
    at: replyAt,
    from: me,
    to: [from],
    cc,
    body: `Hi ${firstName(from)},\n\n${ask.reply}\n\nBest,\n${firstName(me)}`,
  });
  drafts.push(mine);
  const backAt = rng.chance(0.6) ? later(ctx, replyAt, 10, 480) : undefined;
  if (backAt !== undefined) {
    drafts.push(
      reply(mine, {
        direction: 'in',
        at: backAt,
        from,
        to: [me],
        cc,
        body: `${ask.followUp}\n\n${firstName(from)}\n\n${signature(from)}`,
        category: PERSONAL,
        important: first.important,
        userLabels,
      }),
    );
  }
  return drafts;
};

export const meetingMove: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const from = rng.pick(COLLEAGUES);
  const move = rng.pick(MEETING_MOVES);
  const text = `Hi ${firstName(me)},\n\n${move.ask}\n\n${firstName(from)}`;
  const first: MailDraft = {
    direction: 'in',
    at: ctx.start,
    from,
    to: [me],
    subject: 'Quick schedule change',
    text,
    category: PERSONAL,
    important: rng.chance(0.5),
  };
  const replyAt = rng.chance(0.5) ? later(ctx, first.at, 5, 240) : undefined;
  if (replyAt === undefined) return [first];
  return [first, reply(first, { direction: 'out', at: replyAt, from: me, to: [from], body: move.reply })];
};

export const internationalNote: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const note = rng.pick(INTERNATIONAL_NOTES);
  const wordEncoding = rng.chance(0.5) ? 'B' : 'Q';
  const bodyEncoding = rng.chance(0.5) ? 'base64' : 'quoted-printable';
  const text = `${note.body}\n\n${signature(note.from)}`;
  const first: MailDraft = {
    direction: 'in',
    at: ctx.start,
    from: note.from,
    to: [me],
    subject: note.subject,
    text,
    ...(rng.chance(0.6) ? { html: textToHtml(text) } : {}),
    category: PERSONAL,
    important: rng.chance(0.6),
    wordEncoding,
    bodyEncoding,
    ...(note.subject.startsWith('Angebot')
      ? {
          attachments: [
            {
              filename: 'Angebot_Q4_Kraftwerk.pdf',
              mimeType: 'application/pdf',
              content: pdfDocument('Angebot Q4', [
                'Position 1: Konzeption',
                'Position 2: Umsetzung',
                'Summe: 18.400 EUR',
              ]),
            },
          ],
        }
      : {}),
  };
  const replyAt = note.reply && rng.chance(0.5) ? later(ctx, first.at, 30, 900) : undefined;
  if (replyAt === undefined || !note.reply) return [first];
  return [
    first,
    reply(first, {
      direction: 'out',
      at: replyAt,
      from: me,
      to: [note.from],
      body: note.reply,
      wordEncoding,
      bodyEncoding,
    }),
  ];
};

function githubHeaders(repo: string, reason: string, login: string, token: string): [string, string][] {
  const [owner = 'acme', name = 'repo'] = repo.split('/');
  return [
    ['Reply-To', `${repo} <reply+${token}@reply.github.com>`],
    ['List-ID', `${repo} <${name}.${owner}.github.com>`],
    ['List-Archive', `https://github.com/${repo}`],
    [
      'List-Unsubscribe',
      `<mailto:unsub+${token}@reply.github.com>, <https://github.com/notifications/unsubscribe/${token}>`,
    ],
    ['X-GitHub-Reason', reason],
    ['X-GitHub-Sender', login],
    ['Precedence', 'list'],
  ];
}

const loginOf = (person: Person): string => person.email.split('@')[0]!.replace(/\./g, '-');

export const githubPullRequest: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const repo = rng.pick(REPOS);
  const number = rng.int(120, 980);
  const title = rng.pick(PULL_REQUESTS);
  const author = rng.pick(COLLEAGUES);
  const token = rng.hex(40);
  const repoAddress: Person = { name: repo, email: `${repo.split('/')[1]}@noreply.github.com`, tz: 0 };
  const reviewRequested: Person = { name: 'Review requested', email: 'review_requested@noreply.github.com', tz: 0 };
  const url = `https://github.com/${repo}/pull/${number}`;
  const text = `@${loginOf(author)} requested your review on: ${repo}#${number} ${title}.\n\n${rng.pick(['Closes the issue we discussed in standup.', 'This keeps the public API unchanged.', 'Benchmarks are in the PR description.'])}\n\n-- \nReply to this email directly, view it on GitHub:\n${url}\nYou are receiving this because your review was requested.`;
  const first: MailDraft = {
    direction: 'in',
    at: ctx.start,
    from: { name: author.name, email: 'notifications@github.com', tz: 0 },
    to: [repoAddress],
    cc: [me, reviewRequested],
    subject: `[${repo}] ${title} (PR #${number})`,
    text,
    html: textToHtml(text),
    headers: githubHeaders(repo, 'review_requested', loginOf(author), token),
    category: 'CATEGORY_UPDATES',
    unreadBias: 0.1,
  };
  const commentAt = rng.chance(0.5) ? later(ctx, first.at, 30, 600) : undefined;
  if (commentAt === undefined) return [first];
  const commenter = rng.pick(others(author));
  const comment = `@${loginOf(commenter)} commented on this pull request.\n\n${rng.pick(['LGTM, one nit about naming.', 'Could we add a test for the empty page case?', 'This fixes the flaky export job for us, thanks!'])}\n\n-- \nReply to this email directly, view it on GitHub:\n${url}#issuecomment-${rng.int(1_000_000, 9_999_999)}\nYou are receiving this because your review was requested.`;
  return [
    first,
    {
      ...first,
      at: commentAt,
      from: { name: commenter.name, email: 'notifications@github.com', tz: 0 },
      subject: `Re: ${first.subject}`,
      text: comment,
      html: textToHtml(comment),
      headers: githubHeaders(repo, 'comment', loginOf(commenter), token),
    },
  ];
};

export const ciFailure: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const repo = rng.pick(REPOS);
  const sha = rng.hex(7);
  const text = `Run failed: CI - main (${sha})\n\nJobs:\n  build: succeeded\n  test: failed (2 failing tests)\n  lint: succeeded\n\nView workflow run: https://github.com/${repo}/actions/runs/${rng.int(1e9, 9e9)}\n\n-- \nYou are receiving this because you are subscribed to this thread.`;
  return [
    {
      direction: 'in',
      at: ctx.start,
      from: { name: 'GitHub', email: 'notifications@github.com', tz: 0 },
      to: [{ name: repo, email: `${repo.split('/')[1]}@noreply.github.com`, tz: 0 }],
      cc: [me],
      subject: `[${repo}] Run failed: CI - main (${sha})`,
      text,
      html: textToHtml(text),
      headers: githubHeaders(repo, 'ci_activity', 'github-actions', rng.hex(40)),
      category: 'CATEGORY_UPDATES',
    },
  ];
};

export const githubSecurity: Scenario = (ctx) => {
  const text = `Hey ${loginOf(ctx.me)}!\n\nA third-party OAuth application (Scalekit AgentKit) with read:user and repo scopes was recently authorized to access your account.\nVisit https://github.com/settings/connections/applications for more information.\n\nTo see this and other security events for your account, visit https://github.com/settings/security-log\n\nIf you run into problems, please contact support by visiting https://github.com/contact\n\nThanks,\nThe GitHub Team`;
  return [
    {
      direction: 'in',
      at: ctx.start,
      from: { name: 'GitHub', email: 'noreply@github.com', tz: 0 },
      to: [ctx.me],
      subject: '[GitHub] A third-party OAuth application has been added to your account',
      text,
      category: 'CATEGORY_UPDATES',
      important: true,
    },
  ];
};

export const calendarInvitation: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const organizer = rng.pick(COLLEAGUES);
  const summary = rng.pick([
    'Quarterly planning',
    'Design review',
    'Customer kickoff: Initech',
    'Budget check-in',
    'Roadmap workshop',
  ]);
  const startMs = Math.ceil((ctx.start + rng.int(1, 6) * 86_400_000) / 3_600_000) * 3_600_000;
  const when = formatListDate(startMs);
  const text = `${organizer.name} has invited you to the following event.\n\n${summary}\nWhen: ${when} (1 hour)\nJoining info: Join with Google Meet https://meet.google.com/${rng.hex(3)}-${rng.hex(4)}-${rng.hex(3)}\n\nCould you let me know by tomorrow if this time works?\n\nInvitation from Google Calendar`;
  return [
    {
      direction: 'in',
      at: ctx.start,
      from: organizer,
      to: [me],
      subject: `Invitation: ${summary} @ ${when} (${me.email})`,
      text,
      html: textToHtml(text),
      headers: [
        ['Sender', 'Google Calendar <calendar-notification@google.com>'],
        ['Reply-To', `${organizer.name} <${organizer.email}>`],
      ],
      attachments: [
        {
          filename: 'invite.ics',
          mimeType: 'application/ics',
          content: calendarInvite({
            uid: `${rng.hex(26)}@google.com`,
            summary,
            startMs,
            endMs: startMs + 3_600_000,
            organizer,
            attendee: me.email,
            location: 'Google Meet',
          }),
        },
      ],
      category: PERSONAL,
      important: true,
    },
  ];
};

const VENDORS: readonly Person[] = [
  { name: 'Cloudhaven', email: 'billing@cloudhaven.io', tz: -480 },
  { name: 'Paperline', email: 'receipts@paperline.app', tz: 0 },
  { name: 'Swiftship', email: 'invoices@swiftship.io', tz: -300 },
];

export const receipt: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const vendor = rng.pick(VENDORS);
  const number = `${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`;
  const amount = `$${rng.int(9, 480)}.${String(rng.int(0, 99)).padStart(2, '0')}`;
  const text = `Receipt from ${vendor.name}\n\nAmount paid: ${amount}\nDate paid: ${formatListDate(ctx.start)}\nReceipt number: ${number}\n\nQuestions? Reply to this email or visit https://${vendor.email.split('@')[1]}/billing`;
  const html = htmlEmail(
    `Receipt ${number}`,
    `<h1 style="font-size:20px">Receipt from ${escapeHtml(vendor.name)}</h1><p>Amount paid: <strong>${escapeHtml(amount)}</strong></p><p>Receipt number: ${escapeHtml(number)}</p>`,
    `${escapeHtml(vendor.name)} · 500 Market St · San Francisco`,
  );
  return [
    {
      direction: 'in',
      at: ctx.start,
      from: vendor,
      to: [me],
      subject: `Your receipt from ${vendor.name} #${number}`,
      text,
      html,
      attachments: [
        {
          filename: `Receipt-${number}.pdf`,
          mimeType: 'application/pdf',
          content: pdfDocument(`Receipt ${number}`, [`Amount paid: ${amount}`, `Billed to: ${me.email}`]),
        },
      ],
      category: 'CATEGORY_UPDATES',
      userLabels: [ctx.labels.receipts],
    },
  ];
};

export const newsletter: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const letter = rng.pick(NEWSLETTERS);
  const issue = rng.int(40, 260);
  const stories = [rng.pick(NEWSLETTER_STORIES), rng.pick(NEWSLETTER_STORIES), rng.pick(NEWSLETTER_STORIES)].filter(
    (s, i, all) => all.indexOf(s) === i,
  );
  const domain = letter.sender.email.split('@')[1]!;
  const token = rng.hex(24);
  const items = stories
    .map(
      (s) =>
        `<tr><td style="padding:12px 0"><a href="https://${domain}/p/${encodeURIComponent(s.headline.toLowerCase().replace(/\W+/g, '-'))}" style="font-size:18px;color:#1a56db">${escapeHtml(s.headline)}</a><p style="margin:4px 0;color:#444">${escapeHtml(s.blurb)}</p></td></tr>`,
    )
    .join('');
  const html = htmlEmail(
    `${letter.title} #${issue}`,
    `<h1 style="font-size:24px">${escapeHtml(letter.title)} · Issue #${issue}</h1><p>This week&#39;s picks:</p><table role="presentation" width="100%">${items}</table>`,
    `You are receiving this because you subscribed to ${escapeHtml(letter.title)}. <a href="https://${domain}/unsubscribe?u=${token}">Unsubscribe</a>`,
  );
  return [
    {
      direction: 'in',
      at: ctx.start,
      from: letter.sender,
      to: [me],
      subject: `${letter.title} #${issue}: ${stories[0]!.headline}`,
      html,
      headers: unsubscribeHeaders(domain, token, letter.listId, letter.title),
      category: letter.category,
      unreadBias: 0.3,
      userLabels: rng.chance(0.5) ? [ctx.labels.newsletters] : [],
      bodyEncoding: rng.chance(0.3) ? 'base64' : 'quoted-printable',
    },
  ];
};

export const promotion: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const promo = rng.pick(PROMOTIONS);
  const domain = promo.sender.email.split('@')[1]!;
  const token = rng.hex(24);
  const html = htmlEmail(
    promo.subject,
    `<h1 style="font-size:28px;text-align:center">${escapeHtml(promo.headline)}</h1><p style="text-align:center"><a href="https://${domain}/sale?c=${token}" style="background:#111;color:#fff;padding:12px 24px;text-decoration:none">Shop now</a></p>`,
    `Don&#39;t want these emails? <a href="https://${domain}/unsubscribe?u=${token}">Unsubscribe</a>`,
  );
  return [
    {
      direction: 'in',
      at: ctx.start,
      from: promo.sender,
      to: [me],
      subject: promo.subject,
      html,
      headers: unsubscribeHeaders(domain, token, `promo.${domain}`, promo.sender.name),
      category: 'CATEGORY_PROMOTIONS',
      unreadBias: 0.4,
      wordEncoding: rng.chance(0.5) ? 'B' : 'Q',
    },
  ];
};

export const socialNotification: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const kind = rng.pick(SOCIAL);
  const person = rng.pick(COLLEAGUES);
  const text = `${kind.body(person.name)}\n\nUnsubscribe: https://www.linkedin.com/e/v2?e=${rng.hex(12)}`;
  return [
    {
      direction: 'in',
      at: ctx.start,
      from: { name: 'LinkedIn', email: 'messages-noreply@linkedin.com', tz: -480 },
      to: [me],
      subject: kind.subject(person.name),
      text,
      html: textToHtml(text),
      headers: [['List-Unsubscribe', `<https://www.linkedin.com/e/v2?e=${rng.hex(12)}&a=unsubscribe>`]],
      category: 'CATEGORY_SOCIAL',
      unreadBias: 0.2,
    },
  ];
};

export const forumThread: Scenario = (ctx) => {
  const { rng } = ctx;
  const list = rng.pick(LIST_NAMES);
  const topic = rng.pick(FORUM_TOPICS);
  const listAddress: Person = { name: list, email: `${list}@googlegroups.com`, tz: 0 };
  const headers: [string, string][] = [
    ['List-Id', `<${list}.googlegroups.com>`],
    ['List-Post', `<mailto:${list}@googlegroups.com>`],
    [
      'List-Unsubscribe',
      `<mailto:${list}+unsubscribe@googlegroups.com>, <https://groups.google.com/g/${list}/unsubscribe>`,
    ],
    ['Mailing-list', `list ${list}@googlegroups.com; contact ${list}+owners@googlegroups.com`],
    ['Precedence', 'list'],
  ];
  const asker = rng.pick(COLLEAGUES);
  const first: MailDraft = {
    direction: 'in',
    at: ctx.start,
    from: asker,
    to: [listAddress],
    subject: `[${list}] ${topic.subject}`,
    text: `${topic.question}\n\n${firstName(asker)}`,
    headers,
    category: 'CATEGORY_FORUMS',
    unreadBias: 0.2,
  };
  const drafts = [first];
  let prev = first;
  for (const answer of topic.answers) {
    const at = later(ctx, prev.at, 15, 720);
    if (at === undefined || rng.chance(0.3)) break;
    const author = rng.pick(others(prev.from));
    prev = reply(prev, {
      direction: 'in',
      at,
      from: author,
      to: [listAddress],
      body: `${answer}\n\n${firstName(author)}`,
      headers,
      category: 'CATEGORY_FORUMS',
      unreadBias: 0.2,
    });
    drafts.push(prev);
  }
  return drafts;
};

export const securityAlert: Scenario = (ctx) => {
  const device = ctx.rng.pick(['Mac', 'Windows', 'iPhone', 'Pixel 8']);
  const text = `A new sign-in on ${device}\n\n${ctx.me.email}\n\nWe noticed a new sign-in to your Google Account on a ${device} device. If this was you, you don't need to do anything. If not, we'll help you secure your account.\n\nCheck activity\nhttps://myaccount.google.com/notifications\n\nYou received this email to let you know about important changes to your Google Account and services.`;
  return [
    {
      direction: 'in',
      at: ctx.start,
      from: { name: 'Google', email: 'no-reply@accounts.google.com', tz: 0 },
      to: [ctx.me],
      subject: 'Security alert',
      text,
      html: textToHtml(text),
      category: 'CATEGORY_UPDATES',
      important: true,
    },
  ];
};

export const travelBooking: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const city = rng.pick(['Lisbon', 'Berlin', 'Singapore', 'Toronto', 'Nairobi']);
  const pnr = Array.from({ length: 6 }, () => rng.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'])).join('');
  const departure = ctx.start + rng.int(3, 40) * 86_400_000;
  const text = `Booking confirmed – ${pnr}\n\nPassenger: ${me.name}\nFlight AX ${rng.int(100, 999)} to ${city}\nDeparture: ${formatListDate(departure)}\n\nOnline check-in opens 24 hours before departure. Please make sure your passport is valid for at least 6 months.`;
  return [
    {
      direction: 'in',
      at: ctx.start,
      from: { name: 'Aerolux', email: 'bookings@aerolux.travel', tz: 0 },
      to: [me],
      subject: `Your flight to ${city} – booking confirmation ${pnr}`,
      text,
      html: textToHtml(text),
      attachments: [
        {
          filename: `e-ticket-${pnr}.pdf`,
          mimeType: 'application/pdf',
          content: pdfDocument(`E-ticket ${pnr}`, [`Passenger: ${me.name}`, `Destination: ${city}`]),
        },
      ],
      category: 'CATEGORY_UPDATES',
      important: true,
      starred: rng.chance(0.5),
      userLabels: [ctx.labels.travel],
    },
  ];
};

export const sharedDocument: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const owner = rng.pick(COLLEAGUES);
  const doc = rng.pick(['Launch plan Q4', 'Pricing experiments', 'Onboarding checklist', 'Incident review 2024-07']);
  const text = `${owner.name} shared a document\n\n${owner.name} (${owner.email}) has invited you to edit the following document:\n\n${doc}\n\n"Could you add your comments before Thursday's meeting?"\n\nOpen: https://docs.google.com/document/d/${rng.hex(32)}/edit`;
  return [
    {
      direction: 'in',
      at: ctx.start,
      from: { name: `${owner.name} (via Google Docs)`, email: 'drive-shares-dm-noreply@google.com', tz: 0 },
      to: [me],
      subject: `Document shared with you: "${doc}"`,
      text,
      html: textToHtml(text),
      headers: [['Reply-To', `${owner.name} <${owner.email}>`]],
      category: PERSONAL,
    },
  ];
};

export const outboundNote: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const to = rng.pick(COLLEAGUES);
  const withProposal = rng.chance(0.4);
  const subject = withProposal
    ? 'Follow-up: pricing proposal'
    : rng.pick(["Notes from today's call", 'Next steps', 'Intro: meet Ethan from Han River Labs']);
  const body = withProposal
    ? `Hi ${firstName(to)},\n\nThanks for the call today. Attached is the pricing proposal we discussed.\nLet me know if you have any questions.\n\nBest,\n${firstName(me)}`
    : `Hi ${firstName(to)},\n\nQuick summary of what we agreed:\n- you send the data export by Friday\n- I share the draft report next week\n\nBest,\n${firstName(me)}`;
  const first: MailDraft = {
    direction: 'out',
    at: ctx.start,
    from: me,
    to: [to],
    subject,
    text: body,
    html: textToHtml(body),
    ...(withProposal
      ? {
          attachments: [
            {
              filename: 'pricing-proposal.pdf',
              mimeType: 'application/pdf',
              content: pdfDocument('Pricing proposal', [
                'Starter: $49 / month',
                'Team: $199 / month',
                'Enterprise: contact us',
              ]),
            },
          ],
        }
      : {}),
  };
  const answerAt = rng.chance(0.5) ? later(ctx, first.at, 30, 1200) : undefined;
  if (answerAt === undefined) return [first];
  return [
    first,
    reply(first, {
      direction: 'in',
      at: answerAt,
      from: to,
      to: [me],
      body: `Thanks ${firstName(me)}! Could you also send the signed order form by Monday?\n\n${firstName(to)}\n\n${signature(to)}`,
      category: PERSONAL,
      important: true,
    }),
  ];
};

export const spam: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const html = htmlEmail(
    'Account notice',
    '<h2>Your account will be suspended</h2><p>Verify your details within 24 hours to avoid interruption.</p><p><a href="http://secure-acc0unt-verify.example/login">Verify now</a></p>',
    'Account Services',
  );
  return [
    {
      direction: 'in',
      at: ctx.start,
      from: { name: 'Account Services', email: `no-reply@secure-acc0unt-verify.example`, tz: 180 },
      to: [me],
      subject: rng.pick([
        'Action required: verify your account within 24 hours',
        'Congratulations! You have been selected for a $500 gift card',
      ]),
      html,
      folder: 'SPAM',
    },
  ];
};

export const trashed: Scenario = (ctx) => {
  const drafts = promotion(ctx);
  return drafts.map((d) => ({ ...d, folder: 'TRASH' as const }));
};

export const overdueInvoice: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const number = `INV-${rng.int(2000, 2999)}`;
  const due = formatListDate(ctx.start + 5 * 86_400_000)
    .split(' ')
    .slice(0, 3)
    .join(' ');
  const from: Person = { name: 'Supplyline Accounts', email: 'accounts@supplyline.co', tz: 0 };
  const text = `Hello,\n\nOur records show that invoice ${number} (EUR ${rng.int(800, 9000)}.00) is now overdue.\nCould you confirm when the payment will be made? Payment is due by ${due} at the latest.\n\nKind regards,\nSupplyline Accounts`;
  return [
    {
      direction: 'in',
      at: ctx.start,
      from,
      to: [me],
      subject: `Invoice ${number} is overdue – payment due by ${due}`,
      text,
      html: textToHtml(text),
      attachments: [
        {
          filename: `${number}.pdf`,
          mimeType: 'application/pdf',
          content: pdfDocument(`Invoice ${number}`, [`Due: ${due}`]),
        },
      ],
      category: PERSONAL,
      important: true,
      userLabels: [ctx.labels.followUp],
    },
  ];
};

export const photoAndData: Scenario = (ctx) => {
  const { rng, me } = ctx;
  const from = rng.pick(COLLEAGUES);
  const text = `Hi ${firstName(me)},\n\nAttached: the whiteboard from today and the survey export.\nCan you take a look at the results before Friday's review?\n\n${firstName(from)}`;
  const rows: (string | number)[][] = [['respondent', 'plan', 'score', 'comment']];
  for (let i = 1; i <= 12; i++)
    rows.push([
      i,
      rng.pick(['starter', 'team', 'enterprise']),
      rng.int(1, 10),
      rng.pick(['love the export', 'pricing is unclear', 'needs SSO', 'fast, "just works"']),
    ]);
  return [
    {
      direction: 'in',
      at: ctx.start,
      from,
      to: [me],
      subject: 'Whiteboard photo + survey export',
      text,
      html: textToHtml(text),
      attachments: [
        {
          filename: 'whiteboard.png',
          mimeType: 'image/png',
          content: pngImage(48, 32, [rng.int(40, 160), rng.int(40, 160), rng.int(40, 160)]),
        },
        { filename: 'survey-results.csv', mimeType: 'text/csv', content: csvFile(rows) },
      ],
      category: PERSONAL,
      starred: rng.chance(0.3),
    },
  ];
};

/** Age buckets of thread starts, relative to the anchor. */
export type AgeBucket = 'today' | 'week' | 'month' | 'old';

/** Opening threads, so every mailbox (even a small one) has each kind a test or a digest needs. */
export const GUARANTEED: readonly [Scenario, AgeBucket][] = [
  [askWithDeadline, 'today'],
  [githubPullRequest, 'today'],
  [newsletter, 'today'],
  [internationalNote, 'today'],
  [receipt, 'today'],
  [calendarInvitation, 'today'],
  [promotion, 'week'],
  [socialNotification, 'week'],
  [forumThread, 'week'],
  [securityAlert, 'week'],
  [outboundNote, 'week'],
  [askWithDeadline, 'old'],
  [internationalNote, 'week'],
  [ciFailure, 'today'],
  [travelBooking, 'month'],
  [sharedDocument, 'week'],
  [spam, 'week'],
  [trashed, 'month'],
  [overdueInvoice, 'week'],
  [photoAndData, 'month'],
  [meetingMove, 'old'],
  [githubSecurity, 'month'],
];

/** Relative frequency of each kind after the opening threads. */
export const WEIGHTED: readonly [Scenario, number][] = [
  [askWithDeadline, 18],
  [meetingMove, 6],
  [internationalNote, 7],
  [githubPullRequest, 14],
  [ciFailure, 6],
  [calendarInvitation, 5],
  [receipt, 6],
  [newsletter, 12],
  [promotion, 10],
  [socialNotification, 6],
  [forumThread, 6],
  [securityAlert, 2],
  [travelBooking, 3],
  [sharedDocument, 4],
  [outboundNote, 8],
  [spam, 2],
  [trashed, 2],
  [overdueInvoice, 2],
  [photoAndData, 3],
  [githubSecurity, 1],
];

export type { ScenarioContext };
