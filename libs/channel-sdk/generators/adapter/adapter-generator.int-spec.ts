import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..');
const SKIPPED = new Set(['node_modules', '.git', 'dist', 'data', '.nx', 'test-results', '.runtime', 'coverage']);

/** The workspace's sources in a temporary folder (node_modules linked, not copied). */
function copyWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-adapter-generator-'));
  cpSync(ROOT, dir, {
    recursive: true,
    filter: (source) => {
      const rel = relative(ROOT, source);
      return !SKIPPED.has(rel.split('/')[0] ?? '') && !rel.startsWith('infra/kafka/lib');
    },
  });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const node = (cwd: string, args: string[]) =>
  run(process.execPath, args, {
    cwd,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
const jest = (cwd: string, path: string) =>
  node(cwd, [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    '--forceExit',
    path,
  ]);

/**
 * `npx nx g @switchboard/channel-sdk:adapter demo-chat` in a copy of the workspace: the files appear,
 * the normalizer's spec fails until it is filled in, and once it is (a minimal implementation), the
 * workspace type-checks and the new adapter passes the channel conformance suite.
 */
describe('the channel adapter generator', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyWorkspace();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes an adapter that, filled in, type-checks and passes the conformance suite', async () => {
    await node(dir, [
      'node_modules/nx/dist/bin/nx.js',
      'g',
      '@switchboard/channel-sdk:adapter',
      'demo-chat',
      '--no-interactive',
    ]);
    for (const file of [
      'apps/channel-demo-chat/src/main.ts',
      'libs/channels/demo-chat/src/demo-chat-channel.adapter.ts',
      'libs/channels/demo-chat/src/channel-demo-chat.conformance.int-spec.ts',
      'k8s/base/channel-demo-chat/deployment.yaml',
      'k8s/base/channel-demo-chat/scaledobject.yaml',
      'docs/channels/demo-chat.md',
    ])
      expect(existsSync(join(dir, file))).toBe(true);
    const standalone = readFileSync(join(dir, 'apps/standalone/src/standalone-app.module.ts'), 'utf8');
    expect(standalone).toContain(
      'loadDemoChatChannelConfig(process.env).enabled ? [ChannelDemoChatModule.forRoot()] : []',
    );
    if (existsSync(join(ROOT, 'docker-compose.yml')))
      expect(readFileSync(join(dir, 'docker-compose.yml'), 'utf8')).toContain('APP: channel-demo-chat');
    expect(readFileSync(join(dir, 'k8s/base/channel-demo-chat/scaledobject.yaml'), 'utf8')).toContain(
      'consumerGroup: channel-demo-chat.outbound',
    );

    const normalizer = 'libs/channels/demo-chat/src/normalize/normalize-demo-chat-payload';
    await expect(jest(dir, `${normalizer}.spec.ts`)).rejects.toMatchObject({ code: 1 });

    const filled = readFileSync(
      join(ROOT, 'libs/channel-sdk/generators/adapter/testing/filled-normalizer.ts.txt'),
      'utf8',
    )
      .replaceAll('__ClassName__', 'DemoChat')
      .replaceAll('__fileName__', 'demo-chat');
    writeFileSync(join(dir, `${normalizer}.ts`), filled);
    await node(dir, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
    const { stderr } = await jest(dir, 'libs/channels/demo-chat');
    expect(stderr).toMatch(/Tests:.*\d+ passed/);
    expect(stderr).not.toMatch(/Tests:.*failed/);
  }, 600_000);
});
