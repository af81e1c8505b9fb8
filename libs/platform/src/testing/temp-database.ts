/**
 * Throw-away PostgreSQL databases for tests and tools: a unique name per call (run id, process, counter), so
 * runs never collide with each other or with earlier runs; dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let counter = 0;

export async function createDatabase(purpose: string): Promise<{ name: string; url: string }> {
  const name = `adminduk_${purpose.replace(/[^a-z0-9]/g, '')}_${process.pid}_${++counter}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}
