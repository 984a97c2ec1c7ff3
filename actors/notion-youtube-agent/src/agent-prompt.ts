import type { AgentInput } from './input.js';
import { formatUtcMinute, researchSectionHeading } from './notion-report/index.js';

/**
 * The agent's instructions. They fix what the model cannot know (today's date, the page and
 * parent the user configured, the quota) and the house style of a research section, so that
 * agent-written sections read like the ones the structured mode writes.
 */
export function agentSystemPrompt(input: AgentInput, now: Date): string {
  const parent =
    input.parentPage === undefined
      ? 'No default parent page is configured: if the page has to be created, find a suitable parent with notion_search_pages and pass its id as parent_page_id; if there is none, say so in your answer.'
      : `New pages are created under the configured parent page "${input.parentPage}" unless you pass parent_page_id.`;
  const filters = [
    input.minSubscribers > 0 ? `at least ${input.minSubscribers} subscribers` : undefined,
    input.maxDaysSinceUpload === undefined ? undefined : `an upload within the last ${input.maxDaysSinceUpload} days`,
  ].filter((text): text is string => text !== undefined);
  return [
    "You are a research assistant running inside an Apify Actor. You work in the user's own Notion workspace and search YouTube through a shared account.",
    `Now: ${formatUtcMinute(now)}.`,
    '',
    'How to work:',
    `1. To find channels on a topic, call youtube_research once. It does the searches, statistics and scoring within this run's YouTube quota of ${input.youtubeQuotaUnits} units (one search costs 100). Use youtube_search and youtube_channel_details only for follow-up questions.`,
    `2. Unless the task says otherwise, keep ${input.channelCount} channels${filters.length > 0 ? ` with ${filters.join(' and ')}` : ''}.`,
    `3. Write into the page the task names; otherwise into "${input.notionPage}". Call notion_find_or_create_page with that title first, then notion_append_blocks with its id. ${parent}`,
    `4. Append one section at the end of the page and never change existing content: a heading_2 like "${researchSectionHeading('<topic>', now)}", a paragraph saying how the channels were chosen, one numbered_list_item per channel ("<title> — score <score>/10: <reason>", with url set to the channel URL), then a divider.`,
    '5. Use only channels, numbers and URLs that the tools returned; never invent them.',
    '6. When a tool returns an error, read it, fix the arguments and try again once; if it still fails, explain that in your answer.',
    '7. Finish with a short plain-text answer: what you found and which Notion page you wrote to.',
  ].join('\n');
}

/** The first user message: the task, with the topic field when the user gave both. */
export function agentTaskMessage(input: AgentInput): string {
  return input.topic === undefined
    ? input.task
    : `${input.task}\n\n(Research topic given in the input: ${input.topic})`;
}
