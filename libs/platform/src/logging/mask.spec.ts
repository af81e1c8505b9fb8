// Personal data never reaches the logs in clear (UU 27/2022; DESIGN.md house rule 8): NIKs and KK numbers
// (sixteen digits) are masked as 531601******0001, fields holding names or addresses are replaced, secrets
// are hidden, in any nesting; request URLs lose the values of personal query parameters.
import { maskPersonalData, maskText, maskUrl } from './mask';

describe('maskText', () => {
  it.each([
    ['5316014103900001', '531601******0001'],
    ['NIK 5316014103900001 sudah terdaftar', 'NIK 531601******0001 sudah terdaftar'],
    ['Key (nik)=(5316014103900001) already exists.', 'Key (nik)=(531601******0001) already exists.'],
    ['two: 5316014103900001,5316010107880002', 'two: 531601******0001,531601******0002'],
    ['/residents?nik=5316014103900001&limit=5', '/residents?nik=531601******0001&limit=5'],
    // Written as people type them, and as URLs carry them (issue 16).
    ['NIK 5316-0141-0390-0001', 'NIK 531601******0001'],
    ['NIK 5316 0141 0390 0001.', 'NIK 531601******0001.'],
    ['53-16-01-410390-0001', '531601******0001'],
    ['/residents?nik=%35316014103900001', '/residents?nik=531601******0001'],
    ['/residents?nik=%35%33%31%36%30%31%34%31%30%33%39%30%30%30%30%31', '/residents?nik=531601******0001'],
    ['/residents?nik=5316+0141+0390+0001', '/residents?nik=531601******0001'],
    ['/residents?nik=5316%200141%200390%200001', '/residents?nik=531601******0001'],
    ['/residents?nik=5316%2D0141%2d0390%2D0001', '/residents?nik=531601******0001'],
    ['/residents/5316014103900001%0A', '/residents/531601******0001%0A'],
  ])('masks %j', (input, expected) => {
    expect(maskText(input)).toBe(expected);
  });

  it.each([
    ['fifteen digits', '531601410390000'],
    ['seventeen digits', '53160141039000012'],
    ['a timestamp', '1795815418093'],
    ['a UUID', '0190b5b4-0000-7000-8000-000000000000'],
    ['a UUID whose last groups are digits', '0190b5bc-7abc-7abc-8000-000000000000'],
    ['an instant', '2026-12-07T19:29:32.964Z'],
    ['seventeen digits with dashes', '5316-0141-0390-0001-2'],
    ['a region code', '5316012002'],
    ['no digits', 'Maria'],
  ])('leaves %s as it is', (_what, input) => {
    expect(maskText(input)).toBe(input);
  });
});

describe('maskText: SQL statements lose their values (issue 16)', () => {
  it("drops every literal of a driver error's statement, and keeps the database's reason", () => {
    const message =
      `insert into "resident" ("id", "nik", "full_name", "mother_name", "address") values ('01a251fb-9924-75ca-b096-e162bc4d5525', ` +
      `'5316014103900001', 'Maria Goreti Wea', 'Yohana O''Bhoki', 'Jalan Danga, Mbay Satu') returning "version" - inserts are refused`;
    const masked = maskText(message);
    expect(masked).toBe(`insert into "resident" ("id", "nik", "full_name", "mother_name", "address") values ('?', '?', '?', '?', '?') returning "version" - inserts are refused`);
  });

  it.each([
    ['update', `update "resident" set "full_name" = 'Maria' where "id" = '1'`, `update "resident" set "full_name" = '?' where "id" = '?'`],
    ['select', `select "r0".* from "resident" as "r0" where "r0"."normalized_name" = 'maria wea' limit 5`, `select "r0".* from "resident" as "r0" where "r0"."normalized_name" = '?' limit 5`],
    ['delete', `delete from "resident" where "nik" = '5316014103900001'`, `delete from "resident" where "nik" = '?'`],
  ])('%s', (_what, input, expected) => {
    expect(maskText(input)).toBe(expected);
  });

  it("leaves quotes in ordinary messages alone", () => {
    expect(maskText("the kind 'KK' is not on the checklist")).toBe("the kind 'KK' is not on the checklist");
  });
});

describe('maskPersonalData', () => {
  it('replaces names, places and addresses, masks NIKs, and keeps the rest', () => {
    const resident = {
      id: '0190b5b4-0000-7000-8000-000000000000',
      nik: '5316014103900001',
      fullName: 'Maria Goreti Wea',
      full_name: 'Maria Goreti Wea',
      nama: 'Maria Goreti Wea',
      name: 'Maria',
      motherName: 'Yohana Bhoki',
      father_name: 'Kornelis Sawu',
      birthPlace: 'Mbay',
      address: 'RT 002 / RW 001, Labolewa',
      alamat: 'Labolewa',
      rt: '002',
      rw: '001',
      phone: '081234567890',
      email: 'maria@example.org',
      districtCode: '531601',
      status: 'ALIVE',
      version: 1,
    };
    expect(maskPersonalData(resident)).toEqual({
      id: '0190b5b4-0000-7000-8000-000000000000',
      nik: '531601******0001',
      fullName: '[personal]',
      full_name: '[personal]',
      nama: '[personal]',
      name: '[personal]',
      motherName: '[personal]',
      father_name: '[personal]',
      birthPlace: '[personal]',
      address: '[personal]',
      alamat: '[personal]',
      rt: '[personal]',
      rw: '[personal]',
      phone: '[personal]',
      email: '[personal]',
      districtCode: '531601',
      status: 'ALIVE',
      version: 1,
    });
  });

  it('hides secrets whatever their case', () => {
    expect(maskPersonalData({ Authorization: 'Bearer abc', 'x-api-key': 'k', cookie: 'c', password: 'p', token: 't', secret: 's', other: 'o' })).toEqual({
      Authorization: '[secret]',
      'x-api-key': '[secret]',
      cookie: '[secret]',
      password: '[secret]',
      token: '[secret]',
      secret: '[secret]',
      other: 'o',
    });
  });

  it('goes into nested objects and arrays', () => {
    const body = { family: { head: { fullName: 'Yosef Dhey', nik: '5316011207880001' }, members: [{ fullName: 'Maria', nik: '5316014103900001' }, 'note 5316014103900002'] } };
    expect(maskPersonalData(body)).toEqual({
      family: { head: { fullName: '[personal]', nik: '531601******0001' }, members: [{ fullName: '[personal]', nik: '531601******0001' }, 'note 531601******0002'] },
    });
  });

  it('masks the message and stack of errors', () => {
    const error = new Error('duplicate key: Key (nik)=(5316014103900001) already exists');
    const masked = maskPersonalData(error) as { name: string; message: string; stack?: string };
    expect(masked.name).toBe('Error');
    expect(masked.message).toBe('duplicate key: Key (nik)=(531601******0001) already exists');
    expect(masked.stack).not.toMatch(/\d{16}/);
    expect(masked.stack).toContain('531601******0001');
  });

  it('leaves empty personal fields as they are (nothing to hide) and other values untouched', () => {
    expect(maskPersonalData({ fatherName: null, motherName: '', name: undefined, count: 3, ok: true, at: null })).toEqual({
      fatherName: null,
      motherName: '',
      name: undefined,
      count: 3,
      ok: true,
      at: null,
    });
    expect(maskPersonalData(42)).toBe(42);
    expect(maskPersonalData(null)).toBeNull();
    expect(maskPersonalData('5316014103900001')).toBe('531601******0001');
  });

  it('survives cycles and very deep values', () => {
    const cyclic: Record<string, unknown> = { nik: '5316014103900001' };
    cyclic.self = cyclic;
    expect(maskPersonalData(cyclic)).toEqual({ nik: '531601******0001', self: '[…]' });
    let deep: Record<string, unknown> = { fullName: 'Maria' };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    expect(JSON.stringify(maskPersonalData(deep))).not.toContain('Maria');
  });

  it('does not change its input', () => {
    const input = { fullName: 'Maria', nik: '5316014103900001' };
    maskPersonalData(input);
    expect(input).toEqual({ fullName: 'Maria', nik: '5316014103900001' });
  });
});

describe('maskUrl', () => {
  it.each([
    ['/residents?name=Maria%20Goreti&birthDate=1990-03-01', '/residents?name=[personal]&birthDate=1990-03-01'],
    ['/residents?name=Maria+Goreti+Wea&villageCode=5316012002', '/residents?name=[personal]&villageCode=5316012002'],
    ['/residents?villageCode=5316012002&motherName=Yohana', '/residents?villageCode=5316012002&motherName=[personal]'],
    ['/residents?full%5Fname=Maria', '/residents?full%5Fname=[personal]'],
    ['/residents?NAMA=Maria&address=Labolewa', '/residents?NAMA=[personal]&address=[personal]'],
    ['/residents?nik=5316014103900001', '/residents?nik=531601******0001'],
    ['/residents/5316014103900001', '/residents/531601******0001'],
    ['/callback?token=abc&limit=5', '/callback?token=[secret]&limit=5'],
    ['/residents?limit=5&after=0190b5b4-0000-7000-8000-000000000000', '/residents?limit=5&after=0190b5b4-0000-7000-8000-000000000000'],
    ['/residents?name=&limit=5', '/residents?name=&limit=5'],
    ['/residents?name', '/residents?name'],
    ['/health/live', '/health/live'],
    ['/residents?%E0%A4%A=x&name=Maria', '/residents?%E0%A4%A=x&name=[personal]'],
  ])('%s → %s', (url, expected) => {
    expect(maskUrl(url)).toBe(expected);
  });
});
