/**
 * The engine as the extension's background process: `dist/engine.js serve`, spoken
 * to over Node IPC with JSON-RPC (contracts/engineProtocol.ts). One run (or tuning) at a time; a stop
 * request makes the run stop between steps with its last checkpoint kept. Malformed messages are
 * logged and answered with an error, never fatal; when the client goes away mid-run, the run stops
 * as if asked (checkpoint kept, a stopped summary) and the process exits after it.
 */
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { loadConfig } from '../config/loadConfig.ts';
import { runFromConfig } from '../commands/run.ts';
import { tuneFromConfig } from '../commands/tune.ts';
import { RunFolder } from '../run/runFolder.ts';
import { describeModel } from '../commands/describe.ts';
import { evaluateModel } from '../commands/evaluate.ts';
import { inspectModel } from '../commands/inspect.ts';
import { silentReporter } from '../commands/reporter.ts';
import { TrainingCancelledError } from '../training/trainer.ts';
import {
  DescribeModelRequest, DidFailRunNotification, EvaluateModelRequest, DidFinishRunNotification, DidReportLayerErrorsNotification, DidReportMetricsNotification,
  DidReportProgressNotification, InitializeRequest, InspectQuantErrorRequest, LogNotification, PROTOCOL_VERSION, StartRunRequest, StopRunRequest,
  StartTuningRequest, DidMeasureTuningTrialNotification, DidFinishTuningNotification,
  type DescribeModelParams, type EvaluateModelParams, type InspectQuantErrorParams, type NotificationDescriptor, type StartRunParams, type StopRunParams,
  type StartTuningParams, type StartTuningResult,
} from '../../contracts/engineProtocol.ts';
import { BatchedReporter } from './batchedReporter.ts';
import { stderrConnectionLogger } from './connectionLogger.ts';
import { notificationType, requestType } from './jsonRpcTypes.ts';
import { checkParams, RequestParamsError } from './requestParams.ts';

export const ENGINE_VERSION = '0.1.0';

interface ActiveRun {
  folder: string | undefined;
  stopRequested: boolean;
  /** Settles when the run has ended and its folder says how. */
  ended?: Promise<void>;
}

export function serveOverIpc(): MessageConnection {
  const connection = createMessageConnection(new IPCMessageReader(process), new IPCMessageWriter(process), stderrConnectionLogger);
  let active: ActiveRun | undefined;
  // A notification to a client that has gone would throw (or reject): the run carries on without it.
  const notify = <Params>(notification: NotificationDescriptor<Params>, params: Params): void => {
    if (!process.connected) return;
    connection.sendNotification(notificationType(notification), params).catch(() => {});
  };
  const log = (level: 'info' | 'warning' | 'error', message: string): void => notify(LogNotification, { level, message });

  /** Notifications for an active run's (or tuning's) folder, batched to a few a second. */
  const reporterFor = (run: ActiveRun): BatchedReporter => new BatchedReporter({
    progress: (p) => notify(DidReportProgressNotification, { runFolder: run.folder ?? '', ...p }),
    metrics: (records) => notify(DidReportMetricsNotification, { runFolder: run.folder ?? '', records }),
    layerErrors: (stage, report) => notify(DidReportLayerErrorsNotification, { runFolder: run.folder ?? '', stage, report }),
    log: (message) => log('info', message),
  });

  connection.onRequest(requestType(InitializeRequest), () => ({ protocolVersion: PROTOCOL_VERSION, engineVersion: ENGINE_VERSION }));

  connection.onRequest(requestType(DescribeModelRequest), (raw) => {
    const params = checkParams<DescribeModelParams>(DescribeModelRequest.method, raw, { modelPath: 'string' });
    return describeModel(params.modelPath);
  });

  connection.onRequest(requestType(EvaluateModelRequest), (raw) => {
    const params = checkParams<EvaluateModelParams>(EvaluateModelRequest.method, raw, { modelPath: 'string', maxExamples: 'number' });
    if (typeof params.data !== 'object' || params.data === null || Array.isArray(params.data)) throw new RequestParamsError(`${EvaluateModelRequest.method}: data must be a config's data section`);
    return evaluateModel(params);
  });

  connection.onRequest(requestType(InspectQuantErrorRequest), (raw) => {
    const params = checkParams<InspectQuantErrorParams>(InspectQuantErrorRequest.method, raw, { modelPath: 'string', data: 'string', weightBits: 'number', activationBits: 'number' });
    return inspectModel(params.modelPath, { data: params.data, weightBits: params.weightBits, activationBits: params.activationBits }, {
      ...silentReporter,
      log: (line) => log('info', line),
    });
  });

  /**
   * Starts a run or a tuning as the one active job, answering the request once its run folder is
   * known. `work` resolves to the job's finished notification, sent after the last progress; a stop
   * is announced by `stopped`, any other failure as run/failed (or, before the folder exists, as the
   * request's error).
   */
  const startJob = (folder: string | undefined, job: {
    work(run: ActiveRun, reporter: BatchedReporter, onRunFolder: (folder: string) => void): Promise<() => void>;
    stopped(folder: string, message: string): void;
  }): Promise<{ runFolder: string }> => {
    if (active) throw new Error(`a run is already going${active.folder ? ` (${active.folder})` : ''}; stop it first`);
    const run: ActiveRun = { folder, stopRequested: false };
    active = run;
    return new Promise<{ runFolder: string }>((resolveStart, rejectStart) => {
      let answered = false;
      const reporter = reporterFor(run);
      const onRunFolder = (runFolder: string): void => {
        run.folder = runFolder;
        answered = true;
        resolveStart({ runFolder });
      };
      const going = async (): Promise<void> => {
        try {
          const announceFinished = await job.work(run, reporter, onRunFolder);
          reporter.flush();
          announceFinished();
        } catch (error) {
          reporter.flush();
          const message = (error as Error).message ?? String(error);
          const stopped = error instanceof TrainingCancelledError;
          if (!answered) rejectStart(error);
          else if (stopped) job.stopped(run.folder!, message);
          else notify(DidFailRunNotification, { runFolder: run.folder, message });
          log(stopped ? 'info' : 'error', message);
        } finally {
          active = undefined;
        }
      };
      run.ended = going();
    });
  };

  connection.onRequest(requestType(StartRunRequest), (raw) => {
    const params = checkParams<StartRunParams>(StartRunRequest.method, raw, { configPath: 'string', resumeFrom: 'string?' });
    return startJob(params.resumeFrom, {
      work: async (run, reporter, onRunFolder) => {
        const summary = await runFromConfig(loadConfig(params.configPath), reporter, {
          resume: params.resumeFrom,
          shouldStop: () => run.stopRequested,
          onRunFolder,
        });
        return () => notify(DidFinishRunNotification, { runFolder: summary.runFolder, status: 'finished', summary });
      },
      stopped: (runFolder, message) => notify(DidFinishRunNotification, { runFolder, status: 'stopped', message }),
    });
  });

  connection.onRequest(requestType(StartTuningRequest), (raw): Promise<StartTuningResult> => {
    const params = checkParams<StartTuningParams>(StartTuningRequest.method, raw, { configPath: 'string', runFolder: 'string?' });
    return startJob(params.runFolder, {
      work: async (run, reporter, onRunFolder) => {
        const result = await tuneFromConfig(loadConfig(params.configPath), reporter, {
          run: params.runFolder,
          shouldStop: () => run.stopRequested,
          onRunFolder,
          onTrial: (progress) => {
            reporter.flush();
            notify(DidMeasureTuningTrialNotification, { runFolder: run.folder!, ...progress });
          },
        });
        return () => notify(DidFinishTuningNotification, { runFolder: result.runFolder, status: 'finished', summary: result.summary, tunedConfigPath: result.file.tunedConfigPath });
      },
      stopped: (runFolder) => {
        const summary = RunFolder.open(runFolder).readTuning()?.summary ?? { met: false, trials: 0, chosen: null };
        notify(DidFinishTuningNotification, { runFolder, status: 'stopped', summary, tunedConfigPath: null });
      },
    });
  });

  connection.onRequest(requestType(StopRunRequest), (raw) => {
    const params = checkParams<StopRunParams>(StopRunRequest.method, raw, { runFolder: 'string' });
    if (!active || (active.folder !== undefined && active.folder !== params.runFolder)) return { stopping: false };
    active.stopRequested = true;
    return { stopping: true };
  });

  // The client went away (the window closed, the extension host died): a run stops as if asked.
  process.once('disconnect', () => {
    const running = active;
    if (!running?.ended) process.exit(0);
    running.stopRequested = true;
    process.stderr.write(`distq engine: the client disconnected; stopping the run${running.folder ? ` in ${running.folder}` : ''} (its last checkpoint is kept)\n`);
    void running.ended.finally(() => process.exit(0));
  });
  connection.onClose(() => process.exit(0));
  connection.listen();
  return connection;
}
