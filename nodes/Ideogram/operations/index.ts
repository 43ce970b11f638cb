import * as describe from './describe.operation';
import * as edit from './edit.operation';
import * as generate from './generate.operation';
import * as generateVector from './generateVector.operation';
import * as getGeneration from './getGeneration.operation';
import * as getUsage from './getUsage.operation';
import * as layerizeText from './layerizeText.operation';
import * as reframe from './reframe.operation';
import * as remix from './remix.operation';
import * as removeBackground from './removeBackground.operation';
import * as removeObject from './removeObject.operation';
import * as replaceBackground from './replaceBackground.operation';
import type { Operation } from '../catalogue/types';
import * as upscale from './upscale.operation';
import * as vectorize from './vectorize.operation';

/**
 * Every operation of the node. Adding one is a new `<name>.operation.ts` file (its catalogue entry) and one line
 * here; adding a model to an operation is one endpoint entry in its file.
 */
export const operations: Operation[] = [
	describe.operation,
	edit.operation,
	generate.operation,
	generateVector.operation,
	getGeneration.operation,
	getUsage.operation,
	layerizeText.operation,
	reframe.operation,
	remix.operation,
	removeBackground.operation,
	removeObject.operation,
	replaceBackground.operation,
	upscale.operation,
	vectorize.operation,
];
