import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@switchboard/config';
import { consumerGroupIdOf, declaredConsumers, type DeclaredConsumer } from '@switchboard/messaging';
import { repoRoot } from '../support/service-process';
import { codeConsumers, deployedConfig, serviceApps, type CodeConsumer } from './support/code-inventory';
import { named, ofKind, OVERLAYS, renderOverlay, type K8sObject, type Overlay } from './support/render';
import { validateObject } from './support/schemas';
import {
  envOf,
  mainContainer,
  partitionsOf,
  secretKeys,
  secretValues,
  type ConfigMap,
  type Deployment,
  type Hpa,
  type Job,
  type Pdb,
  type ScaledObject,
  type Secret,
} from './support/workloads';

/** Services reached from outside through the Ingress: they also scale on CPU. */
const HTTP_SERVICES = ['agent-api', 'channel-web'];

/** The keys docs/deploy.md documents for switchboard-config and switchboard-secrets. */
function documentedKeys(): Set<string> {
  const doc = readFileSync(join(repoRoot, 'docs/deploy.md'), 'utf8');
  return new Set([...doc.matchAll(/^\| `([A-Z][A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1] ?? ''));
}

/**
 * Every overlay rendered by kustomize (kubectl from scripts/fetch-kubectl.mjs) and every object
 * validated against the Kubernetes and KEDA schemas, then checked against what the code runs: the
 * services are the apps whose main.ts starts one, the consumer groups are the @BatchEventPattern
 * handlers their root modules reach. A new service without a probed Deployment, or a new consumer
 * group without its KEDA trigger, fails here. No cluster and no Docker engine are needed.
 */
describe('k8s/: rendered, validated, and covering every service and consumer group', () => {
  const rendered = new Map<Overlay, K8sObject[]>();
  let inCode: CodeConsumer[];

  beforeAll(async () => {
    for (const overlay of OVERLAYS) rendered.set(overlay, renderOverlay(overlay));
    inCode = await codeConsumers(deployedConfig());
  }, 120_000);

  const objects = (overlay: Overlay): K8sObject[] => rendered.get(overlay) ?? [];

  it('validates a broken object as broken (the schemas are really applied)', async () => {
    const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two' } };
    await expect(validateObject(broken)).rejects.toThrow();
    const trigger = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'x' }, spec: {} };
    await expect(validateObject(trigger)).rejects.toThrow();
  });

  it.each(OVERLAYS)('%s: every rendered object is valid against its Kubernetes or KEDA schema', async (overlay) => {
    expect(objects(overlay).length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const object of objects(overlay)) {
      await validateObject(object).catch((error: unknown) =>
        problems.push(
          `${object.kind}/${object.metadata.name}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
    expect(problems).toEqual([]);
  });

  it('declares exactly the consumer groups the services run (libs/messaging DeclaredConsumers)', () => {
    const config = deployedConfig();
    const declared = declaredConsumers()
      .map((c) => `${c.app} ${c.topic} ${consumerGroupIdOf(c, config.instanceId)}`)
      .sort();
    const running = inCode.map((c) => `${c.app} ${c.topic} ${c.groupId}`).sort();
    expect(running.length).toBeGreaterThanOrEqual(6);
    expect(running).toEqual(declared);
  });

  it('fails a consumer group added to the inventory without its KEDA trigger', () => {
    const unscaled: DeclaredConsumer = {
      groupId: 'ticket-service.not-deployed',
      topic: 'ticket.events.v1',
      app: 'ticket-service',
      scaling: 'kafka-lag',
    };
    const prod = objects('prod');
    const settings = named<ConfigMap>(prod, 'ConfigMap', 'switchboard-config').data;
    expect(lagScalingProblems(prod, settings, [...declaredConsumers(), unscaled])).toEqual([
      'ticket-service.not-deployed on ticket.events.v1: no kafka trigger in the ScaledObject of ticket-service',
    ]);
  });

  describe.each(OVERLAYS)('%s overlay', (overlay) => {
    const config = (): Record<string, string> =>
      named<ConfigMap>(objects(overlay), 'ConfigMap', 'switchboard-config').data;

    it.each(serviceApps())('runs %s as a probed, limited, non-root Deployment with a Service and a PDB', (app) => {
      const all = objects(overlay);
      const deployment = named<Deployment>(all, 'Deployment', app);
      const pod = deployment.spec.template.spec;
      const container = mainContainer(pod, app);
      expect(envOf(container, 'APP')).toBe(app);
      expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
      const ports = (container.ports ?? []).map((p) => p.name);
      expect(ports).toContain(container.livenessProbe?.httpGet?.port);
      expect(ports).toContain(container.readinessProbe?.httpGet?.port);
      expect(container.resources?.requests?.['cpu']).toBeDefined();
      expect(container.resources?.requests?.['memory']).toBeDefined();
      expect(container.resources?.limits?.['memory']).toBeDefined();
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      expect(container.envFrom).toEqual(
        expect.arrayContaining([
          { configMapRef: { name: 'switchboard-config' } },
          { secretRef: { name: 'switchboard-secrets' } },
        ]),
      );
      const selector = deployment.spec.selector.matchLabels;
      expect(named(all, 'Service', app)).toBeDefined();
      const pdbs = ofKind<Pdb>(all, 'PodDisruptionBudget').filter(
        (p) => JSON.stringify(p.spec.selector.matchLabels) === JSON.stringify(selector),
      );
      expect(pdbs).toHaveLength(1);
      // One autoscaler per Deployment: KEDA owns the HPA of a ScaledObject's target.
      const scalers = [
        ...ofKind<Hpa>(all, 'HorizontalPodAutoscaler').filter((h) => h.spec.scaleTargetRef.name === app),
        ...ofKind<ScaledObject>(all, 'ScaledObject').filter((s) => s.spec.scaleTargetRef.name === app),
      ];
      expect(scalers).toHaveLength(1);
    });

    it('scales every consumer group on its Kafka lag, never past its topic partitions', () => {
      expect(lagScalingProblems(objects(overlay), config(), declaredConsumers())).toEqual([]);
    });

    it('scales the HTTP services on CPU and routes the Ingress to them', () => {
      const all = objects(overlay);
      for (const app of HTTP_SERVICES) {
        const hpa = ofKind<Hpa>(all, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === app);
        const scaled = ofKind<ScaledObject>(all, 'ScaledObject').find((s) => s.spec.scaleTargetRef.name === app);
        const onCpu =
          hpa?.spec.metrics?.some((m) => m.resource?.name === 'cpu') ??
          scaled?.spec.triggers.some((t) => t.type === 'cpu');
        expect({ app, onCpu }).toEqual({ app, onCpu: true });
      }
      const ingress = JSON.stringify(ofKind(all, 'Ingress'));
      for (const app of HTTP_SERVICES) expect(ingress).toContain(`"service":{"name":"${app}"`);
    });

    it('migrates and creates topics in Jobs of their own, before the services (which never migrate)', () => {
      const all = objects(overlay);
      const steps = ofKind<Job>(all, 'Job').map((job) => {
        const container = mainContainer(job.spec.template.spec, 'init');
        return `${envOf(container, 'APP') ?? ''}:${envOf(container, 'INIT_STEPS') ?? ''}`;
      });
      expect(steps.sort()).toEqual(['init:migrations', 'init:topics']);
      expect(config()['RUN_MIGRATIONS']).toBe('false');
    });

    it('documents every setting and secret key, keeps secrets out of the ConfigMap, and passes the config schema', () => {
      const all = objects(overlay);
      const documented = documentedKeys();
      const settings = config();
      expect(Object.keys(settings).filter((key) => !documented.has(key))).toEqual([]);
      expect(Object.keys(settings).filter((key) => /SECRET|PASSWORD|DATABASE_URL|REDIS_URL/.test(key))).toEqual([]);
      const secret = ofKind<Secret>(all, 'Secret').find((s) => s.metadata.name.startsWith('switchboard-secrets'));
      const secrets = overlay === 'dev' && secret ? secretValues(secret) : placeholderSecrets();
      if (secret) expect(secretKeys(secret).filter((key) => !documented.has(key))).toEqual([]);
      expect(() => loadConfig({ ...settings, ...secrets })).not.toThrow();
    });
  });

  it('prod runs at least two replicas of everything, spread by anti-affinity', () => {
    const all = objects('prod');
    for (const app of serviceApps()) {
      const deployment = named<Deployment>(all, 'Deployment', app);
      expect({ app, replicas: deployment.spec.replicas }).toEqual({ app, replicas: 2 });
      expect(deployment.spec.template.spec.affinity?.podAntiAffinity).toBeDefined();
    }
    for (const hpa of ofKind<Hpa>(all, 'HorizontalPodAutoscaler'))
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    for (const scaled of ofKind<ScaledObject>(all, 'ScaledObject')) {
      expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(2);
    }
    // Production's Secret comes from the secret store, never from this repository.
    expect(ofKind(all, 'Secret')).toEqual([]);
  });
});

/** What production's Secret holds, with values that only need to pass validation. */
function placeholderSecrets(): Record<string, string> {
  return {
    DATABASE_URL: 'postgres://switchboard:pw@postgres:5432/switchboard',
    REDIS_URL: 'redis://redis:6379',
    JWT_SECRET: 'x'.repeat(32),
    PORTAL_SECRET: 'y'.repeat(32),
  };
}

/**
 * What keeps KEDA from scaling the consumers right: a `kafka-lag` group without a trigger (topic and
 * group as on the wire) in its app's ScaledObject, a trigger for a group that does not exist, or a
 * ScaledObject allowed more replicas than its topics have partitions.
 */
function lagScalingProblems(
  all: readonly K8sObject[],
  settings: Record<string, string>,
  consumers: readonly DeclaredConsumer[],
): string[] {
  const prefix = settings['KAFKA_TOPIC_PREFIX'] ?? '';
  const lagScaled = consumers.filter((c) => c.scaling === 'kafka-lag');
  const scaledObjects = ofKind<ScaledObject>(all, 'ScaledObject');
  const problems: string[] = [];
  for (const consumer of lagScaled) {
    const scaled = scaledObjects.find((s) => s.spec.scaleTargetRef.name === consumer.app);
    const trigger = scaled?.spec.triggers.find(
      (t) => t.type === 'kafka' && t.metadata['consumerGroup'] === `${prefix}${consumer.groupId}`,
    );
    const where = `${consumer.groupId} on ${consumer.topic}`;
    if (!trigger) problems.push(`${where}: no kafka trigger in the ScaledObject of ${consumer.app}`);
    else if (trigger.metadata['topic'] !== `${prefix}${consumer.topic}`)
      problems.push(`${where}: trigger on another topic`);
    else if (!trigger.metadata['bootstrapServersFromEnv'] && !trigger.metadata['bootstrapServers'])
      problems.push(`${where}: trigger names no bootstrap servers`);
  }
  for (const scaled of scaledObjects) {
    const kafka = scaled.spec.triggers.filter((t) => t.type === 'kafka');
    for (const trigger of kafka) {
      const group = trigger.metadata['consumerGroup'] ?? '';
      if (!lagScaled.some((c) => `${prefix}${c.groupId}` === group))
        problems.push(`${scaled.metadata.name}: trigger for ${group}, which no service runs`);
    }
    const partitions = Math.max(
      ...kafka.map((t) => partitionsOf(settings, (t.metadata['topic'] ?? '').slice(prefix.length))),
    );
    if ((scaled.spec.maxReplicaCount ?? 100) > partitions)
      problems.push(`${scaled.metadata.name}: maxReplicaCount above the ${partitions} partitions of its topics`);
  }
  return problems;
}
