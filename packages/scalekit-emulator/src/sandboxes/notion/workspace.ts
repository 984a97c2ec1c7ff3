import type { JsonObject } from '../sandbox.js';
import type { DatabaseRecord, NotionRecord, PageRecord, Parent, WorkspaceState } from './model.js';
import { SeededRandom } from '../seeded-random.js';

/** The parent's id, whatever its kind; undefined for the workspace. */
export function parentId(parent: Parent): string | undefined {
  switch (parent.type) {
    case 'page_id':
      return parent.page_id;
    case 'database_id':
      return parent.database_id;
    case 'block_id':
      return parent.block_id;
    case 'workspace':
      return undefined;
  }
}

/**
 * One account's Notion workspace: records by id and the ordered children of each page and block.
 * It only stores; validation and API semantics live in `NotionApi`.
 */
export class Workspace {
  readonly rng: SeededRandom;

  private constructor(private readonly state: WorkspaceState) {
    this.rng = new SeededRandom(state.rng);
  }

  static create(seed: number, workspaceName: string): Workspace {
    const rng = new SeededRandom(seed);
    const bot = { id: rng.uuid(), name: 'Scalekit AgentKit' };
    const person = { id: rng.uuid(), name: 'Alex Morgan' };
    return new Workspace({ records: {}, children: {}, seq: 0, rng: rng.state, bot, person, workspaceName });
  }

  /** Restores an `export()`ed state (a deep copy, so the caller's object is never aliased). */
  static restore(saved: JsonObject): Workspace {
    return new Workspace(structuredClone(saved) as unknown as WorkspaceState);
  }

  export(): JsonObject {
    return structuredClone({ ...this.state, rng: this.rng.state });
  }

  get bot(): WorkspaceState['bot'] {
    return this.state.bot;
  }

  get person(): WorkspaceState['person'] {
    return this.state.person;
  }

  get workspaceName(): string {
    return this.state.workspaceName;
  }

  nextSeq(): number {
    this.state.seq += 1;
    return this.state.seq;
  }

  find(id: string): NotionRecord | undefined {
    return this.state.records[id];
  }

  page(id: string): PageRecord | undefined {
    const record = this.find(id);
    return record?.kind === 'page' ? record : undefined;
  }

  database(id: string): DatabaseRecord | undefined {
    const record = this.find(id);
    return record?.kind === 'database' ? record : undefined;
  }

  /** Records in creation order, optionally only pages or databases (filtered before sorting: blocks dominate). */
  all(kind?: 'page' | 'database'): NotionRecord[] {
    const records = Object.values(this.state.records);
    return (kind === undefined ? records : records.filter((r) => r.kind === kind)).sort((a, b) => a.seq - b.seq);
  }

  /** Adds a record; pages and databases under a page, and blocks, are placed in their container's children. */
  add(record: NotionRecord, options: { after?: string } = {}): void {
    this.state.records[record.id] = record;
    const container = record.parent.type === 'database_id' ? undefined : parentId(record.parent);
    if (container === undefined) return;
    const list = (this.state.children[container] ??= []);
    const index = options.after === undefined ? -1 : list.indexOf(options.after);
    if (index < 0) list.push(record.id);
    else list.splice(index + 1, 0, record.id);
  }

  childIds(containerId: string): readonly string[] {
    return this.state.children[containerId] ?? [];
  }

  /** Children as Notion lists them: trashed ones left out. */
  liveChildren(containerId: string): NotionRecord[] {
    return this.childIds(containerId).flatMap((id) => {
      const record = this.find(id);
      return record && !record.archived ? [record] : [];
    });
  }

  rows(databaseId: string): PageRecord[] {
    return this.all('page').filter(
      (r): r is PageRecord =>
        r.kind === 'page' && r.parent.type === 'database_id' && r.parent.database_id === databaseId,
    );
  }

  topLevelPages(): PageRecord[] {
    return this.all('page').filter((r): r is PageRecord => r.kind === 'page' && r.parent.type === 'workspace');
  }

  /** Trashed itself or under a trashed page, block or database: hidden from search, refused for writes. */
  inTrash(record: NotionRecord): boolean {
    let current: NotionRecord | undefined = record;
    for (let hops = 0; current && hops < 10_000; hops += 1) {
      if (current.archived) return true;
      const up = parentId(current.parent);
      current = up === undefined ? undefined : this.find(up);
    }
    return false;
  }

  /** The page a block lives on (itself for a page). */
  owningPage(record: NotionRecord): PageRecord | undefined {
    let current: NotionRecord | undefined = record;
    while (current && current.kind !== 'page') {
      const up = parentId(current.parent);
      current = up === undefined ? undefined : this.find(up);
    }
    return current;
  }
}
