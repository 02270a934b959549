// The documentation bar for the public API, enforced: every export of both entry points has a summary and an
// @category; every exported function, class and constant, and every public method, has a runnable ```ts
// @example (overrides and abstract methods excepted) and documents each of its parameters. (typedoc's
// notDocumented only checks the summary.)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entries = ['src/index.ts', 'src/testing/index.ts'].map((f) => join(root, f)).filter((f) => existsSync(f));
const CATEGORIES = new Set(['Tensor', 'Ops', 'Autodiff', 'Gradient checking', 'nn', 'optim', 'Testing', 'Errors']);

const text = (c: string | ts.NodeArray<ts.JSDocComment> | undefined): string => (typeof c === 'string' ? c : ts.getTextOfJSDocComment(c) ?? '');

/** What the doc comment of `decl` lacks, as short phrases. */
function gaps(decl: ts.Declaration, needs: { category: boolean; example: boolean }): string[] {
  const docs = ts.getJSDocCommentsAndTags(decl).filter(ts.isJSDoc);
  const doc = docs[docs.length - 1];
  const tags: readonly ts.JSDocTag[] = doc?.tags ?? [];
  const tag = (name: string) => tags.filter((t) => t.tagName.text === name);
  if (tag('internal').length > 0) return [];
  const out: string[] = [];
  if (text(doc?.comment).trim() === '') out.push('a summary');
  if (needs.category) {
    const cat = tag('category').map((t) => text(t.comment).trim());
    if (cat.length === 0) out.push('an @category');
    else if (!cat.every((c) => CATEGORIES.has(c))) out.push(`a known @category (got ${cat.join(', ')})`);
  }
  if (needs.example && !tag('example').some((t) => text(t.comment).includes('```ts'))) out.push('a ```ts @example');
  const params = ts.isFunctionLike(decl) ? decl.parameters.map((p) => p.name.getText()) : [];
  const documented = new Set(tags.filter((t): t is ts.JSDocParameterTag => ts.isJSDocParameterTag(t)).map((t) => t.name.getText()));
  for (const p of params) if (!documented.has(p) && !p.startsWith('{') && !p.startsWith('[')) out.push(`@param ${p}`);
  return out;
}

test('every public export and public method is documented to the bar', () => {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(entries, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const problems: string[] = [];
  const where = (d: ts.Declaration) => `${d.getSourceFile().fileName.slice(root.length)}`;

  for (const entry of entries) {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decl = symbol.declarations?.[0];
      if (!decl) continue;
      const isValue = (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable)) !== 0;
      const missing = gaps(decl, { category: true, example: isValue });
      if (missing.length > 0) problems.push(`${exported.name} (${where(decl)}) needs ${missing.join(', ')}`);
      if (!ts.isClassDeclaration(decl)) continue;
      for (const member of decl.members) {
        const name = member.name?.getText() ?? '';
        const modifiers = ts.getCombinedModifierFlags(member);
        if (!name || name.startsWith('_') || name.startsWith('[') || modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        if (ts.isConstructorDeclaration(member)) continue;
        // An abstract method is shown by its implementations; an implementation inherits its base's example.
        const bases = checker.getBaseTypes(checker.getDeclaredTypeOfSymbol(symbol) as ts.InterfaceType);
        const inherits = modifiers & (ts.ModifierFlags.Abstract | ts.ModifierFlags.Override) || bases.some((b) => b.getProperty(name));
        const lacking = gaps(member, { category: false, example: ts.isMethodDeclaration(member) && !inherits });
        if (lacking.length > 0) problems.push(`${exported.name}.${name} (${where(member)}) needs ${lacking.join(', ')}`);
      }
    }
  }
  expect(problems).toEqual([]);
}, 60_000);
