import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { imageSourceProperties, optionsCollection, promptProperty } from './descriptions';
import { runOperation, type OperationSpec } from './run';

const spec: OperationSpec = {
	name: 'remix',
	path: () => '/v1/ideogram-v3/remix',
	imageField: 'image',
	promptRequired: true,
	options: [
		'imageWeight', 'aspectRatio', 'resolution', 'magicPrompt', 'negativePrompt', 'numImages', 'seed', 'renderingSpeed',
		'styleType', 'stylePreset', 'customModelUri', 'colorPalette', 'styleCodes', 'styleReferenceImages',
		'characterReferenceImages', 'characterReferenceImageMasks',
	],
	result: 'images',
};

const properties: INodeProperties[] = [
	...imageSourceProperties('Image'),
	promptProperty('What the remixed image should show; the input image guides composition and colors'),
	optionsCollection(spec.options),
];

export const description = updateDisplayOptions({ show: { operation: ['remix'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await runOperation(this, itemIndex, spec);
}
