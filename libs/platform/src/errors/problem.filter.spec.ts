// How errors that are not problems become problem+json: a lost database connection is a 503 the client may retry,
// whichever layer raised it (MikroORM's DriverException, or pg's plain Error at COMMIT, found by bench/faults);
// a bug stays a 500.
import { DriverException } from '@mikro-orm/core';
import { isDatabaseConnectionLoss, toProblem } from './problem.filter';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('toProblem for database failures', () => {
  it.each([
    ['pg at COMMIT when the server went away', new Error('Connection terminated unexpectedly')],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['admin shutdown (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['cannot connect now (57P03)', withCode('the database system is starting up', '57P03')],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ['a MikroORM DriverException', new DriverException(new Error('connect ECONNREFUSED'))],
  ])('%s → 503 DATABASE_UNAVAILABLE', (_what, error) => {
    const body = toProblem(error, '/deeds/1/register', 'req-1');
    expect(body.status).toBe(503);
    expect(body.code).toBe('DATABASE_UNAVAILABLE');
    expect(body.instance).toBe('/deeds/1/register');
  });

  it.each([
    ['a TypeError (a bug)', new TypeError('cannot read properties of undefined')],
    ['a unique violation code that is not a connection problem', withCode('duplicate key', '23505')],
    ['not an Error at all', 'Connection terminated'],
  ])('%s is not a lost connection', (_what, error) => {
    expect(isDatabaseConnectionLoss(error)).toBe(false);
  });

  it('a bug is a 500 INTERNAL_ERROR', () => {
    const body = toProblem(new TypeError('x is undefined'));
    expect(body.status).toBe(500);
    expect(body.code).toBe('INTERNAL_ERROR');
  });
});
