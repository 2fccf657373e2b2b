/**
 * The SQLSTATE of a Postgres error (pg and PGlite both set `code`), or undefined.
 * @internal
 */
export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** A foreign key violation (SQLSTATE 23503). @internal */
export function isForeignKeyViolation(error: unknown): boolean {
  return pgErrorCode(error) === '23503';
}

/** A unique or primary key violation (SQLSTATE 23505). @internal */
export function isUniqueViolation(error: unknown): boolean {
  return pgErrorCode(error) === '23505';
}
