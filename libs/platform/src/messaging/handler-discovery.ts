/** Finds the provider methods that carry a messaging decorator (@ConsumeEvent, @ServeRpc), once per instance. */
import type { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

export interface DiscoveredMethod<M> {
  readonly metadata: M;
  /** The method, bound to its provider instance. */
  readonly fn: (...args: never[]) => unknown;
  /** 'ResidentEventsHandler.onRegistered', for logs and errors. */
  readonly name: string;
}

export function discoverMethods<M>(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector, key: symbol): DiscoveredMethod<M>[] {
  const seen = new Set<object>();
  const found: DiscoveredMethod<M>[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance: unknown = wrapper.instance;
    if (!instance || typeof instance !== 'object' || seen.has(instance) || !wrapper.isDependencyTreeStatic()) continue;
    seen.add(instance);
    const prototype = Object.getPrototypeOf(instance) as object | null;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const fn = (instance as Record<string, unknown>)[method];
      if (typeof fn !== 'function') continue;
      const metadata = reflector.get<M | undefined>(key, fn as (...args: unknown[]) => unknown);
      if (metadata) found.push({ metadata, fn: fn.bind(instance) as (...args: never[]) => unknown, name: `${instance.constructor.name}.${method}` });
    }
  }
  return found;
}
