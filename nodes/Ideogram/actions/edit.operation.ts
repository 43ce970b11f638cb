import type { INodeProperties } from 'n8n-workflow';

import { imageSourceProperties, optionCollections, promptProperty } from './descriptions';
import { multipartOperation } from './define';
import type { OperationMeta, OperationSpec } from './types';

export const meta: OperationMeta = {
	value: 'edit',
	name: 'Edit',
	action: 'Edit an image with a mask',
	description: 'Repaint the black area of a mask with what the prompt describes',
};

export const spec: OperationSpec = {
	path: (settings) => `/v1/ideogram-v3/${settings.editEndpoint === 'inpaint' ? 'inpaint' : 'edit'}`,
	imageField: 'image',
	mask: true,
	prompt: true,
	options: [
		'magicPrompt', 'numImages', 'seed', 'renderingSpeed', 'styleType', 'stylePreset', 'customModelUri',
		'colorPalette', 'styleCodes', 'styleReferenceImages', 'characterReferenceImages', 'characterReferenceImageMasks',
	],
	encoding: 'fields',
	answer: 'images',
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
	promptProperty({
		description: 'What the masked (black) area should show after the edit',
		placeholder: 'A bunch of yellow tulips in the vase',
		hint: 'Describe only what goes into the black area of the mask; the white area stays as it is',
	}),
	...optionCollections(['editEndpoint', ...spec.options]),
];

export const operation = multipartOperation(meta, spec, properties);
