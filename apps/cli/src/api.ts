import type { WeftClient } from '@weft/client';
import type { Command } from 'commander';
import { SETTING_SPECS, type Settings } from './config/settings';
import type { CliContext } from './context';
import { CliError } from './errors';

/** Where the CLI looks for a server when `WEFT_API_URL` is not configured. */
export const DEFAULT_API_URL = 'http://127.0.0.1:4200';

const PROBE_TIMEOUT_MS = 3000;

/** The server the CLI talks to, and how it was chosen. */
export interface ApiTarget {
  /** The server's base URL (no trailing `/api`). */
  url: string;
  apiKey: string | undefined;
  /** Where `WEFT_API_URL` came from; undefined when falling back to {@link DEFAULT_API_URL}. */
  source: Settings['WEFT_API_URL']['source'];
  /** The profile the settings came from. */
  profile: string;
}

/** The server's base URL: a trailing `/` or `/api` (Prefect's habit) is dropped. */
export function serverBaseUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/api$/, '');
}

/** The server the settings point at, or {@link DEFAULT_API_URL}. */
export function resolveApiTarget(settings: Settings, profile: string): ApiTarget {
  const configured = settings.WEFT_API_URL;
  const problem =
    configured.value === undefined ? undefined : SETTING_SPECS.WEFT_API_URL.validate(configured.value);
  if (problem) throw new CliError(`Invalid WEFT_API_URL (from ${configured.source}): ${problem}.`);
  return {
    url: serverBaseUrl(configured.value ?? DEFAULT_API_URL),
    apiKey: settings.WEFT_API_KEY.value,
    source: configured.source,
    profile,
  };
}

/** `GET /version` of a server, or undefined when nothing answers (or not a Weft server). */
export async function fetchServerVersion(
  url: string,
): Promise<{ version: string; apiVersion: string } | undefined> {
  try {
    const response = await fetch(`${url}/version`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!response.ok) return undefined;
    return (await response.json()) as { version: string; apiVersion: string };
  } catch {
    // Unreachable, refused or timed out: the caller reports it in its own words.
    return undefined;
  }
}

/** Fail with a clear message unless a Weft server answers `GET /health` at the target. */
export async function assertReachable(target: ApiTarget): Promise<void> {
  let reason: string;
  try {
    const response = await fetch(`${target.url}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (response.ok) return;
    reason = `GET /health answered ${response.status}`;
  } catch (error) {
    reason = describeFetchError(error);
  }
  if (target.source === undefined) {
    throw new CliError(
      `No Weft server at ${target.url}. Start one with \`weft server start\` or set WEFT_API_URL.`,
      { code: 'CLIENT' },
    );
  }
  throw new CliError(
    `Cannot reach the Weft server at ${target.url} (${describeSource(target)}): ${reason}.`,
    {
      code: 'CLIENT',
    },
  );
}

function describeSource(target: ApiTarget): string {
  if (target.source === 'flag') return 'from --api-url';
  if (target.source === 'env') return 'WEFT_API_URL in the environment';
  return `WEFT_API_URL in profile '${target.profile}'`;
}

/** `fetch failed` hides the useful part (`ECONNREFUSED`) in its cause chain. */
function describeFetchError(error: unknown): string {
  let current: unknown = error;
  let message = String(error);
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (current.name === 'TimeoutError') return `no answer within ${PROBE_TIMEOUT_MS / 1000}s`;
    message = current.message;
    current = (current as { errors?: unknown[] }).errors?.[0] ?? current.cause;
  }
  return message;
}

/** Settings, the target and a connected client, for commands that talk to a server. */
export async function connect(
  ctx: CliContext,
  command: Command,
): Promise<{ client: WeftClient; target: ApiTarget }> {
  const { settings, profileName } = await ctx.loadSettings(command);
  const target = resolveApiTarget(settings, profileName);
  await assertReachable(target);
  const { createWeftClient } = await import('@weft/client');
  return { client: createWeftClient({ url: target.url, apiKey: target.apiKey }), target };
}
