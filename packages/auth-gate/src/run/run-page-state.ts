import { EventEmitter } from 'node:events';

export type ConnectorState = 'pending' | 'opened' | 'connected' | 'failed';

export interface ConnectorView {
  key: string;
  label: string;
  state: ConnectorState;
  /** Why it is pending (reconnect after expiry, ...) or why it failed. */
  note?: string;
}

export interface Progress {
  done: number;
  total: number | undefined;
  label: string;
}

export interface SummaryLink {
  label: string;
  url: string;
}

export type PagePhase = 'starting' | 'authorize' | 'verified' | 'running' | 'done' | 'failed';

export interface RunPageSnapshot {
  title: string;
  phase: PagePhase;
  connectors: ConnectorView[];
  progress: Progress | undefined;
  steps: string[];
  summary: string | undefined;
  links: SummaryLink[];
  error: string | undefined;
  deadline: string | undefined;
  version: number;
}

const MAX_STEPS = 200;

/** What the live-view page shows; every change bumps the version and notifies subscribers. */
export class RunPageState extends EventEmitter<{ change: [RunPageSnapshot] }> {
  #s: RunPageSnapshot;

  constructor(title: string) {
    super();
    this.#s = {
      title,
      phase: 'starting',
      connectors: [],
      progress: undefined,
      steps: [],
      summary: undefined,
      links: [],
      error: undefined,
      deadline: undefined,
      version: 0,
    };
  }

  snapshot(): RunPageSnapshot {
    return structuredClone(this.#s);
  }

  #update(change: Partial<RunPageSnapshot>): void {
    this.#s = { ...this.#s, ...change, version: this.#s.version + 1 };
    this.emit('change', this.snapshot());
  }

  authorize(connectors: ConnectorView[], deadline: Date): void {
    this.#update({ phase: 'authorize', connectors, deadline: deadline.toISOString() });
  }

  setConnector(key: string, state: ConnectorState, note?: string): void {
    const connectors = this.#s.connectors.map((c) => {
      if (c.key !== key) return c;
      // A connected connector has nothing left to explain.
      const { note: previous, ...rest } = c;
      const kept = state === 'connected' ? undefined : (note ?? previous);
      return { ...rest, state, ...(kept === undefined ? {} : { note: kept }) };
    });
    const allConnected = connectors.length > 0 && connectors.every((c) => c.state === 'connected');
    this.#update({
      connectors,
      ...(allConnected && this.#s.phase === 'authorize' ? { phase: 'verified' as const } : {}),
    });
  }

  running(): void {
    if (this.#s.phase !== 'done' && this.#s.phase !== 'failed') this.#update({ phase: 'running' });
  }

  progress(progress: Progress): void {
    // Progress of work still going on must not hide a consent in progress (a mid-run re-authorization).
    const keep = ['done', 'failed', 'authorize', 'verified'].includes(this.#s.phase);
    this.#update({ progress, ...(keep ? {} : { phase: 'running' as const }) });
  }

  step(text: string): void {
    const steps = [...this.#s.steps, text].slice(-MAX_STEPS);
    this.#update({ steps });
  }

  done(summary: string, links: SummaryLink[]): void {
    this.#update({ phase: 'done', summary, links });
  }

  failed(message: string): void {
    this.#update({ phase: 'failed', error: message });
  }
}
