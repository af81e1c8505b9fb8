// The layout's import rules are real: ESLint (as `npm test` runs it) fails when the domain library imports a
// framework, a Node built-in or any package, or reads the clock. Each case lints a snippet as if it were a
// file of libs/domain and checks the rule that fires.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

interface Message {
  ruleId: string | null;
  message: string;
}

function lintAs(filePath: string, code: string): Message[] {
  const out = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', filePath],
    { cwd: root, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  const [report] = JSON.parse(out.stdout) as Array<{ messages: Message[] }>;
  return (report as { messages: Message[] }).messages;
}

const DOMAIN_FILE = 'libs/domain/src/identifiers/boundary-fixture.ts';

describe('module boundaries of libs/domain (DESIGN.md layout table)', () => {
  it.each([
    ["import { Injectable } from '@nestjs/common';", 'no-restricted-imports'],
    ["import { Entity } from '@mikro-orm/core';", 'no-restricted-imports'],
    ["import { connect } from 'nats';", 'no-restricted-imports'],
    ["import { IsString } from 'class-validator';", 'no-restricted-imports'],
    ["import { readFileSync } from 'node:fs';", 'no-restricted-imports'],
    ["import { join } from 'path';", 'no-restricted-imports'],
    ["import fc from 'fast-check';", '@nx/enforce-module-boundaries'],
  ])('refuses %s', (statement, rule) => {
    const messages = lintAs(DOMAIN_FILE, `${statement}\nexport const used = [${statement.match(/import \{? ?(\w+)/)?.[1]}];\n`);
    expect(messages.map((m) => m.ruleId)).toContain(rule);
  });

  it('refuses a hidden clock (house rule 1: time comes in as asOf)', () => {
    const messages = lintAs(DOMAIN_FILE, 'export const a = new Date();\nexport const b = Date.now();\n');
    expect(messages.filter((m) => m.ruleId === 'no-restricted-syntax')).toHaveLength(2);
  });

  it('refuses process and Buffer', () => {
    const messages = lintAs(DOMAIN_FILE, 'export const a = process.env;\nexport const b = Buffer.from("x");\n');
    expect(messages.filter((m) => m.ruleId === 'no-restricted-globals')).toHaveLength(2);
  });

  it('accepts pure code, and a date built from given values', () => {
    const messages = lintAs(DOMAIN_FILE, "import { parseIsoDate } from '../calendar.js';\nexport const d = new Date(Date.UTC(2026, 0, 1));\nexport const p = parseIsoDate;\n");
    expect(messages).toEqual([]);
  });

  it('lets the tests use test tools', () => {
    const messages = lintAs('libs/domain/src/identifiers/fixture.spec.ts', "import fc from 'fast-check';\nexport const used = fc;\n");
    expect(messages).toEqual([]);
  });
});
