// Every @example in the TSDoc of src/, and every ```ts block of README.md and docs/*.md that imports the package,
// runs here against the sources: an example that stops compiling, throws, or prints something other than the
// value in its `// comment` fails the suite.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { collectExamples, collectGuideExamples, rewriteImports } from './extract-examples.js';
import { expectedTokens, logComments, mismatch } from './expected-output.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sourceExamples = collectExamples(root);
const examples = [...sourceExamples, ...collectGuideExamples(root)];
mkdirSync(join(root, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(root, '.tmp', 'doc-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One module per example; imports of 'tinygrad-ts' point at src/ (relative, so tsc and vite both resolve them).
const files = examples.map((ex, i) => {
  const file = join(dir, `example-${String(i).padStart(3, '0')}.ts`);
  const code = rewriteImports(ex.code, (target) => relative(dir, join(root, target)).replace(/\.ts$/, '.js'));
  writeFileSync(file, `${code}\nexport {};\n`);
  return file;
});

describe('TSDoc @example blocks and the guides\' ```ts blocks', () => {
  test('there are examples to run, at least one per public export of the main entry', async () => {
    const api = await import('../../src/index.js');
    expect(sourceExamples.length).toBeGreaterThanOrEqual(Object.keys(api).length);
  });

  test('every example typechecks against the sources', () => {
    const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const program = ts.createProgram(files, { ...options, noEmit: true, noUnusedLocals: false });
    const inExamples = new Set(files.map((f) => resolve(f)));
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && inExamples.has(resolve(d.file.fileName)))
      .map((d) => {
        const i = files.indexOf(resolve(d.file!.fileName));
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${examples[i]?.id} (+${line}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(errors).toEqual([]);
  }, 120_000);

  test.each(examples.map((ex, i) => [ex.id, i] as const))('%s runs and prints what its comments say', async (_id, i) => {
    const logs: unknown[][] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args));
    try {
      await import(pathToFileURL(files[i] as string).href);
    } finally {
      spy.mockRestore();
    }
    // Pair printed lines with console.log lines only when each ran once (no loops, no branches).
    const comments = logComments(examples[i]!.code);
    if (logs.length !== comments.length) return;
    const problems = comments.flatMap((c, k) => {
      const want = c === null ? null : expectedTokens(c);
      const why = want === null ? null : mismatch(logs[k] as unknown[], want);
      return why === null ? [] : [`console.log #${k + 1}: ${why}`];
    });
    expect(problems).toEqual([]);
  });
});
