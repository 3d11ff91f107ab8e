import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A web page as a test server answers it: status, headers, body and an optional delay. */
interface Page {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

type Route = (request: IncomingMessage, count: number) => Page;

const html = (title: string, text: string): string =>
  `<!doctype html><html><head><title>${title}</title><style>p{color:red}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`;

/**
 * The pages link checks meet in the wild, served on 127.0.0.1. `/loop` redirects to itself,
 * `/slow` answers after two seconds, `/head-405` refuses HEAD, `/flaky` fails twice before answering.
 */
const ROUTES: Record<string, Route> = {
  '/ok': () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: html('Example', 'Hello') }),
  '/gone-404': () => ({ status: 404, body: 'Not Found' }),
  '/gone-410': () => ({ status: 410, body: 'Gone' }),
  '/challenge': () => ({
    status: 403,
    headers: { 'content-type': 'text/html' },
    body: html('Just a moment...', 'Checking your browser before accessing the site.'),
  }),
  '/busy': () => ({ status: 429, headers: { 'retry-after': '3600' }, body: 'Too Many Requests' }),
  '/loop': () => ({ status: 302, headers: { location: '/loop' } }),
  '/hop-1': () => ({ status: 301, headers: { location: '/hop-2' } }),
  '/hop-2': () => ({ status: 302, headers: { location: '/ok' } }),
  '/slow': () => ({ status: 200, body: 'finally', delayMs: 2000 }),
  '/head-405': (request) => (request.method === 'HEAD' ? { status: 405, headers: { allow: 'GET' } } : { status: 200, body: 'GET only' }),
  '/flaky': (_request, count) => (count <= 2 ? { status: 503, body: 'Service Unavailable' } : { status: 200, body: 'back' }),
  '/down': () => ({ status: 503, body: 'Service Unavailable' }),
  '/license-mit': () => ({
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: html('LICENSE', 'MIT\n   License<br>Copyright (c) 2024 Example. Permission is hereby granted, free of charge, …'),
  }),
  '/license-gpl': () => ({
    status: 200,
    headers: { 'content-type': 'text/plain' },
    body: '                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n',
  }),
  '/license-none': () => ({
    status: 200,
    headers: { 'content-type': 'text/html' },
    body: html('About us', 'We build software for social good.'),
  }),
};

export class WebServer {
  /** `METHOD path` of every request, in order. */
  readonly requests: string[] = [];
  /** Extra routes, e.g. a redirect whose target depends on the port. */
  readonly routes = new Map<string, Route>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<WebServer> {
    let web: WebServer | undefined;
    const server = createServer((req, res) => web!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    web = new WebServer(server, `http://127.0.0.1:${port}`);
    return web;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** Requests for `path` (any method). */
  count(path?: string): number {
    return path === undefined ? this.requests.length : this.requests.filter((r) => r.endsWith(` ${path}`)).length;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', this.origin).pathname;
    this.requests.push(`${req.method} ${path}`);
    const route = this.routes.get(path) ?? ROUTES[path];
    const page = route ? route(req, this.count(path)) : { status: 404, body: 'Not Found' };
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(page.status, page.headers ?? {});
      res.end(req.method === 'HEAD' ? undefined : page.body);
    };
    if (page.delayMs) setTimeout(send, page.delayMs).unref();
    else send();
  }
}
