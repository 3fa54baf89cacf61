// Answers TRACE before Next.js sees it. Next.js builds a fetch Request for every request, for
// proxy.ts and for route handlers alike, and the fetch standard forbids TRACE: the Request
// constructor throws, and the answer is a bare 500 with no security headers, from a place no
// application code reaches. So the refusal is made where Node hands the request to Next.js.
// (CONNECT never becomes a request there: Node closes the connection itself, as it has no
// 'connect' listener; an unknown method is Node's own 400, from its HTTP parser.)
import http from 'node:http';
import { refusalBody, refusalHeaders } from '@/lib/server/methods';

/** The methods the fetch standard forbids (CONNECT, TRACE, TRACK) that Node's parser lets through. */
export const FORBIDDEN_BY_FETCH: ReadonlySet<string> = new Set(['TRACE']);

type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
const GUARDED = Symbol.for('sidelines.methodGuard');

/** A 405 for a request Next.js could not take, with the headers every answer has. */
export function refuseBeforeNext(req: http.IncomingMessage, res: http.ServerResponse): void {
  const method = req.method ?? '';
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const body = refusalBody(method, pathname);
  // The request's body, if any, is read and dropped, so the connection can be kept.
  req.resume();
  res.writeHead(405, { ...refusalHeaders(pathname), 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Puts the guard in front of every HTTP server of this process; idempotent. */
export function installMethodGuard(): void {
  const proto = http.Server.prototype as unknown as { emit: Emit; [GUARDED]?: boolean };
  if (proto[GUARDED]) return;
  const emit = proto.emit;
  proto.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (FORBIDDEN_BY_FETCH.has((req.method ?? '').toUpperCase())) {
        refuseBeforeNext(req, res);
        return true;
      }
    }
    return emit.call(this, event, ...args);
  };
  proto[GUARDED] = true;
}
