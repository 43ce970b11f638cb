import * as describe from './describe.operation';
import * as edit from './edit.operation';
import * as generate from './generate.operation';
import * as reframe from './reframe.operation';
import * as remix from './remix.operation';
import * as replaceBackground from './replaceBackground.operation';
import type { Operation } from './types';
import * as upscale from './upscale.operation';

/** Every operation of the node. Adding one is a new `<name>.operation.ts` file and one line here. */
export const operations: Operation[] = [
	describe.operation,
	edit.operation,
	generate.operation,
	reframe.operation,
	remix.operation,
	replaceBackground.operation,
	upscale.operation,
];
