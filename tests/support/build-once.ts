// Builds the PWA once before the end-to-end files run, so every browser test loads what ships (its brotli and gzip
// copies included, as `npm run build:pwa` writes them).
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env['KAKOU_SKIP_BUILD'] === '1') return;
  // Vitest sets NODE_ENV=test, which would give React's development build: test the production one.
  const env = { ...process.env, NODE_ENV: 'production' };
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env });
  execFileSync('npx', ['tsx', 'scripts/precompress-dist.ts', 'dist'], { stdio: 'inherit', env });
}
