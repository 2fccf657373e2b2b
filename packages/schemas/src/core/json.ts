import { z } from 'zod';

/** Any JSON value (string, number, boolean, null, array, object). */
export const JsonValue = z.json();
export type JsonValue = z.infer<typeof JsonValue>;

/** A JSON object, such as a flow run's parameters. */
export const JsonObject = z.record(z.string(), JsonValue);
export type JsonObject = z.infer<typeof JsonObject>;
