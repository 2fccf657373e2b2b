// A CommonJS consumer: require() must load the client and build a client without a server running.
const { createWeftClient, WeftClientError } = require('@weft/client');
const { WeftError } = require('@weft/schemas');

const client = createWeftClient({ url: 'http://127.0.0.1:1' });
if (typeof client.flowRuns.list.query !== 'function') throw new Error('no typed proxy');
if (!(WeftClientError.prototype instanceof WeftError)) throw new Error('WeftClientError is not a WeftError');
client.flowRuns.list
  .query({})
  .then(() => {
    throw new Error('expected a connection error');
  })
  .catch((error) => {
    if (!(error instanceof WeftClientError)) throw error;
    console.log(JSON.stringify({ loaded: true, reason: error.reason }));
  });
