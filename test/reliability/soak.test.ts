// The soak's short version: a few thousand steps of each kind in a child `node --expose-gc`, heap flat, graphs collected.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('soak (short)', () => {
  it('2,000 steps each of backward(), grad() and forward-only: heap growth ≤ 3 MB and one step\'s graph is collectable', () => {
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/soak.ts'], {
      cwd: root,
      env: { ...process.env, SOAK_STEPS: '2000', SOAK_LIMIT_MB: '3', SOAK_JSON: '1' },
      encoding: 'utf8',
      timeout: 50_000,
    });
    expect(child.error, String(child.error)).toBeUndefined();
    const line = child.stdout.trim().split('\n').pop() ?? '';
    const report = JSON.parse(line) as { ok: boolean; collected: boolean; results: Array<{ mode: string; growthMB: number; lastLoss: number }> };
    expect(report.results.map((r) => r.mode)).toEqual(['backward', 'grad', 'forward']);
    for (const r of report.results) {
      expect(r.growthMB, `${r.mode}: heap grew by ${r.growthMB} MB`).toBeLessThanOrEqual(3);
      expect(Number.isFinite(r.lastLoss)).toBe(true);
    }
    expect(report.collected).toBe(true);
    expect(report.ok).toBe(true);
    expect(child.status, child.stderr).toBe(0);
  }, 60_000);
});
