import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { imageSourceProperties, optionsCollection, RESOLUTION_OPTIONS } from './descriptions';
import { runOperation, type OperationSpec } from './run';

const spec: OperationSpec = {
	name: 'reframe',
	path: () => '/v1/ideogram-v3/reframe',
	imageField: 'image',
	promptRequired: false,
	resolutionParameter: true,
	options: ['numImages', 'seed', 'renderingSpeed', 'stylePreset', 'colorPalette', 'styleCodes', 'styleReferenceImages'],
	result: 'images',
};

const properties: INodeProperties[] = [
	...imageSourceProperties('Image'),
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		options: RESOLUTION_OPTIONS,
		default: '1312x736',
		required: true,
		description: 'The size to extend the (square) image to; Ideogram fills in the new areas',
	},
	optionsCollection(spec.options),
];

export const description = updateDisplayOptions({ show: { operation: ['reframe'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await runOperation(this, itemIndex, spec);
}
