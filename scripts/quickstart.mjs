// `npm start`: install, build, start the server on the embedded database at http://127.0.0.1:4200,
// run the example flows against it, then keep serving until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { installAndBuild } from './pnpm.mjs';

const HOST = process.env.WEFT_HOST ?? '127.0.0.1';
const PORT = Number(process.env.WEFT_PORT ?? 4200);
const URL_ = `http://${HOST}:${PORT}`;
const WEFT = ['apps/cli/bin/weft.js'];

const EXAMPLES = [
  { target: 'apps/examples/src/hello.ts:hello', args: ['--param', 'name=Weft'] },
  { target: 'apps/examples/src/etl.ts:etl', args: ['--param', 'count=5'] },
  { target: 'apps/examples/src/subflows.ts:report', args: [] },
  { target: 'apps/examples/src/failing.ts:failing', args: [], expectFailure: true },
];

async function isUp() {
  try {
    const res = await fetch(`${URL_}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitUntilUp(child) {
  for (let i = 0; i < 120; i++) {
    if (await isUp()) return;
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer at ${URL_}/health within 30 s`);
}

installAndBuild();

let server;
if (await isUp()) {
  console.log(`▸ a Weft server already answers at ${URL_}; using it`);
} else {
  console.log(
    `▸ starting the Weft server at ${URL_} (embedded database in ${process.env.WEFT_HOME ?? '~/.weft'})…`,
  );
  server = spawn(process.execPath, [...WEFT, 'server', 'start', '--host', HOST, '--port', String(PORT)], {
    stdio: 'inherit',
  });
  await waitUntilUp(server);
}

const env = { ...process.env, WEFT_API_URL: URL_ };
for (const example of EXAMPLES) {
  console.log(`\n▸ weft run ${example.target} ${example.args.join(' ')}`);
  const r = spawnSync(process.execPath, [...WEFT, 'run', example.target, ...example.args], {
    stdio: 'inherit',
    env,
  });
  if ((r.status === 0) === Boolean(example.expectFailure)) {
    console.error(
      `✖ ${example.target} ${example.expectFailure ? 'should have failed' : 'failed'} (exit ${r.status})`,
    );
    server?.kill('SIGTERM');
    process.exit(1);
  }
  if (example.expectFailure) console.log('  (this example fails on purpose)');
}

console.log(`\n✔ The example runs are recorded. Open the web UI at ${URL_}, or in another terminal:
    npm run weft -- flow-run ls
    npm run weft -- flow-run inspect <id>
    npm run weft -- flow-run logs <id>
  The API is at ${URL_}/api. Press Ctrl-C to stop the server.`);

if (!server) process.exit(0);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
