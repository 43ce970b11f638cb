import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { imageSourceProperties, optionsCollection, promptProperty } from './descriptions';
import { runOperation, type OperationSpec } from './run';

const spec: OperationSpec = {
	name: 'replaceBackground',
	path: () => '/v1/ideogram-v3/replace-background',
	imageField: 'image',
	promptRequired: true,
	options: ['magicPrompt', 'numImages', 'seed', 'renderingSpeed', 'stylePreset', 'colorPalette', 'styleCodes', 'styleReferenceImages'],
	result: 'images',
};

const properties: INodeProperties[] = [
	...imageSourceProperties('Image'),
	promptProperty('The new background; Ideogram finds the foreground subject and keeps it'),
	optionsCollection(spec.options),
];

export const description = updateDisplayOptions({ show: { operation: ['replaceBackground'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await runOperation(this, itemIndex, spec);
}
