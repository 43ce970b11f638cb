import type { INodeProperties } from 'n8n-workflow';

import { imageSourceProperties, promptProperty } from './panel';
import { modelOperation } from './models';
import type { OperationMeta, OperationSpec } from '../catalogue/types';

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
const OPTIONAL_MASK_HELP =
	'Optional: black marks where Ideogram may change the image, white what it keeps; exactly the image\'s size, with both black and white. Leave empty to let the prompt alone decide.';

const ONLY_3 = { model: ['ideogram-3'] };
const ONLY_4_5 = { model: ['ideogram-4-5'] };

const properties: INodeProperties[] = [
	...imageSourceProperties('Image'),
	// Ideogram 3.0 needs the mask; Precise Edit (4.5) takes one optionally: same parameters, other defaults.
	{
		displayName: 'Input Mask Field',
		name: 'maskBinaryPropertyName',
		type: 'string',
		default: 'mask',
		required: true,
		displayOptions: { show: { imageSource: ['binary'], ...ONLY_3 } },
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
		displayOptions: { show: { imageSource: ['url'], ...ONLY_3 } },
		hint: MASK_HELP,
		description: 'Public http(s) address of the black-and-white mask',
	},
	{
		displayName: 'Input Mask Field',
		name: 'maskBinaryPropertyName',
		type: 'string',
		default: '',
		placeholder: 'mask',
		displayOptions: { show: { imageSource: ['binary'], ...ONLY_4_5 } },
		hint: OPTIONAL_MASK_HELP,
		description: 'Binary field holding an optional black-and-white mask (JPEG, PNG or WebP)',
	},
	{
		displayName: 'Mask URL',
		name: 'maskUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/mask.png',
		displayOptions: { show: { imageSource: ['url'], ...ONLY_4_5 } },
		hint: OPTIONAL_MASK_HELP,
		description: 'Public http(s) address of an optional black-and-white mask',
	},
	promptProperty({
		description: 'What the masked (black) area should show after the edit; for Precise Edit (Ideogram 4.5), what to change',
		placeholder: 'A bunch of yellow tulips in the vase',
		hint: 'Describe what goes into the black area of the mask; the white area stays as it is',
	}),
];

/** The spec of Ideogram 3.0's edit; Model picks 4.5's Precise Edit instead (actions/models.ts). */
export const operation = modelOperation(meta, 'edit', spec, properties);
