// Compares what a doc example prints with the `// comment` beside its console.log, where the comment is a plain value.
import { format } from 'node:util';

type Token = { readonly kind: 'num'; readonly value: number; readonly digits: number | null } | { readonly kind: 'word'; readonly value: string };

// Words a value comment may contain; any other word makes it prose, which is not checked.
const VALUE_WORDS = new Set(['true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'float32', 'float64', 'Float32Array', 'Float64Array']);

const TOKEN = /(-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)(\.\.\.)?|(-?Infinity|NaN|[A-Za-z_]\w*)/g;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] !== undefined) {
      // "0.2395...": only the digits shown are promised.
      const decimals = m[2] === undefined ? null : (m[1].split('.')[1] ?? '').length;
      out.push({ kind: 'num', value: Number(m[1]), digits: decimals });
    } else if (m[3] === 'NaN' || /^-?Infinity$/.test(m[3] ?? '')) {
      out.push({ kind: 'num', value: Number(m[3]), digits: null });
    } else out.push({ kind: 'word', value: m[3] as string });
  }
  return out;
}

/** The value tokens of a comment, or null when it is prose (or decorated) and so is not compared. */
export function expectedTokens(comment: string): Token[] | null {
  if (!/^[-\w\s.,[\]()'"+]*$/.test(comment)) return null;
  const t = tokens(comment);
  if (t.length === 0 || t.some((x) => x.kind === 'word' && !VALUE_WORDS.has(x.value))) return null;
  return t;
}

/** Why the printed `args` differ from the comment's tokens, or null when they match (numbers within tolerance). */
export function mismatch(args: readonly unknown[], expected: readonly Token[]): string | null {
  const printed = format(...args);
  const actual = tokens(printed);
  const shown = `printed ${JSON.stringify(printed)}`;
  if (actual.length !== expected.length) return `${shown}: ${actual.length} values, the comment has ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as Token;
    const e = expected[i] as Token;
    if (a.kind !== e.kind) return `${shown}: value ${i} differs in kind`;
    if (a.kind === 'word' || e.kind === 'word') {
      if (a.value !== e.value) return `${shown}: expected ${e.value} at value ${i}`;
      continue;
    }
    if (Object.is(a.value, e.value)) continue;
    // Truncated numbers promise their shown digits; full ones float32 round-off (relative 1e-6).
    const tol = e.digits === null ? 1e-7 + 1e-6 * Math.abs(e.value) : 10 ** -e.digits;
    if (!(Math.abs(a.value - e.value) <= tol)) return `${shown}: value ${i} is ${a.value}, the comment says ${e.value}`;
  }
  return null;
}

/** The trailing `// comment` of each line that calls console.log, in order (null where there is none). */
export function logComments(code: string): (string | null)[] {
  return code
    .split('\n')
    .filter((l) => l.includes('console.log('))
    .map((l) => l.match(/\)\s*;?\s*}?\s*\/\/\s*(.*)$/)?.[1]?.trim() ?? null);
}
