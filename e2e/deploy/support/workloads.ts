import type { K8sObject } from './render';

/** The parts of the rendered workloads these checks read. */
export interface Probe {
  readonly httpGet?: { readonly path?: string; readonly port?: string | number };
}

export interface Container {
  readonly name: string;
  readonly env?: readonly { readonly name: string; readonly value?: string }[];
  readonly envFrom?: readonly { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readonly ports?: readonly { readonly name?: string; readonly containerPort: number }[];
  readonly livenessProbe?: Probe;
  readonly readinessProbe?: Probe;
  readonly resources?: {
    readonly requests?: Record<string, string>;
    readonly limits?: Record<string, string>;
  };
  readonly securityContext?: {
    readonly readOnlyRootFilesystem?: boolean;
    readonly allowPrivilegeEscalation?: boolean;
    readonly runAsNonRoot?: boolean;
  };
}

export interface PodSpec {
  readonly containers: readonly Container[];
  readonly securityContext?: { readonly runAsNonRoot?: boolean; readonly runAsUser?: number };
  readonly affinity?: { readonly podAntiAffinity?: unknown };
}

export interface Deployment extends K8sObject {
  readonly spec: {
    readonly replicas?: number;
    readonly selector: { readonly matchLabels: Record<string, string> };
    readonly template: { readonly metadata: { readonly labels: Record<string, string> }; readonly spec: PodSpec };
  };
}

export interface Job extends K8sObject {
  readonly spec: { readonly template: { readonly spec: PodSpec } };
}

export interface KafkaTrigger {
  readonly type: string;
  readonly metadata: Record<string, string>;
}

export interface ScaledObject extends K8sObject {
  readonly spec: {
    readonly scaleTargetRef: { readonly name: string };
    readonly minReplicaCount?: number;
    readonly maxReplicaCount?: number;
    readonly triggers: readonly KafkaTrigger[];
  };
}

export interface Hpa extends K8sObject {
  readonly spec: {
    readonly scaleTargetRef: { readonly name: string };
    readonly minReplicas?: number;
    readonly metrics?: readonly { readonly resource?: { readonly name: string } }[];
  };
}

export interface Pdb extends K8sObject {
  readonly spec: { readonly selector: { readonly matchLabels: Record<string, string> } };
}

export interface ConfigMap extends K8sObject {
  readonly data: Record<string, string>;
}

export interface Secret extends K8sObject {
  readonly data?: Record<string, string>;
  readonly stringData?: Record<string, string>;
}

export const envOf = (container: Container, name: string): string | undefined =>
  container.env?.find((e) => e.name === name)?.value;

/** The one container of a pod, named after its app. */
export function mainContainer(spec: PodSpec, name: string): Container {
  const container = spec.containers.find((c) => c.name === name) ?? spec.containers[0];
  if (!container) throw new Error(`${name}: no container`);
  return container;
}

/** The secret's keys, whichever of data / stringData holds them. */
export const secretKeys = (secret: Secret): string[] =>
  Object.keys({ ...(secret.data ?? {}), ...(secret.stringData ?? {}) });

/** A secret's values, decoded. */
export function secretValues(secret: Secret): Record<string, string> {
  const decoded = Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
  return { ...decoded, ...(secret.stringData ?? {}) };
}

/** "a=12, b=6" → partitions of topic `a` (the same parsing as the configuration). */
export function partitionsOf(config: Record<string, string>, topic: string): number {
  const perTopic = (config['KAFKA_TOPIC_PARTITIONS'] ?? '')
    .split(',')
    .map((pair) => pair.trim().split('='))
    .find(([name]) => name === topic);
  return Number(perTopic?.[1] ?? config['KAFKA_PARTITIONS'] ?? 6);
}
