import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../../emulator";
import { FakeClock } from "./fake-clock";
import { TEST_SEED } from "./test-seed";

export interface TestEmulator {
  emulator: RunningEmulator;
  clock: FakeClock;
}

/** Starts an emulator on a free 127.0.0.1 port with a fake clock and `TEST_SEED` unless another seed is given. */
export async function startTestEmulator(seed: EmulatorSeed = TEST_SEED): Promise<TestEmulator> {
  const clock = new FakeClock();
  const emulator = await startEmulator({ seed, now: clock.now });

  return { emulator, clock };
}
