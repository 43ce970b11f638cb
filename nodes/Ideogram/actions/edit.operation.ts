import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { imageSourceProperties, optionsCollection, promptProperty } from './descriptions';
import { runOperation, type OperationSpec } from './run';

const spec: OperationSpec = {
	name: 'edit',
	path: (options) => `/v1/ideogram-v3/${options.editEndpoint === 'inpaint' ? 'inpaint' : 'edit'}`,
	imageField: 'image',
	mask: true,
	promptRequired: true,
	options: [
		'magicPrompt', 'numImages', 'seed', 'renderingSpeed', 'styleType', 'stylePreset', 'customModelUri',
		'colorPalette', 'styleCodes', 'styleReferenceImages', 'characterReferenceImages', 'characterReferenceImageMasks',
	],
	result: 'images',
};

const MASK_HELP =
	'Black marks the area Ideogram repaints, white the area it keeps. The mask must have exactly the width and height of the image.';

const properties: INodeProperties[] = [
	...imageSourceProperties('Image'),
	{
		displayName: 'Input Mask Field',
		name: 'maskBinaryPropertyName',
		type: 'string',
		default: 'mask',
		required: true,
		displayOptions: { show: { imageSource: ['binary'] } },
		hint: MASK_HELP,
		description: 'Binary field holding the black-and-white mask (JPEG, PNG or WebP)',
	},
	{
		displayName: 'Mask URL',
		name: 'maskUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/mask.png',
		displayOptions: { show: { imageSource: ['url'] } },
		hint: MASK_HELP,
		description: 'Public http(s) address of the black-and-white mask',
	},
	promptProperty('What the masked (black) area should show after the edit'),
	optionsCollection(['editEndpoint', ...spec.options]),
];

export const description = updateDisplayOptions({ show: { operation: ['edit'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await runOperation(this, itemIndex, spec);
}
