// The part of the Reflect metadata API that @peculiar/x509's dependency injection (tsyringe) checks for and calls,
// until a polyfill package (reflect-metadata) is installed: import this before @peculiar/x509. It stands aside when
// a real polyfill is already there.
type MetadataTarget = object;
type MetadataTable = Map<string | symbol | undefined, Map<unknown, unknown>>;

interface ReflectMetadataApi {
  getMetadata?: unknown;
  getOwnMetadata?: unknown;
  defineMetadata?: unknown;
}

const tables = new WeakMap<MetadataTarget, MetadataTable>();

function ownTable(target: MetadataTarget, propertyKey: string | symbol | undefined, create: boolean): Map<unknown, unknown> | undefined {
  let table = tables.get(target);
  if (!table) {
    if (!create) return undefined;
    table = new Map();
    tables.set(target, table);
  }
  let entries = table.get(propertyKey);
  if (!entries && create) {
    entries = new Map();
    table.set(propertyKey, entries);
  }
  return entries;
}

function getOwnMetadata(key: unknown, target: MetadataTarget, propertyKey?: string | symbol): unknown {
  return ownTable(target, propertyKey, false)?.get(key);
}

function getMetadata(key: unknown, target: MetadataTarget, propertyKey?: string | symbol): unknown {
  // Metadata is inherited along the prototype chain, as in reflect-metadata.
  for (let current: MetadataTarget | null = target; current !== null; current = Object.getPrototypeOf(current) as MetadataTarget | null) {
    const entries = ownTable(current, propertyKey, false);
    if (entries?.has(key)) return entries.get(key);
  }
  return undefined;
}

function defineMetadata(key: unknown, value: unknown, target: MetadataTarget, propertyKey?: string | symbol): void {
  ownTable(target, propertyKey, true)?.set(key, value);
}

const reflect = Reflect as typeof Reflect & ReflectMetadataApi;
if (typeof reflect.getMetadata !== 'function') {
  Object.assign(reflect, { getMetadata, getOwnMetadata, defineMetadata });
}
