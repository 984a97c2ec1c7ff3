import { Actor } from 'apify';
import { createAuthGate, perUser } from '@repo/auth-gate';

/** The Scalekit connection this actor uses for the user's own account (created in the dashboard). */
const CONNECTION = '__CONNECTOR__';

interface Input {
  query?: unknown;
}

/**
 * A minimal actor of this suite: the user's own account through auth-gate (consent once on the
 * Live View page), one Scalekit tool call, the result in the dataset. Replace the tool call with
 * the actor's real work.
 */
export async function runActor(): Promise<void> {
  await Actor.init();
  const input = (await Actor.getInput<Input>()) ?? {};
  if (typeof input.query !== 'string' || input.query.trim() === '') {
    await Actor.fail('Input "query" must be a non-empty text, e.g. "Roadmap".');
    return;
  }
  const gate = await createAuthGate({ connectors: { account: perUser({ connection: CONNECTION }) }, page: { title: '__ACTOR_TITLE__' } });
  try {
    const { account } = await gate.connect(['account']);
    const result = await account.tool(`${CONNECTION}_page_search`, { query: input.query.trim() });
    await Actor.pushData({ query: input.query.trim(), result: result.data });
    await gate.finish({ summary: `Searched ${CONNECTION} for "${input.query.trim()}".` });
    await gate.close();
    await Actor.exit();
  } catch (error) {
    const message = await gate.reportFailure(error);
    await gate.close();
    await Actor.fail(message);
  }
}
