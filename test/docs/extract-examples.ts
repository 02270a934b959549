// Pulls every ```ts block inside a TSDoc @example out of the sources, so the docs' examples can be run as tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One runnable doc example. */
export interface DocExample {
  /** `src/file.ts:line (symbol)`, for test names and failure messages. */
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

/** Every .ts source under `srcDir` except tests and declaration files, sorted for stable test names. */
export function sourceFiles(srcDir: string): string[] {
  return (readdirSync(srcDir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(srcDir, f))
    .sort();
}

const DOC_COMMENT = /\/\*\*([\s\S]*?)\*\//g;
const TS_BLOCK = /```ts\n([\s\S]*?)```/g;

/** The ```ts blocks after an @example tag in each doc comment of `text`. */
export function extractExamples(text: string, file: string): DocExample[] {
  const out: DocExample[] = [];
  for (const m of text.matchAll(DOC_COMMENT)) {
    const body = (m[1] ?? '').split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
    const at = body.indexOf('@example');
    if (at < 0) continue;
    const startLine = text.slice(0, m.index).split('\n').length;
    const after = text.slice((m.index ?? 0) + m[0].length).match(/^\s*(?:export\s+)?(?:(?:static|async|function|class|const|get|interface|type|abstract)\s+)*([\w$]+)/);
    const symbol = after?.[1] ?? '?';
    for (const b of body.slice(at).matchAll(TS_BLOCK)) {
      const code = b[1] ?? '';
      const offset = body.slice(0, at + (b.index ?? 0)).split('\n').length;
      out.push({ id: `${file}:${startLine + offset} (${symbol})`, file, line: startLine + offset, code });
    }
  }
  return out;
}

/** All examples in the package's sources, with paths relative to `root`. */
export function collectExamples(root: string): DocExample[] {
  return sourceFiles(join(root, 'src')).flatMap((f) => extractExamples(readFileSync(f, 'utf8'), relative(root, f)));
}

/** The ```ts blocks of a markdown guide that import the package (other blocks are fragments, not programs). */
export function extractMarkdownExamples(text: string, file: string): DocExample[] {
  const out: DocExample[] = [];
  for (const b of text.matchAll(TS_BLOCK)) {
    const code = b[1] ?? '';
    if (!/from\s+['"]tinygrad-ts/.test(code)) continue;
    const line = text.slice(0, b.index).split('\n').length + 1;
    out.push({ id: `${file}:${line}`, file, line, code });
  }
  return out;
}

/** The examples of the README and of the guides in docs/. */
export function collectGuideExamples(root: string): DocExample[] {
  const guides = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => join('docs', f));
  return ['README.md', ...guides].flatMap((f) => extractMarkdownExamples(readFileSync(join(root, f), 'utf8'), f));
}

/** The package's public entry points, as the examples import them. */
export const ENTRY_POINTS: Readonly<Record<string, string>> = {
  'tinygrad-ts': 'src/index.ts',
  'tinygrad-ts/testing': 'src/testing/index.ts',
};

/** Points `from 'tinygrad-ts…'` imports at the sources, so the examples run without a build. */
export function rewriteImports(code: string, resolve: (entry: string) => string): string {
  return code.replace(/from\s+(['"])(tinygrad-ts(?:\/[\w-]+)?)\1/g, (whole, q: string, spec: string) => {
    const target = ENTRY_POINTS[spec];
    return target === undefined ? whole : `from ${q}${resolve(target)}${q}`;
  });
}
