import type { JsonObject, JsonValue } from '../sandbox.js';
import type { RichText } from './model.js';
import { NotionApi } from './notion-api.js';
import { textItem } from './rich-text.js';
import type { Workspace } from './workspace.js';

/**
 * A small, realistic workspace, the same for the same seed (ids and timestamps included):
 * "Research", "Roadmap" (with a "Projects" database) and "Meeting notes" with `pages` weekly syncs.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Seeded content is dated early 2025, so anything an actor writes later is newer. */
const BASE_TIME = Date.UTC(2025, 0, 6, 9, 0);

const TOPICS = ['weekly planning', 'team onboarding', 'customer support', 'release notes', 'field research'];
const FINDINGS = [
  'Most teams plan on Monday mornings and revisit the plan on Thursday.',
  'Search is the feature people miss most when they switch tools.',
  'Shared templates cut the time to a first draft by about half.',
  'People want reminders inside the tools they already use.',
  'Exports are used mainly for audits, rarely for analysis.',
];
const PROJECTS = [
  'Onboarding checklist',
  'Search revamp',
  'Mobile offline mode',
  'Billing export',
  'Public API v2',
  'Template gallery',
  'Usage dashboard',
];
const OWNERS = ['Alex Morgan', 'Priya Shah', 'Jonas Berg', 'Mei Tan', 'Sam Okafor'];
const TAGS = ['Research', 'Design', 'Engineering', 'Marketing'];
const AGENDA = [
  'Status of the current sprint',
  'Customer feedback review',
  'Hiring update',
  'Release checklist',
  'Open questions from support',
];
const ACTIONS = [
  'Share the interview summary',
  'Draft the release announcement',
  'Review the analytics dashboard',
  'Update the roadmap page',
  'Book the design review',
];

type Text = string | RichText[];

function richText(text: Text): RichText[] {
  return typeof text === 'string' ? [textItem(text)] : text;
}

function block(type: string, text: Text, extra: JsonObject = {}): JsonObject {
  return { object: 'block', type, [type]: { rich_text: richText(text), ...extra } };
}

function idOf(created: JsonObject): string {
  const id = created['id'];
  if (typeof id !== 'string') throw new Error('seeding: the API returned an object without an id');
  return id;
}

function toDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

class Seeder {
  #clock: number;
  readonly api: NotionApi;

  constructor(readonly ws: Workspace) {
    this.#clock = BASE_TIME + ws.rng.int(0, 44) * DAY;
    this.api = new NotionApi(ws, { clock: () => this.#clock, actorId: ws.person.id, allowWorkspaceParent: true });
  }

  get now(): number {
    return this.#clock;
  }

  /** Each write happens a little later than the one before, as a person would type. */
  later(): void {
    this.#clock += this.ws.rng.int(15, 134) * MINUTE;
  }

  skipDays(days: number): void {
    this.#clock += days * DAY;
  }

  page(parent: JsonObject, title: string, children: JsonValue[], emoji?: string): string {
    const body: JsonObject = { parent, properties: { title: { title: [textItem(title)] } }, children };
    if (emoji !== undefined) body['icon'] = { type: 'emoji', emoji };
    const id = idOf(this.api.createPage(body));
    this.later();
    return id;
  }

  pick<T>(items: readonly T[]): T {
    return this.ws.rng.pick(items);
  }

  /** `count` distinct items, in a seeded order. */
  some<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    return Array.from(
      { length: Math.min(count, pool.length) },
      () => pool.splice(this.ws.rng.int(0, pool.length - 1), 1)[0] as T,
    );
  }
}

function seedResearch(s: Seeder): void {
  const topic = s.pick(TOPICS);
  const interviews = s.ws.rng.int(8, 19);
  const [first, second, third] = s.some(FINDINGS, 3);
  const research = s.page(
    { workspace: true },
    'Research',
    [
      block('heading_1', `Market research: ${topic}`),
      block('paragraph', [
        textItem('We interviewed '),
        textItem(`${interviews} customers`, { bold: true }),
        textItem(' about '),
        textItem(topic, { italic: true }),
        textItem('. The raw answers are in the '),
        textItem('2024 survey', { link: 'https://example.com/research/survey-2024' }),
        textItem('.'),
      ]),
      block('heading_2', 'Key findings'),
      block('bulleted_list_item', first ?? '', {
        children: [block('bulleted_list_item', 'Strongest among teams of 5 to 20 people.')],
      }),
      block('bulleted_list_item', second ?? ''),
      block('bulleted_list_item', third ?? ''),
      block('heading_2', 'Method'),
      block('numbered_list_item', 'Recruit participants from the newsletter.'),
      block('numbered_list_item', 'Run 30-minute interviews with a fixed script.'),
      block('numbered_list_item', 'Tag every answer and count the tags.'),
      block(
        'code',
        'import pandas as pd\n\nanswers = pd.read_csv("answers.csv")\nprint(answers.groupby("tag").size())',
        { language: 'python' },
      ),
      block('quote', '"I just want to see what changed since Monday."'),
      block('callout', 'Share findings in #research before Friday.', { icon: { type: 'emoji', emoji: '📣' } }),
      {
        object: 'block',
        type: 'table',
        table: {
          table_width: 3,
          has_column_header: true,
          has_row_header: false,
          children: [
            ['Segment', 'Interviews', 'Top need'],
            ['Small teams', String(Math.ceil(interviews / 2)), 'Templates'],
            ['Agencies', String(Math.floor(interviews / 2)), 'Client sharing'],
          ].map((row) => ({ type: 'table_row', table_row: { cells: row.map((cell) => [textItem(cell)]) } })),
        },
      },
      { object: 'block', type: 'bookmark', bookmark: { url: 'https://example.com/research/method' } },
    ],
    '🔬',
  );
  s.page({ page_id: research }, 'Interview notes', [
    block('paragraph', 'Notes from the first round of interviews.'),
    block('to_do', 'Transcribe the remaining calls', { checked: false }),
    block('to_do', 'Send thank-you notes', { checked: true }),
  ]);
}

function seedRoadmap(s: Seeder): void {
  const [now, next] = s.some(PROJECTS, 2);
  const roadmap = s.page(
    { workspace: true },
    'Roadmap',
    [
      block('paragraph', 'What we are building this quarter and why.'),
      block('heading_2', 'Now'),
      block('to_do', now ?? '', { checked: false }),
      block('to_do', 'Fix the sync conflicts reported by support', { checked: true }),
      block('heading_2', 'Next'),
      block('toggle', `Why ${next ?? ''}?`, {
        children: [block('paragraph', 'It was the most requested item in the last two surveys.')],
      }),
      { object: 'block', type: 'divider', divider: {} },
      {
        object: 'block',
        type: 'image',
        image: { type: 'external', external: { url: 'https://example.com/images/roadmap-2025.png' } },
      },
    ],
    '🗺️',
  );
  const database = idOf(
    s.api.createDatabase({
      parent: { type: 'page_id', page_id: roadmap },
      title: [textItem('Projects')],
      properties: {
        Name: { title: {} },
        Status: {
          select: {
            options: [
              { name: 'Planned', color: 'gray' },
              { name: 'In progress', color: 'blue' },
              { name: 'Done', color: 'green' },
            ],
          },
        },
        Tags: {
          multi_select: {
            options: TAGS.map((name, i) => ({ name, color: ['purple', 'pink', 'orange', 'yellow'][i] ?? 'default' })),
          },
        },
        Owner: { rich_text: {} },
        Link: { url: {} },
        Estimate: { number: { format: 'number' } },
        Due: { date: {} },
        Shipped: { checkbox: {} },
        Created: { created_time: {} },
      },
    }),
  );
  s.later();
  for (const name of s.some(PROJECTS, 6)) {
    const status = s.pick(['Planned', 'In progress', 'Done']);
    s.api.createPage({
      parent: { database_id: database },
      properties: {
        Name: { title: [textItem(name)] },
        Status: { select: { name: status } },
        Tags: { multi_select: s.some(TAGS, s.ws.rng.int(1, 2)).map((tag) => ({ name: tag })) },
        Owner: { rich_text: [textItem(s.pick(OWNERS))] },
        Link: { url: `https://example.com/projects/${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` },
        Estimate: { number: s.ws.rng.int(1, 13) },
        Due: { date: { start: toDate(s.now + s.ws.rng.int(7, 86) * DAY) } },
        Shipped: { checkbox: status === 'Done' },
      },
      children: [block('paragraph', `Scope and notes for ${name}.`)],
    });
    s.later();
  }
}

function seedMeetingNotes(s: Seeder, count: number): void {
  const notes = s.page(
    { workspace: true },
    'Meeting notes',
    [block('paragraph', 'One page per weekly sync, newest at the bottom.')],
    '📝',
  );
  for (let i = 0; i < count; i += 1) {
    if (i > 0) s.skipDays(7);
    s.page({ page_id: notes }, `Weekly sync ${toDate(s.now)}`, [
      block('heading_2', 'Agenda'),
      ...s.some(AGENDA, 3).map((item) => block('bulleted_list_item', item)),
      block('heading_2', 'Decisions'),
      block('paragraph', `We agreed to focus on ${s.pick(PROJECTS).toLowerCase()} next.`),
      block('heading_2', 'Action items'),
      ...s.some(ACTIONS, 2).map((item) => block('to_do', `${item} (${s.pick(OWNERS)})`, { checked: false })),
    ]);
  }
}

export function seedWorkspace(ws: Workspace, options: { pages: number }): void {
  const seeder = new Seeder(ws);
  seedResearch(seeder);
  seedRoadmap(seeder);
  seedMeetingNotes(seeder, options.pages);
}
