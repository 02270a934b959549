// The ESM build in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core) loads
// dist/index.js from a local server and computes the seed two-layer net's gradients; they must equal Node's.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { twoLayerNet } from './two-layer-net.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
// CI sets REQUIRE_BROWSER=1 so that a missing Chromium fails instead of skipping.
const required = process.env.REQUIRE_BROWSER === '1';

const page = `<!doctype html><meta charset="utf-8"><title>tinygrad-ts</title><link rel="icon" href="data:,">
<script type="module">
  import * as tg from '/dist/index.js';
  import { twoLayerNet } from '/two-layer-net.js';
  try { window.__result = twoLayerNet(tg); } catch (e) { window.__result = { error: String(e && e.stack || e) }; }
</script>`;

// Only these are served: the page, the shared net, and the ESM build's files (index.js and the chunks it imports).
function route(path: string): [string, string] | null {
  if (path === '/') return ['text/html', page];
  if (path === '/two-layer-net.js') return ['text/javascript', readFileSync(`${root}test/browser/two-layer-net.js`, 'utf8')];
  const file = /^\/dist\/([\w.-]+\.js(?:\.map)?)$/.exec(path)?.[1];
  if (file === undefined || !existsSync(`${root}dist/${file}`)) return null;
  return [file.endsWith('.map') ? 'application/json' : 'text/javascript', readFileSync(`${root}dist/${file}`, 'utf8')];
}

let server: Server;
let browser: Browser | undefined;
let origin = '';

describe.skipIf(!haveChromium && !required)('dist/index.js in headless Chromium', () => {
  beforeAll(async () => {
    server = createServer((req, res) => {
      const found = route(new URL(req.url ?? '/', 'http://x').pathname);
      if (!found) return void res.writeHead(404).end();
      const [type, body] = found;
      res.writeHead(200, { 'content-type': type }).end(body);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => server?.close(ok));
  });

  test('computes the two-layer net gradient, equal to Node and to central differences', async () => {
    const tab = await browser!.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    await tab.goto(`${origin}/`);
    await tab.waitForFunction(() => (globalThis as { __result?: unknown }).__result !== undefined, undefined, { timeout: 60_000 });
    const inPage = (await tab.evaluate(() => (globalThis as { __result?: unknown }).__result)) as ReturnType<typeof twoLayerNet> & { error?: string };
    const userAgent = await tab.evaluate(() => (globalThis as unknown as { navigator: { userAgent: string } }).navigator.userAgent);
    expect(inPage.error, 'page threw').toBeUndefined();
    expect(errors).toEqual([]);

    const inNode = twoLayerNet(await import(pathToFileURL(`${root}dist/index.js`).href));
    const worst = inPage.values.reduce((w, v, i) => Math.max(w, Math.abs(v - (inNode.values[i] as number))), 0);
    console.log(
      `[browser] ${browser!.version()} (${userAgent.includes('Headless') ? 'headless' : 'headed'}): two-layer net 784-50-10, batch 8, float64\n` +
        `[browser] loss ${inPage.loss.toFixed(12)}, grad shapes ${inPage.shapes.join(' ')}, ` +
        `norms ${inPage.gradNorms.map((g) => g.toExponential(6)).join(' ')}\n` +
        `[browser] worst relative error vs central differences ${inPage.worstRelVsNumerical.toExponential(2)}; ` +
        `Node gives loss ${inNode.loss.toFixed(12)}; largest |browser − Node| over ${inPage.values.length} gradient values ${worst.toExponential(2)}`,
    );
    expect(inPage.shapes).toEqual(['784x50', '50', '50x10', '10']);
    expect(inPage.worstRelVsNumerical).toBeLessThan(1e-5);
    expect(Math.abs(inPage.loss - inNode.loss)).toBeLessThan(1e-12);
    expect(inPage.values.length).toBe(inNode.values.length);
    expect(worst, 'largest |browser − node| over all gradient values').toBeLessThan(1e-12);
  });
});
