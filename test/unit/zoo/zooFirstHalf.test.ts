/**
 * The torchvision zoo (test/fixtures/zoo), first half: every model at one opset in the unit
 * tier (those whose MaxPool windows overlap at 13, the rest at 17), every exported opset with
 * DISTQ_ZOO=full (bench/zoo.ts).
 */
import { describeZoo } from './zooSuite.ts';
import { ZOO_HALVES } from './zooModels.ts';

describeZoo(ZOO_HALVES.first);
