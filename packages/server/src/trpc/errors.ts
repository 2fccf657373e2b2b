import { TRPCError } from '@trpc/server';
import { WeftError, type WeftErrorCode } from '@weft/schemas';
import { ValidationError } from '../errors';

type TrpcCode = TRPCError['code'];

/** The one table from Weft error codes to tRPC codes (style.md G5). */
const TRPC_CODE_BY_WEFT_CODE: Record<WeftErrorCode, TrpcCode> = {
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  VALIDATION: 'BAD_REQUEST',
  INVALID_STATE_TRANSITION: 'CONFLICT',
  ABORTED: 'CONFLICT',
  TIMEOUT: 'TIMEOUT',
  CANCELLED: 'CLIENT_CLOSED_REQUEST',
  CRASHED: 'INTERNAL_SERVER_ERROR',
  MISSING_CONTEXT: 'BAD_REQUEST',
  CLIENT: 'BAD_REQUEST',
  DATABASE_LOCKED: 'CONFLICT',
  CONFIG: 'INTERNAL_SERVER_ERROR',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

/** Postgres SQLSTATEs that are the caller's fault, with the Weft code they mean. */
const WEFT_CODE_BY_SQLSTATE: Record<string, WeftErrorCode> = {
  '23505': 'CONFLICT', // unique_violation
  '23503': 'NOT_FOUND', // foreign_key_violation: a referenced object is missing
  '22P02': 'VALIDATION', // invalid_text_representation
  '22001': 'VALIDATION', // string_data_right_truncation
  '22007': 'VALIDATION', // invalid_datetime_format
  '22008': 'VALIDATION', // datetime_field_overflow
  '22003': 'VALIDATION', // numeric_value_out_of_range
  '22021': 'VALIDATION', // character_not_in_repertoire (a NUL in text)
  '22P05': 'VALIDATION', // untranslatable_character (a \u0000 in jsonb)
};

/** A TRPCError's Weft code, carried as `cause` so the formatter can put it in `data.weftCode`. */
export function toTrpcError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    const issues = findValidationIssues(error);
    if (issues) {
      const cause = new ValidationError(formatIssues(issues), { cause: error.cause });
      return new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
    }
    return mapCause(error);
  }
  return mapCause(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error }));
}

function mapCause(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof WeftError) {
    return new TRPCError({ code: TRPC_CODE_BY_WEFT_CODE[cause.code], message: cause.message, cause });
  }
  const sqlState = sqlStateOf(cause);
  const weftCode = sqlState ? WEFT_CODE_BY_SQLSTATE[sqlState] : undefined;
  if (weftCode) {
    const message = (cause as Error).message;
    const weft = new WeftError(weftCode, message, { cause });
    return new TRPCError({ code: TRPC_CODE_BY_WEFT_CODE[weftCode], message, cause: weft });
  }
  return error;
}

function sqlStateOf(cause: unknown): string | undefined {
  if (cause instanceof WeftError || !(cause instanceof Error)) return undefined;
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Whether an error is one we did not expect (a bug or an outage): logged, never sent. */
export function isUnexpected(error: TRPCError): boolean {
  return error.code === 'INTERNAL_SERVER_ERROR' && !(error.cause instanceof WeftError);
}

/** One input validation problem (zod and Standard Schema issues both fit). */
interface ValidationIssue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
}

/** `flowId: Invalid UUID; name: Too small` from validation issues. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues
    .map((issue) => {
      const path = (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part));
      return path.length ? `${path.join('.')}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** The validation issues behind a tRPC error, when input validation failed. */
export function findValidationIssues(error: TRPCError): readonly ValidationIssue[] | undefined {
  if (error.code !== 'BAD_REQUEST' || !(error.cause instanceof Error)) return undefined;
  const issues = (error.cause as { issues?: unknown }).issues;
  return Array.isArray(issues) ? (issues as ValidationIssue[]) : undefined;
}
