/**
 * Renders every overlay under docker/kubernetes/overlays/ with `kubectl kustomize` and validates each object it
 * yields against the Kubernetes schemas, offline:
 *
 *   npm run kubernetes:check
 *
 * The schemas come from the devDependencies kubernetes-models (the built-in kinds) and
 * @kubernetes-models/cloudnative-pg (CloudNativePG's Cluster, ScheduledBackup …). An object's apiVersion and kind
 * name its model (`<package>/<apiVersion>` exports a class per kind), so no kind is listed here; a kind without a
 * model is a problem, never passed unchecked. Prints, per overlay, how many objects of which kinds validated, and
 * exits 1 on any problem.
 *
 * Note: the models check types, required fields and formats, but accept fields the schema does not know (a
 * misspelt `readinesProbe` passes); tools/kubernetes/kustomize.spec.ts asserts the fields that matter.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const KUBERNETES_DIR = join(ROOT, 'docker', 'kubernetes');
export const OVERLAYS_DIR = join(KUBERNETES_DIR, 'overlays');

/** The packages whose `<package>/<apiVersion>` modules export a model class per kind. */
const MODEL_PACKAGES = ['kubernetes-models', '@kubernetes-models/cloudnative-pg'] as const;

/** One rendered object, as far as the check needs to know it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

interface ModelClass {
  new (data: object): { validate(): void };
  readonly apiVersion: string;
  readonly kind: string;
}

const load = createRequire(__filename);

/**
 * js-yaml 4 (a pinned dev dependency; loaded untyped, its types are not installed): loadAll(text, options) with
 * CORE_SCHEMA (YAML 1.2 core types only: no custom tags, which kustomize never writes).
 */
interface JsYaml {
  loadAll(text: string, iterator: null, options: { schema: unknown; filename?: string }): unknown[];
  CORE_SCHEMA: unknown;
}

/** The YAML documents of a multi-document stream; empty documents are left out. */
export function parseYamlDocuments(text: string, filename = 'kustomize output'): unknown[] {
  const yaml = load('js-yaml') as JsYaml;
  return yaml.loadAll(text, null, { schema: yaml.CORE_SCHEMA, filename }).filter((doc) => doc !== null && doc !== undefined);
}

/** The overlays: each folder under docker/kubernetes/overlays/ with a kustomization.yaml. */
export function overlayDirs(dir = OVERLAYS_DIR): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isDirectory() && readdirSync(path).includes('kustomization.yaml'))
    .sort();
}

/** `kubectl kustomize <dir>` (KUBECTL names another binary), as objects. Throws with kubectl's message. */
export function renderOverlay(dir: string): KubeObject[] {
  let text: string;
  try {
    text = execFileSync(process.env.KUBECTL || 'kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`kubectl kustomize ${relative(ROOT, dir)} failed: ${stderr || (error as Error).message}`);
  }
  return parseYamlDocuments(text, relative(ROOT, dir)) as KubeObject[];
}

const modelCache = new Map<string, ModelClass | undefined>();

/** The model class of apiVersion + kind from the model packages, or undefined when none has one. */
export function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion} ${kind}`;
  if (modelCache.has(key)) return modelCache.get(key);
  let found: ModelClass | undefined;
  for (const pkg of MODEL_PACKAGES) {
    let exported: Record<string, unknown>;
    try {
      exported = load(`${pkg}/${apiVersion}`) as Record<string, unknown>;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') continue;
      throw error;
    }
    // The index also exports the kinds' parts (DeploymentSpec …): a model is a class naming this very type.
    const candidate = exported[kind];
    if (typeof candidate !== 'function') continue;
    const type = candidate as unknown as { apiVersion?: unknown; kind?: unknown };
    if (type.apiVersion === apiVersion && type.kind === kind) {
      found = candidate as unknown as ModelClass;
      break;
    }
  }
  modelCache.set(key, found);
  return found;
}

/** What is wrong with one object (empty: it validated). */
export function validateObject(object: unknown): string[] {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return [`not an object: ${JSON.stringify(object)}`];
  const { apiVersion, kind, metadata } = object as Partial<KubeObject>;
  const name = typeof metadata?.name === 'string' && metadata.name !== '' ? metadata.name : undefined;
  const label = `${kind ?? '(no kind)'}/${name ?? '(no name)'}`;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return [`${label}: apiVersion and kind are required`];
  const problems: string[] = [];
  if (!name) problems.push(`${label}: metadata.name is required`);
  const Model = modelFor(apiVersion, kind);
  if (!Model) return [...problems, `${label}: no schema for ${apiVersion} ${kind} in ${MODEL_PACKAGES.join(' or ')}`];
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${label}: ${(error as Error).message}`);
  }
  return problems;
}

export interface OverlayReport {
  overlay: string;
  objects: KubeObject[];
  /** Objects that validated, by apiVersion and kind. */
  validated: Record<string, number>;
  problems: string[];
}

/** Renders one overlay and validates every object. A rendering failure is a problem, not an exception. */
export function checkOverlay(dir: string): OverlayReport {
  const overlay = relative(ROOT, dir);
  let objects: KubeObject[];
  try {
    objects = renderOverlay(dir);
  } catch (error) {
    return { overlay, objects: [], validated: {}, problems: [(error as Error).message] };
  }
  const validated: Record<string, number> = {};
  const problems: string[] = [];
  if (objects.length === 0) problems.push('the overlay renders no object');
  for (const object of objects) {
    const found = validateObject(object);
    if (found.length > 0) problems.push(...found);
    else validated[`${object.apiVersion} ${object.kind}`] = (validated[`${object.apiVersion} ${object.kind}`] ?? 0) + 1;
  }
  return { overlay, objects, validated, problems };
}

function main(): void {
  const dirs = overlayDirs();
  if (dirs.length === 0) {
    console.error(`no overlay (a folder with kustomization.yaml) under ${relative(ROOT, OVERLAYS_DIR)}`);
    process.exit(1);
  }
  let failed = false;
  for (const dir of dirs) {
    const report = checkOverlay(dir);
    const count = Object.values(report.validated).reduce((sum, n) => sum + n, 0);
    console.log(`${report.overlay}: ${count} of ${report.objects.length} objects validated`);
    for (const [type, n] of Object.entries(report.validated).sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${String(n).padStart(3)}  ${type}`);
    for (const problem of report.problems) console.log(`  PROBLEM  ${problem}`);
    if (report.problems.length > 0) failed = true;
  }
  if (failed) {
    console.error('kubernetes:check: problems found (above)');
    process.exit(1);
  }
  console.log('kubernetes:check: every object of every overlay validated');
}

if (require.main === module) main();
