// An AbortSignal that aborts after a time: AbortSignal.timeout where the engine has it. Chrome before 103 and Safari
// before 16 do not (the tablets of 2021–22, docs/decisions/039); calling it there threw, and every sync failed as a
// "network" error.

export function timeoutSignal(ms: number): AbortSignal {
  if (typeof AbortSignal.timeout === 'function') return AbortSignal.timeout(ms);
  const controller = new AbortController();
  // Left to run once the request is answered: aborting a finished request does nothing.
  setTimeout(() => {
    controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError'));
  }, ms);
  return controller.signal;
}
