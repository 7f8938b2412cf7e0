/**
 * Ctrl-C (SIGINT) and SIGTERM during `distq run`: the first asks the run to stop between steps, as
 * a cancel from the extension does (the last checkpoint stays, summary.json says `stopped`); a
 * second ends the process at once.
 */
const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;
type StopSignal = keyof typeof SIGNAL_NUMBERS;

export interface SignalStop {
  shouldStop(): boolean;
  /** 128 + the signal's number once one arrived (the shell's convention), else undefined. */
  exitCode(): number | undefined;
  dispose(): void;
}

export function stopOnSignals(announce: (line: string) => void): SignalStop {
  let received: StopSignal | undefined;
  const onSignal = (signal: StopSignal): void => {
    if (received) process.exit(128 + SIGNAL_NUMBERS[signal]);
    received = signal;
    announce(`${signal}: stopping after this step (send it again to quit at once)`);
  };
  const signals = Object.keys(SIGNAL_NUMBERS) as StopSignal[];
  for (const signal of signals) process.on(signal, onSignal);
  return {
    shouldStop: () => received !== undefined,
    exitCode: () => (received ? 128 + SIGNAL_NUMBERS[received] : undefined),
    dispose: () => {
      for (const signal of signals) process.off(signal, onSignal);
    },
  };
}
