import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, promptProperty } from './descriptions';
import { runOperation, type OperationSpec } from './run';

const spec: OperationSpec = {
	name: 'generate',
	path: () => '/v1/ideogram-v3/generate',
	promptRequired: true,
	options: [
		'aspectRatio', 'resolution', 'magicPrompt', 'negativePrompt', 'numImages', 'seed', 'renderingSpeed', 'styleType',
		'stylePreset', 'customModelUri', 'colorPalette', 'styleCodes', 'styleReferenceImages', 'characterReferenceImages',
		'characterReferenceImageMasks',
	],
	result: 'images',
};

const properties: INodeProperties[] = [promptProperty('What the image should show'), optionsCollection(spec.options)];

export const description = updateDisplayOptions({ show: { operation: ['generate'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await runOperation(this, itemIndex, spec);
}
