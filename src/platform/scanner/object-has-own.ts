// Object.hasOwn for the zxing worker on Chrome 87–92 (it came in Chrome 93; docs/decisions/039). zxing-wasm calls it
// when the module is prepared, so without it the worker throws on the oldest tablets that have OffscreenCanvas. Its
// own module, imported first by the worker: imports run in order, before the worker's body prepares zxing.
// Typed as possibly missing: the project's lib says every engine has it.
if (typeof (Object as { hasOwn?: unknown }).hasOwn !== 'function') {
  Object.defineProperty(Object, 'hasOwn', {
    value: (object: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(object, key),
    configurable: true,
    writable: true,
  });
}
