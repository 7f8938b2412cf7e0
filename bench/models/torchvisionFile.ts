/**
 * The torchvision exports of the benches (3×64×64, 10 classes, seeded random weights, input
 * `input`, output `logits`): made by bench/models/export_torchvision.py with Debian's PyTorch on
 * first use and cached in bench/.cache/models, never committed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The path of `<name>_opset<opset>.onnx`, exported first if it is not cached yet. */
export function torchvisionModelFile(name: string, opset: number): string {
  const file = path.join(root, 'bench', '.cache', 'models', `${name}_opset${opset}.onnx`);
  if (!fs.existsSync(file)) {
    console.log(`exporting ${name} at opset ${opset} with PyTorch …`);
    const result = spawnSync('/usr/bin/python3', ['bench/models/export_torchvision.py', '--opset', String(opset), name], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`bench/models/export_torchvision.py failed for ${name}: it needs Debian's python3-torch and python3-torchvision`);
  }
  return file;
}
