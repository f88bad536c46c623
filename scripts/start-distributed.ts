/**
 * `npm run start:dist`: the distributed mode on one machine — each app its own process, over the
 * real Kafka (infra/kafka/start), Postgres and Redis. Defaults suit this machine; override with env.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';

// The ticket service runs the migrations; channel-email and channel-api read their tables without running them, so the
// others start once the ticket service is ready.
const first = 'ticket-service';
// SMS and voice only with Twilio numbers configured (docs/channels/sms-voice.md), as in the embedded mode.
const voice = process.env['VOICE_NUMBERS_JSON'] || process.env['VOICE_NUMBERS_FILE'] ? ['channel-voice'] : [];
const then = ['routing-service', 'channel-web', 'agent-api', 'channel-email', 'channel-api', ...voice];
const apps = [first, ...then];
// OpenTelemetry, loaded before each app (off unless OTEL_EXPORTER_OTLP_ENDPOINT or another OTEL_* asks).
const TRACING_REGISTER = './dist/libs/observability/src/tracing/register.js';

function devSecret(): string {
  const file = '.runtime/jwt-secret';
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync('.runtime', { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

function prefixed(name: string, child: ChildProcess): void {
  const write = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n')) if (line) process.stdout.write(`[${name}] ${line}\n`);
  };
  child.stdout?.on('data', write);
  child.stderr?.on('data', write);
}

const env: Record<string, string> = {
  SWITCHBOARD_MODE: 'distributed',
  DATABASE_URL: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/switchboard',
  KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
  REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  JWT_SECRET: process.env['JWT_SECRET'] ?? devSecret(),
  SEED_DEMO: process.env['SEED_DEMO'] ?? 'true',
  // Every service's mails link to the web channel's portal, not to the service's own port.
  PUBLIC_WEB_URL: process.env['PUBLIC_WEB_URL'] ?? `http://127.0.0.1:${process.env['PORT'] ?? 3000}`,
};

await ensureDatabase(env['DATABASE_URL'] ?? '');
const children: ChildProcess[] = [];
// Every service answers /health/* and /metrics: one port each, next to the web form's.
const webPort = Number(process.env['PORT'] ?? 3000);
const ports: Record<string, number> = {
  'channel-web': webPort,
  'ticket-service': webPort + 2,
  'routing-service': webPort + 3,
  'channel-email': webPort + 4,
  'channel-api': webPort + 5,
  'channel-voice': webPort + 6,
};
function start(app: string): ChildProcess {
  const port = ports[app];
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', '--import', TRACING_REGISTER, `dist/apps/${app}/src/main.js`],
    {
      env: { ...process.env, ...env, ...(port === undefined ? {} : { PORT: String(port) }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  prefixed(app, child);
  child.once('exit', (code) => {
    process.stdout.write(`[${app}] exited with ${code}\n`);
    if (code !== 0) stopAll();
  });
  children.push(child);
  return child;
}

function ready(app: string, child: ChildProcess): Promise<boolean> {
  return new Promise((done) => {
    const pattern = new RegExp(`${app} ready`);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (pattern.test(chunk.toString())) done(true);
    });
    child.once('exit', () => done(false));
  });
}

let stopping = false;
function stopAll(): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
}
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
process.stdout.write(`Starting ${first}, then ${then.join(', ')}\n`);
if (!(await ready(first, start(first)))) {
  process.stdout.write(`${first} stopped before it was ready; see its output above\n`);
  process.exitCode = 1;
} else if (!stopping) {
  for (const app of then) start(app);
  process.stdout.write(
    `Started ${apps.join(', ')}; web form on http://127.0.0.1:${process.env['PORT'] ?? 3000}/, agent API on http://127.0.0.1:${process.env['AGENT_API_PORT'] ?? 3001}/api/v1\n`,
  );
}
