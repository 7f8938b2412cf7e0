/** The contract between config authoring and the engine client: model descriptions, cached per file. */
import type { ModelDescription } from '../../contracts/engineProtocol.ts';

export interface ModelDescriptionSource {
  /** Describes a model by absolute path (the engine's `model/describe`). Rejects with a one-line cause. */
  describe(modelPath: string): Promise<ModelDescription>;
}
