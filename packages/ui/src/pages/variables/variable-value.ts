import type { JsonValue } from '@weft/schemas';
import { VariableValue } from '@weft/schemas';

/** The first problem zod finds, or undefined. */
export function firstProblem(result: {
  success: boolean;
  error?: { issues: { message: string }[] };
}): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

/** The value typed as JSON, or what is wrong with it. */
export function parseVariableValue(text: string): { value?: JsonValue; error?: string } {
  if (text.trim() === '') return { error: 'value must not be empty (use null for no value)' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      error: 'Not valid JSON: text needs quotes ("eu-west-1"); numbers, true, null, {…} and […] don’t',
    };
  }
  const error = firstProblem(VariableValue.safeParse(value));
  return error ? { error } : { value: value as JsonValue };
}
