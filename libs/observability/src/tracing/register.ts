/**
 * OpenTelemetry for a service process, loaded before the app with
 * `node --import ./dist/libs/observability/src/tracing/register.js dist/apps/<app>/src/main.js`
 * (the image's entry point and `npm run start:dist` do). Off unless OTEL_* settings ask for export
 * (see tracing-settings.ts); then the SDK traces HTTP (server and client), pg and ioredis, exports
 * spans over OTLP as the standard settings say, and libs/messaging carries the context through Kafka.
 * Imports nothing of the app: it must run before the instrumented modules are loaded.
 */
import { register } from 'node:module';
import type { IncomingMessage } from 'node:http';
import { tracingSettingsOf } from './tracing-settings';

const settings = tracingSettingsOf(process.env, process.argv[1]);
const INSTRUMENTED = ['pg', 'pg-pool', 'ioredis', 'http', 'https', 'node:http', 'node:https'];

if (settings.enabled) {
  // ESM imports of the instrumented packages are only seen through this loader hook. Limited to
  // them: wrapping every module of the app tripled the CPU its start-up took.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: INSTRUMENTED } });
  // Prometheus /metrics stays the metrics path and pino the logs: the SDK exports traces only.
  process.env['OTEL_METRICS_EXPORTER'] ??= 'none';
  process.env['OTEL_LOGS_EXPORTER'] ??= 'none';
  const [{ NodeSDK }, { HttpInstrumentation }, { PgInstrumentation }, { IORedisInstrumentation }, resources] =
    await Promise.all([
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-pg'),
      import('@opentelemetry/instrumentation-ioredis'),
      import('@opentelemetry/resources'),
    ]);
  const quiet = /^\/(health\/(live|ready)|metrics)(\?|$)/;
  const sdk = new NodeSDK({
    resource: resources.resourceFromAttributes({
      'service.name': settings.serviceName,
      'service.namespace': 'switchboard',
    }),
    instrumentations: [
      // Probes and scrapes every few seconds would drown the traces.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req: IncomingMessage) => quiet.test(req.url ?? '') }),
      new PgInstrumentation(),
      new IORedisInstrumentation(),
    ],
  });
  sdk.start();
  // Spans still buffered are sent while the service stops (it exits once closed).
  const flush = (): void => void sdk.shutdown().catch(() => undefined);
  process.once('SIGTERM', flush);
  process.once('SIGINT', flush);
}
