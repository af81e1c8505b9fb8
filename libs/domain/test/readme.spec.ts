// The README's examples are executable: every `expression` followed by `// => expected` in a ```ts block is
// evaluated against the library and compared with the expected value; `const` lines before it in the same
// block are run first. And every exported function has at least one such example.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as domain from '../src/index';
import * as villages from '../src/villages';

interface Example {
  line: number;
  /** The block's `const` declarations above the expression. */
  setup: string[];
  expression: string;
  expected: string;
}

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

function examples(): Example[] {
  const found: Example[] = [];
  const lines = readme.split('\n');
  let inTs = false;
  let setup: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('```')) {
      inTs = line.trim() === '```ts';
      setup = [];
      continue;
    }
    if (!inTs || line.trim() === '' || line.startsWith('import ') || line.startsWith('//')) continue;
    if (line.startsWith('const ')) {
      setup.push(line);
      continue;
    }
    const next = lines[i + 1] ?? '';
    if (!next.startsWith('// => ')) throw new Error(`README line ${i + 1}: an example without "// => expected"`);
    let expected = next.slice('// => '.length);
    let j = i + 2;
    while ((lines[j] ?? '').startsWith('//') && !(lines[j] as string).startsWith('// => ')) {
      expected += ' ' + (lines[j] as string).slice(2).trim();
      j++;
    }
    found.push({ line: i + 1, setup: [...setup], expression: line, expected });
    i = j - 1;
  }
  return found;
}

const scope: Record<string, unknown> = { ...domain, ...villages };
const evaluate = (source: string, setup: string[] = []): unknown =>
  new Function(...Object.keys(scope), `${setup.join('\n')}\nreturn (${source});`)(...Object.values(scope));

describe('README examples', () => {
  const all = examples();

  it('there are examples', () => {
    expect(all.length).toBeGreaterThan(40);
  });

  it.each(all.map((e) => [`line ${e.line}: ${e.expression}`, e] as const))('%s', (_title, example) => {
    expect(evaluate(example.expression, example.setup)).toEqual(evaluate(example.expected, example.setup));
  });

  it('shows every exported function at work', () => {
    const functions = Object.entries(scope)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name);
    const used = all.flatMap((e) => [...e.setup, e.expression]).join('\n');
    expect(functions.filter((name) => !new RegExp(`\\b${name}\\(`).test(used))).toEqual([]);
  });
});
