import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { ItemStore } from './items.ts';

export interface ServerOptions {
  /** Resolves when the service can serve traffic (e.g. the database answers). */
  checkReady: () => Promise<void>;
  items: ItemStore;
}

const MAX_BODY_BYTES = 64 * 1024;

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}

/**
 * The HTTP API: liveness (/healthz), readiness (/readyz, checks the
 * database) and a small example resource (/api/items) to replace with your
 * own.
 */
export function createHttpServer(options: ServerOptions): Server {
  return createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/healthz') {
        return send(200, { status: 'ok' });
      }
      if (req.method === 'GET' && url.pathname === '/readyz') {
        try {
          await options.checkReady();
          return send(200, { status: 'ready' });
        } catch (error) {
          return send(503, {
            status: 'not ready',
            reason: (error as Error).message,
          });
        }
      }
      if (url.pathname === '/api/items') {
        if (req.method === 'GET') {
          return send(200, { items: await options.items.list() });
        }
        if (req.method === 'POST') {
          const body = (await readJson(req)) as { name?: unknown };
          if (typeof body?.name !== 'string' || !body.name.trim()) {
            throw new HttpError(400, 'name: a non-empty string is required');
          }
          if (body.name.length > 200) {
            throw new HttpError(400, 'name: at most 200 characters');
          }
          return send(201, await options.items.create(body.name.trim()));
        }
        throw new HttpError(405, `${req.method} is not allowed on /api/items`);
      }
      throw new HttpError(404, `no route for ${req.method} ${url.pathname}`);
    } catch (error) {
      if (error instanceof HttpError) {
        return send(error.status, { error: error.message });
      }
      console.error(error);
      return send(500, { error: 'internal error' });
    }
  });
}
