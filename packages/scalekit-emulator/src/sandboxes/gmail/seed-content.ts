import type { Person } from './seed-drafts.js';

/** People, services and topics the seeded mailbox is written with; time zones differ on purpose. */

export const COLLEAGUES: readonly Person[] = [
  {
    name: 'Priya Sharma',
    email: 'priya.sharma@northwind.io',
    tz: 330,
    title: 'Head of Operations',
    company: 'Northwind',
    phone: '+91 98450 12345',
  },
  { name: 'Marcus Chen', email: 'marcus.chen@globex.com', tz: -480, title: 'Engineering Manager', company: 'Globex' },
  {
    name: 'Olivia Brown',
    email: 'olivia.brown@harbourbank.co.uk',
    tz: 0,
    title: 'Finance Director',
    company: 'Harbour Bank',
  },
  {
    name: "Liam O'Connor",
    email: 'liam.oconnor@emeraldcloud.ie',
    tz: 60,
    title: 'Account Executive',
    company: 'Emerald Cloud',
    phone: '+353 1 555 0142',
  },
  { name: 'Sofia Rossi', email: 'sofia.rossi@vela-design.it', tz: 120, title: 'Design Lead', company: 'Vela Design' },
  { name: 'Aisha Bello', email: 'aisha.bello@lagosventures.ng', tz: 60, title: 'Partner', company: 'Lagos Ventures' },
  {
    name: 'Noah Williams',
    email: 'noah.williams@harbourline.com.au',
    tz: 600,
    title: 'Product Manager',
    company: 'Harbourline',
  },
  { name: 'Kai Nakoa', email: 'kai@islandworks.co', tz: -600, title: 'Founder', company: 'Island Works' },
  { name: 'Fatima Khan', email: 'fatima.khan@indusdata.pk', tz: 300, title: 'Data Scientist', company: 'Indus Data' },
  { name: 'Ethan Park', email: 'ethan.park@hanriver.kr', tz: 540, title: 'CTO', company: 'Han River Labs' },
  {
    name: 'Daniel Okafor',
    email: 'daniel.okafor@brightpath.org',
    tz: -240,
    title: 'Program Director',
    company: 'Brightpath',
  },
  { name: 'Grace Lee', email: 'grace.lee@summitlegal.com', tz: -420, title: 'Counsel', company: 'Summit Legal' },
];

export interface InternationalNote {
  from: Person;
  subject: string;
  body: string;
  reply?: string;
}

/** Non-ASCII senders and subjects: these headers travel as RFC 2047 encoded-words. */
export const INTERNATIONAL_NOTES: readonly InternationalNote[] = [
  {
    from: {
      name: 'Chloé Dubois',
      email: 'chloe.dubois@maison-lumiere.fr',
      tz: 120,
      title: 'Directrice artistique',
      company: 'Maison Lumière',
    },
    subject: 'Résumé de la réunion – café à 10h ☕',
    body: "Bonjour,\n\nVoici le résumé de notre réunion de ce matin : la maquette est validée, il reste la typographie.\nPourriez-vous confirmer votre présence au café de jeudi d'ici mercredi soir ?\n\nBelle journée,\nChloé",
    reply: 'Bonjour Chloé,\n\nMerci pour le résumé. Je serai bien là jeudi.\n\nÀ bientôt',
  },
  {
    from: {
      name: 'Zoë Müller',
      email: 'zoe.mueller@kraftwerk-studio.de',
      tz: 120,
      title: 'Geschäftsführerin',
      company: 'Kraftwerk Studio',
    },
    subject: 'Angebot für Q4 – Rückmeldung bis Mittwoch?',
    body: 'Hallo,\n\nanbei wie besprochen unser Angebot für das vierte Quartal.\nKönnten Sie mir bis Mittwoch eine kurze Rückmeldung geben, ob die Größenordnung passt?\n\nViele Grüße\nZoë',
  },
  {
    from: {
      name: '山田 太郎',
      email: 'taro.yamada@sakura-tech.jp',
      tz: 540,
      title: '営業部長',
      company: 'さくらテック',
    },
    subject: '来週の打ち合わせについて',
    body: 'いつもお世話になっております。\n\n来週の打ち合わせですが、木曜日の15時はいかがでしょうか。\n金曜日までにご返信いただけますと幸いです。\n\nよろしくお願いいたします。\n山田',
    reply: '山田様\n\nご連絡ありがとうございます。木曜日の15時で問題ありません。\n\nよろしくお願いいたします。',
  },
  {
    from: {
      name: 'Дмитрий Иванов',
      email: 'dmitri.ivanov@polar-systems.ru',
      tz: 180,
      title: 'Руководитель проекта',
      company: 'Polar Systems',
    },
    subject: 'Встреча в пятницу',
    body: 'Добрый день!\n\nПодтвердите, пожалуйста, встречу в пятницу в 11:00 по Москве.\nПрошу прислать повестку до четверга.\n\nС уважением,\nДмитрий',
  },
  {
    from: {
      name: 'José García',
      email: 'jose.garcia@andes-logistics.co',
      tz: -300,
      title: 'Jefe de logística',
      company: 'Andes Logistics',
    },
    subject: 'Reunión de planificación – ¿jueves o viernes?',
    body: 'Hola,\n\n¿Podrías decirme antes del miércoles si prefieres reunirte el jueves o el viernes?\nNecesito reservar la sala de reuniones.\n\nUn abrazo,\nJosé',
    reply: 'Hola José,\n\nEl jueves me viene mejor, gracias.\n\nSaludos',
  },
  {
    from: {
      name: 'Ana Costa',
      email: 'ana.costa@riomar.com.br',
      tz: -180,
      title: 'Gerente de contas',
      company: 'Riomar',
    },
    subject: 'Proposta revisada – prazo até sexta',
    body: 'Olá,\n\nSegue a proposta revisada com os ajustes de preço.\nVocê consegue aprovar até sexta-feira? Depois disso a condição especial expira.\n\nAbraços,\nAna',
  },
];

export interface Ask {
  topic: string;
  ask: string;
  context: string;
  reply: string;
  followUp: string;
}

/** Requests with deadlines, the mail a digest must surface as action items. */
export const ASKS: readonly Ask[] = [
  {
    topic: 'Q3 budget numbers',
    ask: 'Could you send me the Q3 budget numbers by Friday? I need them for the board deck.',
    context: 'A rough split by team is fine for now; we can refine it next week.',
    reply: "Sure, I'll pull them together and send them over on Thursday afternoon.",
    followUp: 'Perfect, Thursday works. Thanks!',
  },
  {
    topic: 'Partner agreement draft',
    ask: 'Could you review the draft partner agreement and send me your comments by Wednesday EOD?',
    context: 'Section 4 (liability) is the one legal flagged.',
    reply: "Will do. I've had a first look and section 4 needs a cap; full comments tomorrow.",
    followUp: 'Great, a cap at 12 months of fees is what they proposed last time.',
  },
  {
    topic: 'Hiring plan for Q4',
    ask: 'Can you share the hiring plan for Q4 before our Monday sync?',
    context: "We're deciding between two senior backend roles and a data engineer.",
    reply: "Yes, I'll share the doc on Sunday evening.",
    followUp: 'Thanks, looking forward to it.',
  },
  {
    topic: 'Customer interview notes',
    ask: 'Would you mind sending me the notes from the Globex interview by tomorrow noon?',
    context: 'I want to fold the quotes into the research summary.',
    reply: 'Sending them in an hour; the recording link is in the doc as well.',
    followUp: 'Got them, thank you!',
  },
  {
    topic: 'Conference talk abstract',
    ask: 'The CFP closes on the 15th. Could you send me your abstract by Tuesday so I can review it?',
    context: '300 words max, and they like a concrete takeaway in the first paragraph.',
    reply: "Here's a first draft below; happy to cut it further.",
    followUp: 'Reads well. Two small edits and it is good to go.',
  },
  {
    topic: 'Access to the analytics dashboard',
    ask: 'Could you give me access to the analytics dashboard? I need it before the QBR on Thursday.',
    context: 'Viewer access is enough.',
    reply: 'Done, you should have an invite in your inbox now.',
    followUp: 'Works, thanks a lot.',
  },
  {
    topic: 'Invoice INV-2041 approval',
    ask: 'Can you approve invoice INV-2041 by end of day? Finance closes the books tomorrow.',
    context: 'It is the annual renewal for the design tooling, same amount as last year.',
    reply: 'Approved just now.',
    followUp: 'Thank you, that unblocks the close.',
  },
  {
    topic: 'Offsite venue',
    ask: 'Could you confirm the offsite venue by Friday? The hotel releases the rooms on Monday.',
    context: 'Option A is the lakeside hotel, option B the city venue.',
    reply: "Let's go with the lakeside hotel.",
    followUp: "Booked. I'll send the details to everyone.",
  },
  {
    topic: 'Release notes for v2.4',
    ask: 'Could you send me the release notes for v2.4 by Thursday so marketing can prepare the announcement?',
    context: 'Mainly the export improvements and the new SSO settings.',
    reply: "I'll have them ready Wednesday night.",
    followUp: 'Perfect, thanks.',
  },
  {
    topic: 'Slides for the all-hands',
    ask: 'Could you send your three slides for the all-hands by 5pm tomorrow?',
    context: 'Please use the new template; it is in the shared drive.',
    reply: 'On it, you will have them before lunch.',
    followUp: 'Received, they look great.',
  },
  {
    topic: 'Security questionnaire for Initech',
    ask: 'The Initech security questionnaire is due on the 30th. Could you fill in the infrastructure section by Monday?',
    context: 'Most answers are in last year’s SOC 2 report.',
    reply: "Sure, I'll take the infrastructure and backup questions.",
    followUp: 'Thanks, I have merged your answers.',
  },
  {
    topic: 'Reference for Ana',
    ask: 'Would you be able to write a short reference for Ana by next Wednesday?',
    context: 'A few paragraphs on the migration project would be ideal.',
    reply: 'Happy to. I will send it over this weekend.',
    followUp: 'Wonderful, she will be thrilled.',
  },
];

export const MEETING_MOVES: readonly { ask: string; reply: string }[] = [
  {
    ask: 'Can we move our 1:1 to Thursday at 3pm? Something came up on Wednesday.',
    reply: 'Thursday 3pm works for me.',
  },
  {
    ask: 'Could we push tomorrow’s review by 30 minutes? My flight lands late.',
    reply: 'No problem, see you at 10:30.',
  },
  {
    ask: 'Is it OK if we do the planning session remotely on Monday?',
    reply: 'Yes, remote is fine. I will send a link.',
  },
];

export const REPOS = ['acme/api', 'acme/web', 'acme/infra', 'acme/mobile'] as const;

export const PULL_REQUESTS: readonly string[] = [
  'Fix pagination cursor in export endpoint',
  'Add retry with backoff to the webhook sender',
  'Upgrade to Node 20 and drop the legacy build',
  'Speed up CSV import for large files',
  'Handle expired OAuth tokens gracefully',
  'Add dark mode to the settings page',
  'Remove deprecated v1 search route',
];

export const NEWSLETTERS: readonly {
  sender: Person;
  listId: string;
  title: string;
  category: 'CATEGORY_UPDATES' | 'CATEGORY_PROMOTIONS';
}[] = [
  {
    sender: { name: 'Frontend Weekly', email: 'hello@frontendweekly.dev', tz: 0 },
    listId: 'frontendweekly.dev',
    title: 'Frontend Weekly',
    category: 'CATEGORY_UPDATES',
  },
  {
    sender: { name: 'The Data Digest', email: 'newsletter@datadigest.io', tz: -300 },
    listId: 'digest.datadigest.io',
    title: 'The Data Digest',
    category: 'CATEGORY_UPDATES',
  },
  {
    sender: { name: 'Product Notes by Lena', email: 'lenanotes@substack.com', tz: 60 },
    listId: 'lenanotes.substack.com',
    title: 'Product Notes',
    category: 'CATEGORY_UPDATES',
  },
  {
    sender: { name: 'Founders Brief', email: 'brief@foundersbrief.co', tz: -480 },
    listId: 'brief.foundersbrief.co',
    title: 'Founders Brief',
    category: 'CATEGORY_PROMOTIONS',
  },
];

export const NEWSLETTER_STORIES: readonly { headline: string; blurb: string }[] = [
  {
    headline: 'Why your monorepo builds are slow',
    blurb: 'Remote caching, task graphs & what actually moves the needle.',
  },
  {
    headline: 'A practical guide to rate limits',
    blurb: 'Token buckets, Retry-After and the art of backing off politely.',
  },
  { headline: 'The state of TypeScript in 2025', blurb: 'Strictness by default, faster type checks and fewer any’s.' },
  { headline: 'Designing emails that render everywhere', blurb: 'Tables are still king; here is why.' },
  {
    headline: 'What we learned shipping OAuth for 100 integrations',
    blurb: 'Refresh tokens expire in surprising ways.',
  },
  { headline: 'Pricing pages that convert', blurb: 'Five experiments and their results.' },
  { headline: 'Vector search without the hype', blurb: 'When BM25 is still the right answer.' },
  { headline: 'Hiring your first data engineer', blurb: 'A checklist for founders.' },
];

export const PROMOTIONS: readonly { sender: Person; subject: string; headline: string }[] = [
  {
    sender: { name: 'Trailhead Outfitters', email: 'deals@trailhead-outfitters.com', tz: -420 },
    subject: '48 hours only: 30% off rain jackets',
    headline: 'Stay dry for less',
  },
  {
    sender: { name: 'Cloudhaven', email: 'offers@cloudhaven.io', tz: -480 },
    subject: 'Upgrade to annual and save 20%',
    headline: 'Your team is growing',
  },
  {
    sender: { name: 'Bookhouse', email: 'news@bookhouse.shop', tz: 0 },
    subject: 'Your cart is waiting 📚',
    headline: 'Still thinking it over?',
  },
  {
    sender: { name: 'Urban Roast', email: 'hello@urbanroast.coffee', tz: 60 },
    subject: 'New autumn blends are here ☕',
    headline: 'Fresh from the roastery',
  },
];

export const SOCIAL: readonly { subject: (name: string) => string; body: (name: string) => string }[] = [
  {
    subject: (name) => `${name} wants to connect`,
    body: (name) =>
      `${name} would like to join your professional network.\n\nAccept: https://www.linkedin.com/mynetwork/invitation-manager/`,
  },
  {
    subject: () => 'You appeared in 14 searches this week',
    body: () => 'See who is looking at your profile.\n\nhttps://www.linkedin.com/me/search-appearances/',
  },
  {
    subject: (name) => `${name} commented on your post`,
    body: (name) => `${name}: "Great write-up, thanks for sharing the numbers!"\n\nhttps://www.linkedin.com/feed/`,
  },
];

export const FORUM_TOPICS: readonly { subject: string; question: string; answers: string[] }[] = [
  {
    subject: 'Project references vs. path aliases in a pnpm monorepo?',
    question:
      'We have 12 packages and tsc -b takes forever. Are project references worth it, or should we just use path aliases with a bundler?',
    answers: [
      'Project references pay off once you enable incremental builds; path aliases hide the dependency graph.',
      'We switched to references last year and cut CI time by half. The key was composite: true everywhere.',
    ],
  },
  {
    subject: 'How do you test code that talks to OAuth providers?',
    question: 'Mocking the HTTP layer feels brittle. Does anyone run a local fake of the provider instead?',
    answers: [
      'A local emulator speaking the real wire protocol has been far more reliable for us than mocks.',
      'Record/replay works too, until the provider changes a field.',
    ],
  },
  {
    subject: 'Handling 429s from the Gmail API',
    question: 'We keep hitting rateLimitExceeded when syncing large mailboxes. What backoff do people use?',
    answers: [
      'Honour Retry-After and keep a per-user budget of quota units; messages.get costs 5 units each.',
      'Batching helps less than you think, every message in a batch still costs its units.',
    ],
  },
];

export const LIST_NAMES = ['ts-community', 'devops-discuss', 'product-guild'] as const;
