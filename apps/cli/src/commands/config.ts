import type { Command } from 'commander';
import { writeProfiles } from '../config/profiles';
import {
  assertValidSetting,
  displayValue,
  isSettingKey,
  SETTING_KEYS,
  type Settings,
} from '../config/settings';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { toJson } from '../output/format';

interface ViewOptions {
  showSources?: boolean;
  showSecrets?: boolean;
  showDefaults?: boolean;
  json?: boolean;
}

/** Split `KEY=VALUE` (the value may contain `=`). */
function parseAssignment(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new CliError(`Expected KEY=VALUE, got '${text}'.`);
  return [text.slice(0, at).trim(), text.slice(at + 1)];
}

function viewLines(settings: Settings, options: ViewOptions): string[] {
  return SETTING_KEYS.map((key) => settings[key])
    .filter((s) => s.source !== undefined && (options.showDefaults || s.source !== 'default'))
    .map((s) => {
      const line = `${s.key}=${displayValue(s, options.showSecrets)}`;
      return options.showSources ? `${line} (from ${s.source})` : line;
    });
}

/** `weft config view | set | unset`: read and change the active profile's settings. */
export function registerConfigCommand(program: Command, ctx: CliContext): void {
  const config = program.command('config').description('View and change settings in the active profile');

  config
    .command('view')
    .description('Show the settings in effect (secrets masked)')
    .option('--show-sources', 'say where each value comes from (flag, env, profile, default)')
    .option('--show-defaults', 'include built-in defaults')
    .option('--show-secrets', 'print WEFT_API_KEY unmasked')
    .option('--json', 'print JSON')
    .action(async (options: ViewOptions, command: Command) => {
      const { settings, profileName, profilesPath } = await ctx.loadSettings(command);
      if (options.json) {
        const values = Object.fromEntries(
          SETTING_KEYS.map((key) => [
            key,
            {
              value: displayValue(settings[key], options.showSecrets) ?? null,
              source: settings[key].source ?? null,
            },
          ]),
        );
        ctx.print(toJson({ profile: profileName, profilesPath, settings: values }));
        return;
      }
      ctx.print([`WEFT_PROFILE=${profileName}`, ...viewLines(settings, options)].join('\n'));
    });

  config
    .command('set')
    .description('Store settings in the active profile')
    .argument('<assignments...>', 'KEY=VALUE pairs, e.g. WEFT_API_URL=http://127.0.0.1:4200')
    .action(async (assignments: string[], _options: unknown, command: Command) => {
      const loaded = await ctx.loadSettings(command);
      const pairs = assignments.map(parseAssignment);
      for (const [key, value] of pairs) assertValidSetting(key, value);
      const profile = loaded.profiles.profiles[loaded.profileName] ?? {};
      for (const [key, value] of pairs) profile[key] = value;
      loaded.profiles.profiles[loaded.profileName] = profile;
      await writeProfiles(loaded.profilesPath, loaded.profiles);
      for (const [key] of pairs) {
        ctx.print(`Set ${key} in profile '${loaded.profileName}'.`);
        if (ctx.env[key]) ctx.info(`Note: ${key} is also set in the environment, which takes precedence.`);
      }
    });

  config
    .command('unset')
    .description('Remove settings from the active profile')
    .argument('<keys...>', 'setting names, e.g. WEFT_API_KEY')
    .action(async (keys: string[], _options: unknown, command: Command) => {
      const loaded = await ctx.loadSettings(command);
      const profile = loaded.profiles.profiles[loaded.profileName] ?? {};
      for (const key of keys) {
        if (!isSettingKey(key)) {
          throw new CliError(`Unknown setting '${key}'. Known settings: ${SETTING_KEYS.join(', ')}.`);
        }
        if (profile[key] === undefined) {
          throw new CliError(`${key} is not set in profile '${loaded.profileName}'.`, { code: 'NOT_FOUND' });
        }
      }
      for (const key of keys) delete profile[key];
      await writeProfiles(loaded.profilesPath, loaded.profiles);
      for (const key of keys) ctx.print(`Unset ${key} in profile '${loaded.profileName}'.`);
    });
}
