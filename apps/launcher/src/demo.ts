import { DemoSystem } from './demo/demo-system.js';
import { runScenario } from './demo/scenario.js';

/** A second signal sooner than this is the same Ctrl-C delivered twice (terminal and npm). */
const REPEAT_MS = 500;

/**
 * `npm run demo`: the sample system as real processes (with throwaway redis-server processes when
 * redis-server is on PATH), a scripted scenario against it, a summary table, and an exit code that
 * says whether everything behaved as claimed. Ctrl-C stops everything it started; a second one
 * kills it all at once.
 *
 * @returns the exit code
 */
async function main(): Promise<number> {
  const system = new DemoSystem();
  let interruptedAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interruptedAt !== undefined && performance.now() - interruptedAt >= REPEAT_MS) {
      system.kill();
      process.exit(130);
    }
    interruptedAt ??= performance.now();
    console.log(`\n${signal}: stopping everything the demo started…`);
    void system.stop().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const { exitCode } = await runScenario((line) => console.log(line), system);
  return exitCode;
}

// Exit explicitly: idle keep-alive sockets would otherwise hold the process a few seconds.
process.exit(await main());
