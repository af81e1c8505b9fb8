/** The ValidationPipe every service uses: unknown fields are refused, and errors are problem items. */
import { ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import { Problem, type ProblemItem } from './problem';

function flatten(errors: readonly ValidationError[], parent = ''): ProblemItem[] {
  return errors.flatMap((e) => {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => ({
      code: constraint === 'whitelistValidation' ? 'UNKNOWN_FIELD' : constraint.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
      field,
      message: constraint === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => Problem.badRequest('VALIDATION_FAILED', 'some fields are missing or invalid', flatten(errors)),
  });
}

/** For `:id` route parameters: a UUID, else a 400 INVALID_ID problem. */
export function uuidParam(): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => Problem.badRequest('INVALID_ID', 'the id in the path must be a UUID') });
}
