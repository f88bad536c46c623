// The channel adapter generator: `npx nx g @switchboard/channel-sdk:adapter <name>`. CommonJS and plain
// JavaScript because Nx loads a local generator with require() and this workspace has no TS register hook.
'use strict';
const path = require('node:path');
const { formatFiles, generateFiles, names, updateJson } = require('@nx/devkit');

const OUTBOUND = {
  api: { enumName: 'API', topicKey: 'outboundApi', topic: 'outbound.api.v1' },
  wechat: { enumName: 'WECHAT', topicKey: 'outboundWechat', topic: 'outbound.wechat.v1' },
  sms: { enumName: 'SMS', topicKey: 'outboundSms', topic: 'outbound.sms.v1' },
  voice: { enumName: 'VOICE', topicKey: 'outboundSms', topic: 'outbound.sms.v1' },
};

/** The marker in apps/standalone's root module before which generated channels are registered. */
const STANDALONE_MARKER = '// channel-sdk:generated-adapters';

function substitutions(name, channel) {
  const n = names(name);
  const outbound = OUTBOUND[channel];
  return {
    fileName: n.fileName,
    className: n.className,
    constantName: n.constantName,
    channelEnum: outbound.enumName,
    outboundTopicKey: outbound.topicKey,
    outboundTopicName: outbound.topic,
    tmpl: '',
  };
}

function addPaths(tree, s) {
  updateJson(tree, 'tsconfig.base.json', (json) => {
    json.compilerOptions.paths[`@switchboard/channel-${s.fileName}`] = [`./libs/channels/${s.fileName}/src/index.ts`];
    return json;
  });
  updateJson(tree, 'package.json', (json) => {
    json.scripts[`start:channel-${s.fileName}`] =
      `node scripts/build.mjs && node --enable-source-maps dist/apps/channel-${s.fileName}/src/main.js`;
    return json;
  });
}

/** The embedded server runs the channel when <NAME>_CHANNEL_ENABLED=true. */
function registerInStandalone(tree, s) {
  const file = 'apps/standalone/src/standalone-app.module.ts';
  const source = tree.read(file, 'utf-8');
  if (!source || !source.includes(STANDALONE_MARKER)) throw new Error(`${file} has no "${STANDALONE_MARKER}" marker`);
  const importLine = `import { Channel${s.className}Module, load${s.className}ChannelConfig } from '@switchboard/channel-${s.fileName}';\n`;
  const entry = `...(load${s.className}ChannelConfig(process.env).enabled ? [Channel${s.className}Module.forRoot()] : []),\n        `;
  const lastImport = source.lastIndexOf('\nimport ');
  const afterImports = source.indexOf('\n', source.indexOf(';', lastImport)) + 1;
  let next = source.slice(0, afterImports) + importLine + source.slice(afterImports);
  next = next.replace(STANDALONE_MARKER, `${entry}${STANDALONE_MARKER}`);
  tree.write(file, next);
}

/** docker-compose.yml: one service per channel app, on the shared x-app anchor (when the file has one). */
function addComposeService(tree, s) {
  const file = 'docker-compose.yml';
  const source = tree.read(file, 'utf-8');
  if (!source || source.includes(`\n  channel-${s.fileName}:`)) return;
  const block = `  channel-${s.fileName}:\n    <<: *app\n    environment: { <<: *env, APP: channel-${s.fileName} }\n`;
  const lines = source.split('\n');
  const start = lines.findIndex((line) => line === 'services:');
  if (start === -1) return;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++)
    if (/^\S/.test(lines[i])) {
      end = i;
      break;
    }
  while (end > start + 1 && lines[end - 1].trim() === '') end--;
  lines.splice(end, 0, block.trimEnd());
  tree.write(file, lines.join('\n'));
}

/** k8s/base/kustomization.yaml (the deployment's kustomize base), when there is one, lists the channel. */
function addKustomizeResource(tree, s) {
  const file = 'k8s/base/kustomization.yaml';
  const source = tree.read(file, 'utf-8');
  if (!source || source.includes(`- channel-${s.fileName}`)) return;
  if (!/^resources:\s*$/m.test(source)) return;
  tree.write(file, source.replace(/^resources:\s*$/m, `resources:\n  - channel-${s.fileName}`));
}

module.exports = async function adapterGenerator(tree, options) {
  const channel = options.channel || 'api';
  if (!OUTBOUND[channel]) throw new Error(`--channel must be one of ${Object.keys(OUTBOUND).join(', ')}`);
  const s = substitutions(options.name, channel);
  if (tree.exists(`libs/channels/${s.fileName}`)) throw new Error(`libs/channels/${s.fileName} exists already`);
  generateFiles(tree, path.join(__dirname, 'files'), '.', s);
  addPaths(tree, s);
  registerInStandalone(tree, s);
  addComposeService(tree, s);
  addKustomizeResource(tree, s);
  await formatFiles(tree);
  return () => {
    console.log(
      `\nchannel-${s.fileName}: fill in libs/channels/${s.fileName}/src/normalize/ (its spec fails until then),` +
        ` and declare its group channel-${s.fileName}.outbound in libs/messaging DeclaredConsumers (e2e/deploy checks).`,
    );
  };
};
