// The input the edge refuses (issue 16; DESIGN.md house rule 11): control characters in any string or field name,
// JSON nested deeper than the limit; the walk itself has no recursion, so no depth exhausts its stack.
import { controlCharacterOf, DEFAULT_JSON_MAX_DEPTH, inspectInput } from './input-guard';

describe('controlCharacterOf', () => {
  it.each([
    ['\u0000', 'U+0000'],
    ['a\u0007b', 'U+0007'],
    ['\u000b', 'U+000B'],
    ['\u001b[2J', 'U+001B'],
    ['\u007f', 'U+007F'],
  ])('finds %j', (text, found) => {
    expect(controlCharacterOf(text)).toBe(found);
  });

  it.each([['plain'], ['tab\there'], ['two\nlines\r\n'], ['Ñgada É'], ['\u0085 (C1: the name rules refuse it)']])('lets %j through', (text) => {
    expect(controlCharacterOf(text)).toBeUndefined();
  });
});

describe('inspectInput', () => {
  it('names the field of a control character, however deep', () => {
    const problem = inspectInput({ particulars: { children: [{ fullName: 'ok' }, { fullName: 'Yo\u0000' }] } });
    expect(problem?.toBody()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ code: 'CONTROL_CHARACTER', field: 'particulars.children[1].fullName' }] });
  });

  it('refuses a field name with a control character without echoing it', () => {
    const body = inspectInput({ 'na\u0000me': 'x' })?.toBody();
    expect(body?.errors?.[0]).toMatchObject({ code: 'CONTROL_CHARACTER' });
    expect(JSON.stringify(body)).not.toContain('\\u0000');
  });

  it(`refuses more than ${DEFAULT_JSON_MAX_DEPTH} nested containers, and takes ${DEFAULT_JSON_MAX_DEPTH}`, () => {
    const nest = (n: number): unknown => (n === 0 ? 'x' : [nest(n - 1)]);
    expect(inspectInput(nest(DEFAULT_JSON_MAX_DEPTH))).toBeUndefined();
    expect(inspectInput(nest(DEFAULT_JSON_MAX_DEPTH + 1))?.toBody()).toMatchObject({ status: 400, code: 'BODY_TOO_DEEP' });
    expect(inspectInput(nest(3), 2)?.code).toBe('BODY_TOO_DEEP');
  });

  it('walks 100,000 levels without recursion', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inspectInput(deep, 200_000)).toBeUndefined();
    expect(inspectInput(deep)?.code).toBe('BODY_TOO_DEEP');
  });

  it('takes plain values, empty containers and a missing body', () => {
    for (const value of [undefined, null, 42, true, 'text', [], {}, { a: [1, 'b', null] }]) expect(inspectInput(value)).toBeUndefined();
  });
});
