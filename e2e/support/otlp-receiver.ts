import { createServer, type Server } from 'node:http';

/** One span as an OTLP/HTTP JSON export names it, with the service that sent it. */
export interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: number;
  readonly links: readonly { traceId: string; spanId: string }[];
}

interface OtlpValue {
  readonly stringValue?: string;
}
interface OtlpExport {
  readonly resourceSpans?: readonly {
    readonly resource?: { readonly attributes?: readonly { key: string; value: OtlpValue }[] };
    readonly scopeSpans?: readonly {
      readonly spans?: readonly (Omit<ReceivedSpan, 'service' | 'links' | 'parentSpanId'> & {
        parentSpanId?: string;
        links?: { traceId: string; spanId: string }[];
      })[];
    }[];
  }[];
}

/**
 * A trace collector of our own on loopback: accepts OTLP/HTTP JSON exports at /v1/traces (what the
 * services send with OTEL_EXPORTER_OTLP_PROTOCOL=http/json) and keeps every span, so a test reads
 * what a tracing backend would have received.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  #server: Server | undefined;

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/traces') {
          this.#keep(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        } else res.writeHead(404).end();
      });
    });
    const server = this.#server;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (server) await new Promise<void>((done) => server.close(() => done()));
  }

  /** Every span of one trace. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  #keep(body: OtlpExport): void {
    for (const resource of body.resourceSpans ?? []) {
      const service =
        resource.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '(unknown)';
      for (const scope of resource.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          this.spans.push({
            service,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId ?? '',
            name: span.name,
            kind: span.kind,
            links: span.links ?? [],
          });
        }
      }
    }
  }
}
