import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { imageSourceProperties, optionsCollection } from './descriptions';
import { runOperation, type OperationSpec } from './run';

const spec: OperationSpec = {
	name: 'upscale',
	path: () => '/upscale',
	imageField: 'image_file',
	promptRequired: false,
	options: ['prompt', 'resemblance', 'detail', 'magicPrompt', 'numImages', 'seed'],
	result: 'images',
};

const properties: INodeProperties[] = [...imageSourceProperties('Image'), optionsCollection(spec.options)];

export const description = updateDisplayOptions({ show: { operation: ['upscale'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await runOperation(this, itemIndex, spec);
}
