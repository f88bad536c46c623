import type { K8sObject } from './render';

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/**
 * Validates one object against the schema of its apiVersion and kind: Kubernetes' own from
 * `kubernetes-models` (generated from the API's OpenAPI document), KEDA's from
 * `@kubernetes-models/keda` (generated from its CRDs). An apiVersion/kind neither knows fails.
 */
export async function validateObject(object: K8sObject): Promise<void> {
  const slash = object.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : object.apiVersion.slice(0, slash);
  const version = object.apiVersion.slice(slash + 1);
  const module = group.endsWith('keda.sh')
    ? `@kubernetes-models/keda/${group}/${version}`
    : `kubernetes-models/${group || version}${group ? `/${version}` : ''}`;
  const models = (await import(module)) as Record<string, ModelClass | undefined>;
  const Model = models[object.kind];
  if (!Model) throw new Error(`${object.apiVersion} ${object.kind}: no schema in ${module}`);
  new Model(object).validate();
}
