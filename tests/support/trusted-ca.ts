// A browser profile that trusts a certificate authority the way a person's desktop does, not by ignoring certificate
// errors: a home folder whose NSS database ($HOME/.pki/nssdb, which Chromium on Linux reads) holds the authority as a
// trusted issuer of server certificates. Needs `certutil` (Debian: libnss3-tools).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const CERTUTIL_MISSING =
  'certutil is not installed, and the HTTPS browser tests need it to make the browser trust a test certificate authority ' +
  "(as a tablet trusts the checkpoint's). Install it: `apt-get install libnss3-tools` (Debian/Ubuntu, as root), " +
  'or `bash scripts/install-test-tools.sh`.';

/** `C,,`: trusted to issue server (TLS) certificates; no trust for e-mail or code signing. */
const TRUST_FOR_SERVERS = 'C,,';

export interface TrustedCaHome {
  /** Pass as HOME in the browser's environment. */
  readonly home: string;
  /** Removes the folder; the browser using it must be closed first. */
  dispose(): Promise<void>;
}

function isMissingProgram(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

async function certutil(args: readonly string[]): Promise<void> {
  try {
    await run('certutil', args);
  } catch (error) {
    if (isMissingProgram(error)) throw new Error(CERTUTIL_MISSING, { cause: error });
    const stderr = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : '';
    throw new Error(`certutil ${args.join(' ')} failed: ${stderr || String(error)}`, { cause: error });
  }
}

/**
 * A fresh home folder whose NSS database trusts exactly these authorities (PEM). An empty list gives a database
 * that trusts none of ours: a browser launched with it sees what a tablet sees before the checkpoint's is installed.
 */
export async function createTrustedCaHome(caPems: readonly string[]): Promise<TrustedCaHome> {
  const home = await mkdtemp(join(tmpdir(), 'kakou-browser-home-'));
  const dispose = () => rm(home, { recursive: true, force: true });
  try {
    const nssDb = join(home, '.pki', 'nssdb');
    await mkdir(nssDb, { recursive: true });
    await certutil(['-N', '-d', `sql:${nssDb}`, '--empty-password']);
    for (const [index, pem] of caPems.entries()) {
      const file = join(home, `ca-${index}.pem`);
      await writeFile(file, pem);
      await certutil(['-A', '-d', `sql:${nssDb}`, '-n', `kakou-test-ca-${index}`, '-t', TRUST_FOR_SERVERS, '-i', file]);
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return { home, dispose };
}
