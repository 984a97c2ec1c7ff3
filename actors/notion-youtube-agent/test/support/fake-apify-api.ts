// With APIFY_IS_AT_HOME=1 the Apify SDK keeps its storage behind the Apify API instead of on
// disk. This is the small part of that API a run of this actor touches (INPUT and OUTPUT
// records, dataset items, the run's status message and pricing info), kept in memory so a test
// can run the real built actor "on the platform" and read what it stored.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface FakeApifyApi {
  url: string;
  /** Environment of a platform run: storage ids, run and actor ids, the API address and a token. */
  env: Record<string, string>;
  records: Map<string, unknown>;
  /** Records of the named key-value stores the run opened, by store name. */
  namedStores: Map<string, Map<string, unknown>>;
  datasetItems: unknown[];
  statusMessages: string[];
  /** Pay-per-event charges the run reported, in order. */
  charges: { eventName: string; count: number }[];
  /** Every request as "METHOD /path", for finding what else the SDK asked for. */
  requests: string[];
  close(): Promise<void>;
}

const KEY_VALUE_STORE = 'kvs-default';
const NAMED_STORE_PREFIX = 'kvs-named-';
const DATASET = 'dataset-default';
const RUN = 'run-1';
const ACTOR = 'actor-1';

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  // apify-client compresses larger payloads (dataset items, records).
  switch (req.headers['content-encoding']) {
    case 'gzip':
      return gunzipSync(raw).toString('utf8');
    case 'deflate':
      return inflateSync(raw).toString('utf8');
    case 'br':
      return brotliDecompressSync(raw).toString('utf8');
    default:
      return raw.toString('utf8');
  }
}

function send(res: ServerResponse, status: number, payload?: unknown): void {
  if (payload === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
}

/** `.actor/pay_per_event.json`'s shape. */
export type PayPerEventEvents = Record<string, { eventTitle: string; eventDescription: string; eventPriceUsd: number }>;

export interface FakeApifyApiOptions {
  input: unknown;
  actorOwnerId: string;
  /** Runs the Actor with pay-per-event pricing (as published with these events). */
  payPerEvent?: PayPerEventEvents;
  maxTotalChargeUsd?: number;
}

export async function startFakeApifyApi(options: FakeApifyApiOptions): Promise<FakeApifyApi> {
  const records = new Map<string, unknown>([['INPUT', options.input]]);
  const namedStores = new Map<string, Map<string, unknown>>();
  const storeRecords = (id: string): Map<string, unknown> | undefined =>
    id === KEY_VALUE_STORE
      ? records
      : id.startsWith(NAMED_STORE_PREFIX)
        ? namedStores.get(decodeURIComponent(id.slice(NAMED_STORE_PREFIX.length)))
        : undefined;
  const datasetItems: unknown[] = [];
  const statusMessages: string[] = [];
  const charges: { eventName: string; count: number }[] = [];
  const requests: string[] = [];
  const pricingInfo =
    options.payPerEvent === undefined
      ? null
      : { pricingModel: 'PAY_PER_EVENT', pricingPerEvent: { actorChargeEvents: options.payPerEvent } };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: { type: 'internal', message: String(error) } }));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    requests.push(`${req.method} ${path}`);
    const text = await body(req);
    // Named stores: getOrCreate by name, then records like the default store's.
    if (path === '/v2/key-value-stores' && req.method === 'POST') {
      const name = url.searchParams.get('name') ?? '';
      if (!namedStores.has(name)) namedStores.set(name, new Map());
      return send(res, 201, { data: { id: `${NAMED_STORE_PREFIX}${encodeURIComponent(name)}`, name } });
    }
    const storeByName = /^\/v2\/key-value-stores\/([^/]+)$/.exec(path);
    if (storeByName?.[1] !== undefined && storeByName[1] !== KEY_VALUE_STORE && req.method === 'GET') {
      // The SDK looks a named store up by name first; unknown means "create it".
      const name = decodeURIComponent(storeByName[1]).replace(/^.*~/, '');
      return namedStores.has(name)
        ? send(res, 200, { data: { id: `${NAMED_STORE_PREFIX}${encodeURIComponent(name)}`, name } })
        : send(res, 404, { error: { type: 'record-not-found', message: 'Key-value store not found' } });
    }
    const record = /^\/v2\/key-value-stores\/([^/]+)\/records\/([^/]+)$/.exec(path);
    const store = record?.[1] === undefined ? undefined : storeRecords(record[1]);
    if (record?.[2] !== undefined && store !== undefined) {
      const key = decodeURIComponent(record[2]);
      if (req.method === 'GET') {
        return store.has(key)
          ? send(res, 200, store.get(key))
          : send(res, 404, { error: { type: 'record-not-found', message: 'Record not found' } });
      }
      if (req.method === 'PUT') {
        store.set(key, text === '' ? null : (JSON.parse(text) as unknown));
        return send(res, 201);
      }
      if (req.method === 'DELETE') {
        store.delete(key);
        return send(res, 204);
      }
    }
    if (path === `/v2/key-value-stores/${KEY_VALUE_STORE}` && req.method === 'GET')
      return send(res, 200, { data: { id: KEY_VALUE_STORE, name: null } });
    if (path === `/v2/datasets/${DATASET}` && req.method === 'GET')
      return send(res, 200, { data: { id: DATASET, name: null, itemCount: datasetItems.length } });
    if (path === `/v2/datasets/${DATASET}/items` && req.method === 'POST') {
      const items = JSON.parse(text) as unknown;
      datasetItems.push(...(Array.isArray(items) ? (items as unknown[]) : [items]));
      return send(res, 201);
    }
    if (path === `/v2/actor-runs/${RUN}`) {
      if (req.method === 'PUT') {
        const update = JSON.parse(text) as { statusMessage?: string };
        if (update.statusMessage !== undefined) statusMessages.push(update.statusMessage);
        return send(res, 200, { data: { id: RUN, status: 'RUNNING' } });
      }
      return send(res, 200, {
        data: {
          id: RUN,
          actId: ACTOR,
          status: 'RUNNING',
          options: { maxTotalChargeUsd: options.maxTotalChargeUsd ?? null },
          pricingInfo,
          chargedEventCounts: {},
        },
      });
    }
    if (path === `/v2/actor-runs/${RUN}/charge` && req.method === 'POST') {
      const charge = JSON.parse(text) as { eventName: string; count?: number };
      charges.push({ eventName: charge.eventName, count: charge.count ?? 1 });
      return send(res, 201);
    }
    if (path === `/v2/actors/${ACTOR}` || path === `/v2/acts/${ACTOR}`)
      return send(res, 200, { data: { id: ACTOR, userId: options.actorOwnerId } });
    send(res, 404, {
      error: { type: 'page-not-found', message: `fake Apify API: no route for ${req.method} ${path}` },
    });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    env: {
      APIFY_IS_AT_HOME: '1',
      APIFY_API_BASE_URL: url,
      APIFY_API_PUBLIC_BASE_URL: url,
      APIFY_TOKEN: 'fake-token',
      ACTOR_ID: ACTOR,
      ACTOR_RUN_ID: RUN,
      ACTOR_DEFAULT_KEY_VALUE_STORE_ID: KEY_VALUE_STORE,
      ACTOR_DEFAULT_DATASET_ID: DATASET,
    },
    records,
    namedStores,
    datasetItems,
    statusMessages,
    charges,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
