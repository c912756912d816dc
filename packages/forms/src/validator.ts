import type { ValidatorError } from '@komek/core';

/** A precompiled validator: a type guard whose last errors are on `.errors`. */
export interface FormValidator<T> {
  (data: unknown): data is T;
  errors?: ValidatorError[] | null;
}
