/**
 * The engine as the extension's background process: `dist/engine.js serve`, spoken
 * to over Node IPC with JSON-RPC (contracts/engineProtocol.ts). One run at a time; a stop
 * request makes the run stop between steps with its last checkpoint kept.
 */
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { loadConfig } from '../config/loadConfig.ts';
import { runFromConfig } from '../commands/run.ts';
import { describeModel } from '../commands/describe.ts';
import { inspectModel } from '../commands/inspect.ts';
import { silentReporter } from '../commands/reporter.ts';
import { TrainingCancelledError } from '../training/trainer.ts';
import {
  DescribeModelRequest, DidFailRunNotification, DidFinishRunNotification, DidReportLayerErrorsNotification, DidReportMetricsNotification,
  DidReportProgressNotification, InitializeRequest, InspectQuantErrorRequest, LogNotification, PROTOCOL_VERSION, StartRunRequest, StopRunRequest,
} from '../../contracts/engineProtocol.ts';
import { BatchedReporter } from './batchedReporter.ts';
import { notificationType, requestType } from './jsonRpcTypes.ts';

export const ENGINE_VERSION = '0.1.0';

interface ActiveRun {
  folder: string | undefined;
  stopRequested: boolean;
}

export function serveOverIpc(): MessageConnection {
  const connection = createMessageConnection(new IPCMessageReader(process), new IPCMessageWriter(process));
  let active: ActiveRun | undefined;
  const log = (level: 'info' | 'warning' | 'error', message: string): void => void connection.sendNotification(notificationType(LogNotification), { level, message });

  connection.onRequest(requestType(InitializeRequest), () => ({ protocolVersion: PROTOCOL_VERSION, engineVersion: ENGINE_VERSION }));

  connection.onRequest(requestType(DescribeModelRequest), (params) => describeModel(params.modelPath));

  connection.onRequest(requestType(InspectQuantErrorRequest), (params) => inspectModel(params.modelPath, { data: params.data, weightBits: params.weightBits, activationBits: params.activationBits }, {
    ...silentReporter,
    log: (line) => log('info', line),
  }));

  connection.onRequest(requestType(StartRunRequest), (params) => {
    if (active) throw new Error(`a run is already going${active.folder ? ` (${active.folder})` : ''}; stop it first`);
    const run: ActiveRun = { folder: params.resumeFrom, stopRequested: false };
    active = run;
    return new Promise<{ runFolder: string }>((resolveStart, rejectStart) => {
      let answered = false;
      const reporter = new BatchedReporter({
        progress: (p) => void connection.sendNotification(notificationType(DidReportProgressNotification), { runFolder: run.folder ?? '', ...p }),
        metrics: (records) => void connection.sendNotification(notificationType(DidReportMetricsNotification), { runFolder: run.folder ?? '', records }),
        layerErrors: (stage, report) => void connection.sendNotification(notificationType(DidReportLayerErrorsNotification), { runFolder: run.folder ?? '', stage, report }),
        log: (message) => log('info', message),
      });
      const started = async (): Promise<void> => {
        try {
          const loaded = loadConfig(params.configPath);
          const summary = await runFromConfig(loaded, reporter, {
            resume: params.resumeFrom,
            shouldStop: () => run.stopRequested,
            onRunFolder: (folder) => {
              run.folder = folder;
              answered = true;
              resolveStart({ runFolder: folder });
            },
          });
          reporter.flush();
          void connection.sendNotification(notificationType(DidFinishRunNotification), { runFolder: summary.runFolder, status: 'finished', summary });
        } catch (error) {
          reporter.flush();
          const message = (error as Error).message ?? String(error);
          const stopped = error instanceof TrainingCancelledError;
          if (!answered) rejectStart(error);
          else if (stopped) void connection.sendNotification(notificationType(DidFinishRunNotification), { runFolder: run.folder!, status: 'stopped', message });
          else void connection.sendNotification(notificationType(DidFailRunNotification), { runFolder: run.folder, message });
          log(stopped ? 'info' : 'error', message);
        } finally {
          active = undefined;
        }
      };
      void started();
    });
  });

  connection.onRequest(requestType(StopRunRequest), (params) => {
    if (!active || (active.folder !== undefined && active.folder !== params.runFolder)) return { stopping: false };
    active.stopRequested = true;
    return { stopping: true };
  });

  connection.onClose(() => process.exit(0));
  connection.listen();
  return connection;
}
