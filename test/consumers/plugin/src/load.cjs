// A CommonJS consumer: require() loads the plugin contract, and a conflict names both plugins.
const { createRegistry, defineTask, definePlugin, PluginConflictError } = require('@weft/plugin');
const { WeftError } = require('@weft/schemas');

const task = defineTask({ name: 'shout' }, (text) => text.toUpperCase());
const one = definePlugin({ id: 'one', version: '1.0.0', tasks: [task] });
const two = definePlugin({ id: 'two', version: '1.0.0', tasks: [task] });
try {
  createRegistry({ plugins: [one, two] });
  throw new Error('expected a PluginConflictError');
} catch (error) {
  if (!(error instanceof PluginConflictError) || !(error instanceof WeftError)) throw error;
  console.log(JSON.stringify({ loaded: true, owners: error.owners }));
}
