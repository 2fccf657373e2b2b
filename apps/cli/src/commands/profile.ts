import type { Command } from 'commander';
import {
  assertNewProfileName,
  profilesPath,
  readProfiles,
  unknownProfile,
  writeProfiles,
} from '../config/profiles';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { toJson } from '../output/format';

/** `weft profile ls | create | use | delete`: named sets of settings in `$WEFT_HOME/profiles.json`. */
export function registerProfileCommand(program: Command, ctx: CliContext): void {
  const profile = program.command('profile').description('Manage settings profiles');
  const load = async () => {
    const path = profilesPath(ctx.env);
    return { path, file: await readProfiles(path) };
  };

  profile
    .command('ls')
    .description('List profiles; * marks the active one')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { file } = await load();
      const names = Object.keys(file.profiles).sort();
      if (options.json) {
        ctx.print(toJson({ active: file.active, profiles: names }));
        return;
      }
      ctx.print(names.map((name) => `${name === file.active ? '*' : ' '} ${name}`).join('\n'));
    });

  profile
    .command('create')
    .description('Create a profile (empty, or a copy of another)')
    .argument('<name>', 'the new profile')
    .option('--from <profile>', 'copy the settings of this profile')
    .action(async (name: string, options: { from?: string }) => {
      const { path, file } = await load();
      assertNewProfileName(file, name);
      const source = options.from === undefined ? {} : file.profiles[options.from];
      if (!source) throw unknownProfile(file, options.from ?? '');
      file.profiles[name] = { ...source };
      await writeProfiles(path, file);
      ctx.print(`Created profile '${name}'. Switch to it with \`weft profile use ${name}\`.`);
    });

  profile
    .command('use')
    .description('Make a profile the active one')
    .argument('<name>', 'an existing profile')
    .action(async (name: string) => {
      const { path, file } = await load();
      if (!file.profiles[name]) throw unknownProfile(file, name);
      file.active = name;
      await writeProfiles(path, file);
      ctx.print(`Now using profile '${name}'.`);
    });

  profile
    .command('delete')
    .description('Delete a profile (not the active one)')
    .argument('<name>', 'an existing profile')
    .action(async (name: string) => {
      const { path, file } = await load();
      if (!file.profiles[name]) throw unknownProfile(file, name);
      if (file.active === name) {
        throw new CliError(`Profile '${name}' is active; switch with \`weft profile use <other>\` first.`);
      }
      delete file.profiles[name];
      await writeProfiles(path, file);
      ctx.print(`Deleted profile '${name}'.`);
    });
}
