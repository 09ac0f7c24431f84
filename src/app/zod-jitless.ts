// Zod without its eval-compiled fast path, set before any schema is built: the server's CSP forbids eval, and
// Zod's own probe for eval (a caught `new Function`) is otherwise reported as a CSP violation on every start.
import { z } from 'zod';

z.config({ jitless: true });
