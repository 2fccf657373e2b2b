// Test fixture (run as a child process by server-lock.test.ts): open a PGlite data directory
// with a real server, listen on a random port, print the URL and wait to be killed.
import { createServer } from '../create-server';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: server-lock.fixture.ts <dataDir>');
const server = await createServer({ database: { kind: 'pglite', dataDir }, apiKey: '' });
const { url } = await server.listen({ port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
