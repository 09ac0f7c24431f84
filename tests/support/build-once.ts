// Builds the PWA once before the end-to-end files run, so every browser test loads what ships.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env['KAKOU_SKIP_BUILD'] === '1') return;
  // Vitest sets NODE_ENV=test, which would give React's development build: test the production one.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
