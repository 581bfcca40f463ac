import { banner } from './banner.js';
import { SampleSystem } from './sample-system.js';

/** How long each service may take to close after SIGTERM before it is killed. */
const GRACE_MS = 10_000;
/**
 * A repeated signal sooner than this is the same Ctrl-C delivered twice (by the terminal to the
 * process group, and forwarded by npm), not a second Ctrl-C.
 */
const REPEAT_MS = 500;

/**
 * Resolves on the first SIGINT or SIGTERM; a later one (more than `REPEAT_MS` after) runs `force`.
 *
 * @param force what a second signal does
 * @returns the first signal's name
 */
function firstSignal(force: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let firstAt: number | undefined;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (firstAt === undefined) {
        firstAt = performance.now();
        resolve(signal);
      } else if (performance.now() - firstAt >= REPEAT_MS) {
        console.log(`${signal} again: killing both services.`);
        force();
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Starts the sample system, prints what to try, and stops it on Ctrl-C. @returns the exit code */
async function main(): Promise<number> {
  const system = new SampleSystem(GRACE_MS);
  const signal = firstSignal(() => system.kill());
  console.log('Starting the inventory and order services…');
  let running: Awaited<ReturnType<SampleSystem['start']>>;
  try {
    const started = await Promise.race([system.start(), signal]);
    if (typeof started === 'string') return stop(system, started);
    running = started;
  } catch (error) {
    console.error(`The sample system did not start: ${error instanceof Error ? error.message : String(error)}`);
    await system.stop();
    return 1;
  }
  console.log(banner(running.inventory, running.orders));
  const ended = await Promise.race([signal, system.firstExit()]);
  if (typeof ended === 'string') return stop(system, ended);
  const exit = await ended.exited;
  console.error(`${ended.name} exited unexpectedly (${exit?.signal ?? `code ${exit?.code}`}); stopping the other service.`);
  await system.stop();
  return 1;
}

async function stop(system: SampleSystem, signal: NodeJS.Signals): Promise<number> {
  console.log(`\n${signal}: stopping both services…`);
  await system.stop();
  console.log('Both services stopped.');
  return 0;
}

// Exit explicitly: idle keep-alive sockets from the health checks would otherwise hold the process a few seconds.
process.exit(await main());
