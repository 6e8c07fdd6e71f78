/**
 * Preloaded into a process under load (`NODE_OPTIONS=--import <this file>`, where Node refuses
 * `--cpu-prof`): profiles from start and, on SIGUSR2, writes a V8 CPU profile to CPU_PROFILE_DIR as
 * `<pid>-<n>.cpuprofile` (n counting from 1) and starts afresh, so a harness profiles just the
 * stretch it loaded.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  let written = 0;
  process.on('SIGUSR2', async () => {
    const { profile } = await post('Profiler.stop');
    const file = path.join(dir, `${process.pid}-${++written}.cpuprofile`);
    // Written under another name first: the harness waits for the final name to appear.
    fs.writeFileSync(`${file}.part`, JSON.stringify(profile));
    fs.renameSync(`${file}.part`, file);
    await post('Profiler.start');
  });
}
