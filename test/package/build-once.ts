// Global setup of the e2e tests: build dist/ unless it is newer than every source file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function newestSource(): number {
  const files = (readdirSync(join(root, 'src'), { recursive: true }) as string[]).map((f) => join(root, 'src', f));
  return Math.max(...[...files, join(root, 'package.json'), join(root, 'tsup.config.ts')].map((f) => statSync(f).mtimeMs));
}

export default function setup(): void {
  const built = join(root, 'dist', 'index.js');
  if (existsSync(built) && statSync(built).mtimeMs > newestSource()) return;
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
