// The import rules of the architecture are lint errors: each forbidden arrow, written into a real file's
// place, must fail `npm run lint`.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The project's own configuration, without the TypeScript program: the arrows are import rules, which read no types,
// and building the program for linted text was most of this file's 25 s. The rules that need types are off with it.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it.each([
    [
      'domain imports Dexie',
      'src/domain/plate.ts',
      "import Dexie from 'dexie';\nexport const d = Dexie;\n",
      'no-restricted-imports',
    ],
    [
      'domain imports React',
      'src/domain/flags.ts',
      "import { useState } from 'react';\nexport const s = useState;\n",
      'no-restricted-imports',
    ],
    ['domain reads the clock', 'src/domain/time.ts', 'export const now = Date.now();\n', 'no-restricted-properties'],
    [
      'domain imports the db layer',
      'src/domain/policy.ts',
      "import { db } from '../db/db-instance.ts';\nexport const x = db;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'a feature imports another feature',
      'src/features/checkpoint/records/sync-label.ts',
      "import { SettingsScreen } from '../../settings/settings-screen.tsx';\nexport const x = SettingsScreen;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'a feature imports Dexie directly',
      'src/features/checkpoint/records/sync-label.ts',
      "import Dexie from 'dexie';\nexport const x = Dexie;\n",
      'no-restricted-imports',
    ],
    [
      'a feature imports html5-qrcode directly',
      'src/features/checkpoint/records/sync-label.ts',
      "import { Html5Qrcode } from 'html5-qrcode';\nexport const x = Html5Qrcode;\n",
      'no-restricted-imports',
    ],
    [
      'a feature imports zxing-wasm directly',
      'src/features/checkpoint/records/sync-label.ts',
      "import { readBarcodes } from 'zxing-wasm/reader';\nexport const x = readBarcodes;\n",
      'no-restricted-imports',
    ],
    [
      'a shared component imports a feature',
      'src/components/number-pad.tsx',
      "import { HomeScreen } from '../features/checkpoint/home-screen.tsx';\nexport const x = HomeScreen;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'the server imports the tablet database',
      'src/server/config.ts',
      "import { db } from '../db/db-instance.ts';\nexport const x = db;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'the app imports the server',
      'src/app/app.tsx',
      "import { buildApp } from '../server/app.ts';\nexport const x = buildApp;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'the sync engine imports Dexie',
      'src/sync/web-lock.ts',
      "import Dexie from 'dexie';\nexport const x = Dexie;\n",
      'no-restricted-imports',
    ],
    [
      'the sync engine imports React',
      'src/sync/web-lock.ts',
      "import { useState } from 'react';\nexport const x = useState;\n",
      'no-restricted-imports',
    ],
    [
      'the domain imports the contract',
      'src/domain/policy.ts',
      "import { policySchema } from '../contract/policy.ts';\nexport const x = policySchema;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'the domain imports only a type of the contract',
      'src/domain/judge.ts',
      "import type { BatchResult } from '../contract/vehicle-check.ts';\nexport type X = BatchResult;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'the domain imports zod',
      'src/domain/vocabulary.ts',
      "import { z } from 'zod';\nexport const flag = z.enum(['fever']);\n",
      'no-restricted-imports',
    ],
    [
      'the domain imports a part of zod',
      'src/domain/plate.ts',
      "import { z } from 'zod/mini';\nexport const plate = z.string();\n",
      'no-restricted-imports',
    ],
    [
      'a feature imports the composition root',
      'src/features/enrollment/use-enrollment-form.ts',
      "import { startAppSync } from '../../app/create-app-sync.ts';\nexport const x = startAppSync;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'the sync engine imports platform',
      'src/sync/sync-engine.ts',
      "import { isOnline } from '../platform/online.ts';\nexport const x = isOnline;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'db imports platform beyond its crypto',
      'src/db/live-queries.ts',
      "import { useTheme } from '../platform/theme.ts';\nexport const x = useTheme;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'platform imports the db layer',
      'src/platform/theme.ts',
      "import { db } from '../db/db-instance.ts';\nexport const x = db;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'a feature imports test support',
      'src/features/checkpoint/draft/check-draft.ts',
      "import { makeDraft } from '../../../../tests/support/features/checkpoint/drafts.ts';\nexport const x = makeDraft;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'the server imports test support',
      'src/server/app.ts',
      "import { makeServerCheck } from '../../tests/support/server/store/checks.ts';\nexport const x = makeServerCheck;\n",
      'import-x/no-restricted-paths',
    ],
  ])('%s is an error', async (_name, filePath, code, rule) => {
    expect(await ruleIdsFor(filePath, code)).toContain(rule);
  });

  it('an allowed arrow passes: a feature uses the domain and the db layer', async () => {
    const code =
      "import { parsePlate } from '../../../domain/plate.ts';\nimport { checks } from '../../../db/db-instance.ts';\nexport const x = [parsePlate, checks];\n";
    expect(await ruleIdsFor('src/features/checkpoint/records/sync-label.ts', code)).toEqual([]);
  });

  it('an allowed arrow passes: db hashes the lead PIN with platform/crypto', async () => {
    const code = "import { hashLeadPin } from '../platform/crypto/lead-pin-hash.ts';\nexport const x = hashLeadPin;\n";
    expect(await ruleIdsFor('src/db/lead-pin-repository.ts', code)).toEqual([]);
  });

  it('an allowed arrow passes: a test beside its file uses test support', async () => {
    const code =
      "import { makeDraft } from '../../../../tests/support/features/checkpoint/drafts.ts';\nexport const x = makeDraft;\n";
    expect(await ruleIdsFor('src/features/checkpoint/draft/check-draft.test.ts', code)).toEqual([]);
  });

  it('an allowed arrow passes: the contract builds its schemas from the domain', async () => {
    const code =
      "import { z } from 'zod';\nimport { FLAGS } from '../domain/vocabulary.ts';\nexport const x = z.enum(FLAGS);\n";
    expect(await ruleIdsFor('src/contract/tally.ts', code)).toEqual([]);
  });
});
