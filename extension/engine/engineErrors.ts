/** Why the client cannot talk to the engine right now; messages are meant for the user. */
export class UntrustedWorkspaceError extends Error {
  constructor(action: string) {
    super(`${action} needs a trusted workspace: it starts the DistQ engine, which loads the models and data this workspace names. Trust this workspace to continue.`);
    this.name = 'UntrustedWorkspaceError';
  }
}

export class EngineGaveUpError extends Error {
  constructor(crashes: number) {
    super(`The DistQ engine crashed ${crashes} times within three minutes, so DistQ stopped restarting it. See the DistQ Engine log, then choose Restart Engine.`);
    this.name = 'EngineGaveUpError';
  }
}

export class ProtocolMismatchError extends Error {
  constructor(engineVersion: number, clientVersion: number) {
    super(`The DistQ engine speaks protocol ${engineVersion}, this extension ${clientVersion}: rebuild both (npm run build).`);
    this.name = 'ProtocolMismatchError';
  }
}

/** The message of anything thrown, on one line; a JSON-RPC error's wrapper words are dropped, the engine's own message kept. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^Request \S+ failed with message: /, '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean).join(' ');
}
