// The three Reflect metadata functions @peculiar/x509's dependency injection (tsyringe) calls; import this before it.
// It stands in for the `reflect-metadata` package, which is not installed: `import 'reflect-metadata'` replaces it.

type MetadataKey = unknown;
const metadata = new WeakMap<object, Map<MetadataKey, unknown>>();

function defineMetadata(key: MetadataKey, value: unknown, target: object): void {
  const own = metadata.get(target) ?? new Map<MetadataKey, unknown>();
  own.set(key, value);
  metadata.set(target, own);
}

function getOwnMetadata(key: MetadataKey, target: object): unknown {
  return metadata.get(target)?.get(key);
}

/** Looks up the prototype chain, as the proposal's Reflect.getMetadata does. */
function getMetadata(key: MetadataKey, target: object): unknown {
  for (let current: object | null = target; current !== null; current = Object.getPrototypeOf(current) as object | null) {
    const own = metadata.get(current);
    if (own?.has(key) === true) return own.get(key);
  }
  return undefined;
}

// A real polyfill loaded first (reflect-metadata, core-js) is left alone.
if (!('getMetadata' in Reflect)) Object.assign(Reflect, { defineMetadata, getOwnMetadata, getMetadata });
