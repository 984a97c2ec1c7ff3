/** What one actor run did, as the demo reports it. */
export interface ActorOutcome {
  actor: string;
  ok: boolean;
  consentAsked: boolean;
  summary: string;
  figures: Record<string, number | string>;
  scalekitCalls: number;
}

export interface DemoReport {
  emulatorUi: string;
  identifier: string;
  actors: ActorOutcome[];
  notionConsents: number;
  notionPagesInSandbox: number;
  digestStored: boolean;
}

export function renderReport(report: DemoReport): string {
  const lines = ['', 'Demo report', '==========='];
  for (const a of report.actors) {
    const figures = Object.entries(a.figures)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    lines.push(
      `${a.ok ? '✔' : '✘'} ${a.actor}: ${a.summary}`,
      `    ${figures}${figures ? ', ' : ''}Scalekit round trips: ${a.scalekitCalls}${a.consentAsked ? ', asked for consent' : ', no consent needed'}`,
    );
  }
  lines.push(
    '',
    `Notion consents for "${report.identifier}": ${report.notionConsents} (once for the whole suite)`,
    `Look at the Notion pages, the mailbox with the digest, the accounts and every call: ${report.emulatorUi}`,
  );
  return lines.join('\n');
}
