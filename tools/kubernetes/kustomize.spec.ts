// The Kubernetes manifests (docker/kubernetes), read the way an operator reviews them before applying: every overlay
// renders with kustomize and every object it yields validates against the Kubernetes and CloudNativePG schemas
// (tools/kubernetes/check.ts, which is shown to refuse a broken object); every workload has its probes, resources, a
// disruption budget and an autoscaler; no secret is in the repository; NATS is a 3-node JetStream cluster whose
// streams are replicated 3 times and never age out; PostgreSQL has a replica and a backup; the province's NATS takes
// the offices as leaf nodes and sources their streams. Needs kubectl (kustomize v5) on the PATH, as CI has.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { STREAMS } from '@adminduk/contracts';
import { checkOverlay, KUBERNETES_DIR, overlayDirs, OVERLAYS_DIR, parseYamlDocuments, validateObject, type KubeObject, type OverlayReport } from './check';

const ROOT = join(__dirname, '..', '..');
const SERVICES = ['identity', 'deeds', 'outreach', 'reporting'] as const;
const README = readFileSync(join(KUBERNETES_DIR, 'README.md'), 'utf8');

interface Probe {
  httpGet?: { path?: string; port?: number | string };
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  image?: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean; allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  volumes?: { name: string; secret?: { secretName: string } }[];
}
interface Workload extends KubeObject {
  spec: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
    volumeClaimTemplates?: unknown[];
  };
}
interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

const reports = new Map<string, OverlayReport>();
/** The rendered overlay (rendered once per overlay for the whole file). */
function report(overlay: string): OverlayReport {
  let found = reports.get(overlay);
  if (!found) {
    found = checkOverlay(join(OVERLAYS_DIR, overlay));
    reports.set(overlay, found);
  }
  return found;
}
const objectsOf = (overlay: string, kind: string): KubeObject[] => report(overlay).objects.filter((o) => o.kind === kind);
const one = <T extends KubeObject>(overlay: string, kind: string, name: string): T => {
  const found = objectsOf(overlay, kind).filter((o) => o.metadata.name === name);
  expect(found.map((o) => o.metadata.name)).toHaveLength(1);
  return found[0] as T;
};
/** A generated ConfigMap (its name ends in a content hash). */
const configMap = (overlay: string, name: string): Record<string, string> =>
  (objectsOf(overlay, 'ConfigMap').find((o) => o.metadata.name.replace(/-[a-z0-9]{10}$/, '') === name) as ConfigMap | undefined)?.data ?? {};
const workloads = (overlay: string): Workload[] => report(overlay).objects.filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind)) as Workload[];
const containersOf = (w: Workload): Container[] => [...(w.spec.template.spec.initContainers ?? []), ...w.spec.template.spec.containers];
const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean =>
  selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

const OVERLAYS = overlayDirs().map((dir) => basename(dir));

it('has the two overlays: one regency office and a province', () => {
  expect(OVERLAYS).toEqual(['province', 'regency']);
});

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  it('renders with kustomize, and every object validates against its schema', () => {
    const { objects, problems, validated } = report(overlay);
    expect(problems).toEqual([]);
    expect(objects.length).toBeGreaterThan(10);
    expect(Object.values(validated).reduce((a, b) => a + b, 0)).toBe(objects.length);
  });

  it('puts everything in the one namespace it creates, which enforces the restricted pod security standard', () => {
    const [namespace] = objectsOf(overlay, 'Namespace');
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const o of report(overlay).objects.filter((x) => x.kind !== 'Namespace')) expect(`${o.kind}/${o.metadata.name} in ${o.metadata.namespace}`).toBe(`${o.kind}/${o.metadata.name} in ${namespace.metadata.name}`);
  });

  it('probes every service on /health/ready (readiness) and /health/live (liveness), and the app where its image checks itself', () => {
    const health = readFileSync(join(ROOT, 'libs/platform/src/health/health.controller.ts'), 'utf8');
    expect(health).toMatch(/@Controller\('health'\)[\s\S]*@Get\('live'\)[\s\S]*@Get\('ready'\)/);
    // nginx has no /health: the proxy image's HEALTHCHECK asks for /config.json, and so do the probes.
    const proxyCheck = /HEALTHCHECK[\s\S]*?http:\/\/127\.0\.0\.1:8080(\/\S+?)["\s]/.exec(readFileSync(join(ROOT, 'docker/proxy/Dockerfile'), 'utf8'))?.[1];
    expect(proxyCheck).toBe('/config.json');
    const deployments = objectsOf(overlay, 'Deployment') as Workload[];
    expect(deployments.length).toBeGreaterThan(0);
    for (const d of deployments) {
      for (const c of d.spec.template.spec.containers) {
        const expected = d.metadata.name === 'web' ? { ready: proxyCheck, live: proxyCheck } : { ready: '/health/ready', live: '/health/live' };
        expect({ deployment: d.metadata.name, ready: c.readinessProbe?.httpGet?.path, live: c.livenessProbe?.httpGet?.path }).toEqual({ deployment: d.metadata.name, ...expected });
      }
    }
  });

  it('gives every container of every workload CPU and memory requests and limits', () => {
    for (const w of workloads(overlay)) {
      for (const c of containersOf(w)) {
        const what = `${w.kind}/${w.metadata.name} ${c.name}`;
        expect({ what, requests: Object.keys(c.resources?.requests ?? {}).sort(), limits: Object.keys(c.resources?.limits ?? {}).sort() }).toEqual({ what, requests: ['cpu', 'memory'], limits: ['cpu', 'memory'] });
      }
    }
  });

  it('runs every pod as non-root, without privilege escalation or capabilities, on a read-only root filesystem', () => {
    for (const w of workloads(overlay)) {
      expect({ what: `${w.kind}/${w.metadata.name}`, runAsNonRoot: w.spec.template.spec.securityContext?.runAsNonRoot }).toEqual({ what: `${w.kind}/${w.metadata.name}`, runAsNonRoot: true });
      for (const c of containersOf(w)) {
        expect({ what: `${w.metadata.name} ${c.name}`, ...c.securityContext }).toMatchObject({ what: `${w.metadata.name} ${c.name}`, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      }
    }
  });

  it('has a PodDisruptionBudget and a HorizontalPodAutoscaler (2 or more) for every Deployment, and leaves the count to the autoscaler', () => {
    const budgets = objectsOf(overlay, 'PodDisruptionBudget') as (KubeObject & { spec: { selector: { matchLabels?: Record<string, string> } } })[];
    const autoscalers = objectsOf(overlay, 'HorizontalPodAutoscaler') as (KubeObject & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas?: number } })[];
    for (const d of objectsOf(overlay, 'Deployment') as Workload[]) {
      const labels = d.spec.template.metadata?.labels;
      expect({ deployment: d.metadata.name, budgets: budgets.filter((b) => selects(b.spec.selector.matchLabels, labels)).length }).toEqual({ deployment: d.metadata.name, budgets: 1 });
      const hpa = autoscalers.filter((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === d.metadata.name);
      expect({ deployment: d.metadata.name, autoscalers: hpa.length, min: hpa[0]?.spec.minReplicas }).toEqual({ deployment: d.metadata.name, autoscalers: 1, min: 2 });
      expect(d.spec.replicas).toBeUndefined();
    }
  });

  it('holds no secret: no Secret object, no secret-looking value in a ConfigMap or an env value; every Secret referenced is documented for the operator', () => {
    expect(objectsOf(overlay, 'Secret')).toEqual([]);
    const secretish = /SECRET|PASSWORD|SIGNING_KEY|PRIVATE|TOKEN/;
    for (const cm of objectsOf(overlay, 'ConfigMap') as ConfigMap[]) expect(Object.keys(cm.data ?? {}).filter((k) => secretish.test(k))).toEqual([]);
    const referenced = new Set<string>();
    for (const w of workloads(overlay)) {
      for (const c of containersOf(w)) {
        expect((c.env ?? []).filter((e) => secretish.test(e.name) && e.value !== undefined).map((e) => e.name)).toEqual([]);
        for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) referenced.add(e.valueFrom.secretKeyRef.name);
        for (const f of c.envFrom ?? []) if (f.secretRef) referenced.add(f.secretRef.name);
      }
      for (const v of w.spec.template.spec.volumes ?? []) if (v.secret) referenced.add(v.secret.secretName);
    }
    for (const i of objectsOf(overlay, 'Ingress') as (KubeObject & { spec: { tls?: { secretName?: string }[] } })[]) for (const t of i.spec.tls ?? []) if (t.secretName) referenced.add(t.secretName);
    expect(referenced.size).toBeGreaterThan(0);
    expect([...referenced].filter((name) => !README.includes(`\`${name}\``))).toEqual([]);
  });

  it('gives each service a migration Job (the image\'s migrate argument) and starts the Deployments with MIGRATE_ON_START=false', () => {
    expect(configMap(overlay, 'adminduk-config').MIGRATE_ON_START).toBe('false');
    for (const d of objectsOf(overlay, 'Deployment') as Workload[]) {
      if (d.metadata.name === 'web') continue;
      const [container] = d.spec.template.spec.containers;
      const job = one<Workload>(overlay, 'Job', `${d.metadata.name}-migrate`);
      const [migrate] = job.spec.template.spec.containers;
      expect({ image: migrate.image, args: migrate.args }).toEqual({ image: container.image, args: ['migrate'] });
      // The same database and secrets as the service.
      expect(migrate.env).toEqual(container.env);
      expect(migrate.envFrom).toEqual(container.envFrom);
    }
  });

  it('runs NATS as a 3-node JetStream cluster with a volume per node behind a headless Service', () => {
    const nats = one<Workload>(overlay, 'StatefulSet', 'nats');
    expect(nats.spec.replicas).toBe(3);
    expect(nats.spec.volumeClaimTemplates).toHaveLength(1);
    const conf = configMap(overlay, 'nats-config')['nats.conf'];
    expect(conf).toMatch(/jetstream\s*{[^}]*store_dir:\s*\/data/);
    expect(conf.match(/nats-route:\/\/nats-\d\.nats:6222/g)).toEqual(['nats-route://nats-0.nats:6222', 'nats-route://nats-1.nats:6222', 'nats-route://nats-2.nats:6222']);
    const service = one<KubeObject & { spec: { clusterIP?: string } }>(overlay, 'Service', 'nats');
    expect(service.spec.clusterIP).toBe('None');
  });

  it('tells the services every NATS node, 3 replicas per stream, and no age or size limit (reporting replays every event)', () => {
    const config = configMap(overlay, 'adminduk-config');
    expect(config.NATS_URL.split(',')).toEqual(['nats://nats-0.nats:4222', 'nats://nats-1.nats:4222', 'nats://nats-2.nats:4222']);
    expect({ replicas: config.NATS_STREAM_REPLICAS, maxAgeDays: config.NATS_STREAM_MAX_AGE_DAYS, maxBytes: config.NATS_STREAM_MAX_BYTES }).toEqual({ replicas: '3', maxAgeDays: '0', maxBytes: '0' });
  });

  it('runs PostgreSQL as a CloudNativePG cluster with a replica, continuous backup and a nightly base backup', () => {
    const cluster = one<KubeObject & { spec: { instances: number; backup?: { barmanObjectStore?: { destinationPath?: string; s3Credentials?: Record<string, { name: string; key: string }> } } } }>(overlay, 'Cluster', 'adminduk-pg');
    expect(cluster.spec.instances).toBeGreaterThanOrEqual(2);
    const store = cluster.spec.backup?.barmanObjectStore;
    expect(store?.destinationPath).toMatch(/^s3:\/\/.+\/\d{2,4}$/);
    expect(Object.values(store?.s3Credentials ?? {}).map((ref) => ref.name)).toEqual(['adminduk-backup-s3', 'adminduk-backup-s3']);
    const scheduled = objectsOf(overlay, 'ScheduledBackup') as (KubeObject & { spec: { cluster: { name: string } } })[];
    expect(scheduled.map((s) => s.spec.cluster.name)).toEqual(['adminduk-pg']);
  });

  it('lets nothing in or out that a policy does not name, and lets the services answer the ingress controller only', () => {
    const policies = objectsOf(overlay, 'NetworkPolicy') as (KubeObject & { spec: { podSelector: { matchLabels?: Record<string, string> }; policyTypes: string[]; ingress?: { from?: { namespaceSelector?: { matchLabels?: Record<string, string> }; podSelector?: { matchLabels?: Record<string, string> } }[] }[] } })[];
    const deny = policies.find((p) => p.metadata.name === 'default-deny');
    expect(deny?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const toServices = policies.filter((p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/component'] === 'api' && p.spec.policyTypes.includes('Ingress'));
    const sources = toServices.flatMap((p) => (p.spec.ingress ?? []).flatMap((rule) => rule.from ?? []));
    expect(sources).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } },
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } },
    ]);
  });

  it('names every image with a release tag, and Adminduk\'s own images in the operator\'s registry', () => {
    const images = workloads(overlay).flatMap((w) => containersOf(w).map((c) => c.image ?? ''));
    for (const image of images) expect(image).toMatch(/:(?!latest$)\w[\w.-]*$/);
    // The base's bare names (adminduk/identity …) are rewritten by the overlay's images: to a registry and a tag.
    expect(images.filter((image) => image.startsWith('adminduk/'))).toEqual([]);
  });
});

describe('the regency office (Nagekeo)', () => {
  it('is regency 5316 with its own host, and routes / to the app and /api/<service>/ to each service with the prefix taken off', () => {
    expect(configMap('regency', 'adminduk-config').REGENCY_CODE).toBe('5316');
    const ingresses = objectsOf('regency', 'Ingress') as (KubeObject & { spec: { rules: { host: string; http: { paths: { path: string; backend: { service: { name: string } } }[] } }[] } })[];
    const routes = ingresses.flatMap((i) => i.spec.rules.flatMap((r) => r.http.paths.map((p) => `${r.host}${p.path} → ${p.backend.service.name}${i.metadata.annotations?.['nginx.ingress.kubernetes.io/rewrite-target'] ?? ''}`)));
    expect(routes.sort()).toEqual(
      ['adminduk.nagekeo.example/ → web', ...SERVICES.map((s) => `adminduk.nagekeo.example/api/${s}(/|$)(.*) → ${s}/$2`)].sort(),
    );
  });

  it('has one database per service, each owned by its role, the passwords from the services\' Secrets', () => {
    const cluster = one<KubeObject & { spec: { bootstrap: { initdb: { database: string; owner: string; secret: { name: string }; postInitSQL: string[] } }; managed: { roles: { name: string; login: boolean; passwordSecret: { name: string } }[] } } }>('regency', 'Cluster', 'adminduk-pg');
    const { initdb } = cluster.spec.bootstrap;
    const owners = new Map<string, string>([[initdb.database, initdb.owner]]);
    for (const sql of initdb.postInitSQL) {
      const created = /^CREATE DATABASE (\w+) OWNER (\w+)$/.exec(sql);
      if (created) owners.set(created[1], created[2]);
    }
    expect(Object.fromEntries(owners)).toEqual(Object.fromEntries(SERVICES.map((s) => [s, s])));
    const passwords = Object.fromEntries([[initdb.owner, initdb.secret.name], ...cluster.spec.managed.roles.filter((r) => r.login).map((r) => [r.name, r.passwordSecret.name])]);
    expect(passwords).toEqual(Object.fromEntries(SERVICES.map((s) => [s, `adminduk-db-${s}`])));
    for (const service of SERVICES) {
      const [container] = one<Workload>('regency', 'Deployment', service).spec.template.spec.containers;
      expect(container.env?.find((e) => e.name === 'DB_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({ name: `adminduk-db-${service}`, key: 'password' });
      expect(container.env?.find((e) => e.name === 'DATABASE_URL')?.value).toBe(`postgres://${service}:$(DB_PASSWORD)@adminduk-pg-rw:5432/${service}`);
    }
  });

  it('makes the office\'s NATS a leaf node of the province that lets no Adminduk subject across', () => {
    const local = configMap('regency', 'nats-config')['local.conf'];
    expect(local).toMatch(/leafnodes\s*{\s*remotes:/);
    expect(configMap('regency', 'nats-env').JETSTREAM_DOMAIN).toBe('r5316');
    // Every stream's subjects (and the dead letters) by their first token, both ways.
    const roots = [...new Set(Object.values(STREAMS).flatMap((s) => s.subjects.map((subject) => `${subject.split('.')[0]}.>`))), 'deadletter.>'];
    for (const direction of ['deny_imports', 'deny_exports']) {
      const listed = new RegExp(`${direction}:\\s*\\[([^\\]]*)\\]`).exec(local)?.[1];
      expect(JSON.parse(`[${listed ?? ''}]`)).toEqual(roots);
    }
  });
});

describe('the province (NTT)', () => {
  it('takes the offices as leaf nodes on 7422, with TLS client certificates, through a LoadBalancer', () => {
    const local = configMap('province', 'nats-config')['local.conf'];
    expect(local).toMatch(/leafnodes\s*{\s*port:\s*7422\s*tls\s*{[^}]*verify:\s*true/);
    const service = one<KubeObject & { spec: { type: string; ports: { port: number }[] } }>('province', 'Service', 'nats-leaf');
    expect({ type: service.spec.type, ports: service.spec.ports.map((p) => p.port) }).toEqual({ type: 'LoadBalancer', ports: [7422] });
    const nats = one<Workload>('province', 'StatefulSet', 'nats');
    expect(nats.spec.template.spec.containers[0].ports?.map((p) => p.containerPort)).toContain(7422);
  });

  it('feeds its streams by sourcing each office\'s streams of the same name, with the services\' subjects, 3 replicas and no limits', () => {
    const files = configMap('province', 'province-streams');
    const officeDomain = configMap('regency', 'nats-env').JETSTREAM_DOMAIN;
    for (const stream of Object.values(STREAMS)) {
      const config = JSON.parse(files[`${stream.name}.json`]) as { name: string; subjects: string[]; num_replicas: number; max_age: number; max_bytes: number; sources: { name: string; external: { api: string } }[] };
      expect({ name: config.name, subjects: config.subjects, replicas: config.num_replicas, maxAge: config.max_age, maxBytes: config.max_bytes }).toEqual({ name: stream.name, subjects: stream.subjects, replicas: 3, maxAge: 0, maxBytes: -1 });
      expect(config.sources.length).toBeGreaterThan(1);
      for (const source of config.sources) expect(source).toEqual({ name: stream.name, external: { api: expect.stringMatching(/^\$JS\.r\d{4}\.API$/) } });
      // The regency overlay's office is one of the sources.
      expect(config.sources.map((s) => s.external.api)).toContain(`$JS.${officeDomain}.API`);
    }
    const job = one<Workload>('province', 'Job', 'province-streams');
    expect(job.spec.template.spec.containers[0].image).toMatch(/^natsio\/nats-box:/);
    expect(files['apply-streams.sh']).toMatch(/nats stream add/);
  });

  it('runs reporting only, with its own database', () => {
    expect((objectsOf('province', 'Deployment') as Workload[]).map((d) => d.metadata.name)).toEqual(['reporting']);
    const cluster = one<KubeObject & { spec: { bootstrap: { initdb: { database: string; owner: string } }; managed?: unknown } }>('province', 'Cluster', 'adminduk-pg');
    expect(cluster.spec.bootstrap.initdb).toMatchObject({ database: 'reporting', owner: 'reporting' });
    expect(cluster.spec.managed).toBeUndefined();
  });
});

describe('the validation itself', () => {
  const deployment = (containerPort: unknown): unknown =>
    parseYamlDocuments(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  selector:
    matchLabels: { app: broken }
  template:
    metadata:
      labels: { app: broken }
    spec:
      containers:
        - name: broken
          image: adminduk/identity:0.1.0
          ports:
            - containerPort: ${JSON.stringify(containerPort)}
`)[0];

  it('accepts a well-formed Deployment', () => {
    expect(validateObject(deployment(3000))).toEqual([]);
  });

  it('refuses a Deployment whose containerPort is a string', () => {
    const problems = validateObject(deployment('3000'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Deployment\/broken: .*containerPort must be integer/);
  });

  it('refuses a CloudNativePG Cluster whose instances is not a number', () => {
    const problems = validateObject({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg' }, spec: { instances: 'two' } });
    expect(problems.join('\n')).toMatch(/Cluster\/pg: .*instances must be integer/);
  });

  it('refuses a kind it has no schema for instead of passing it', () => {
    expect(validateObject({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'x' }, spec: {} })).toEqual([
      'ServiceMonitor/x: no schema for monitoring.coreos.com/v1 ServiceMonitor in kubernetes-models or @kubernetes-models/cloudnative-pg',
    ]);
    expect(validateObject({ apiVersion: 'apps/v1', kind: 'DeploymentSpec', metadata: { name: 'x' } })[0]).toMatch(/no schema for apps\/v1 DeploymentSpec/);
  });

  it('refuses an object without apiVersion, kind or name', () => {
    expect(validateObject({ kind: 'ConfigMap', metadata: { name: 'x' } })).toEqual(['ConfigMap/x: apiVersion and kind are required']);
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })[0]).toBe('ConfigMap/(no name): metadata.name is required');
  });
});
