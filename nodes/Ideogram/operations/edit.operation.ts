import type { INodeProperties } from 'n8n-workflow';

import { imageFile, IMAGE, MASK, referenceImages, V3_REFERENCE_LISTS } from '../catalogue/inputs';
import { editEndpointChoice, editEndpointFor, IDEOGRAM_3, IDEOGRAM_4_5, IDEOGRAM_3_STYLE_FIELDS, NEWEST_FROM_VERSION_1_1 } from '../catalogue/models';
import type { OperationDefinition } from '../catalogue/types';
import { MAX_FILE_BYTES, MAX_LARGE_FILE_BYTES } from '../options/apiValues';

import { defineOperation } from './define';
import { imageSourceProperties, promptProperty } from './panel';

const MASK_HELP =
	'Black marks the area Ideogram repaints, white the area it keeps. The mask must have exactly the width and height of the image.';
const OPTIONAL_MASK_HELP =
	"Optional: black marks where Ideogram may change the image, white what it keeps; exactly the image's size, with both black and white. Leave empty to let the prompt alone decide.";

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
		description:
			'What the masked (black) area should show after the edit; for Precise Edit (Ideogram 4.5), what to change',
		placeholder: 'A bunch of yellow tulips in the vase',
		hint: 'Describe the change: with a mask, what goes into its black area (the white area stays as it is)',
	}),
];

export const definition: OperationDefinition = {
	meta: {
		value: 'edit',
		name: 'Edit',
		action: 'Edit an image with a mask',
		description: 'Repaint the black area of a mask with what the prompt describes',
	},
	endpoints: [
		{
			...IDEOGRAM_3,
			// Edit Endpoint decides between the deprecated /edit, which every gateway serves, and its successor.
			path: ({ settings, baseUrl, nodeVersion }) =>
				`/v1/ideogram-v3/${editEndpointFor(editEndpointChoice(settings.editEndpoint, nodeVersion), baseUrl)}`,
			encoding: 'multipart',
			files: [
				imageFile('image', MAX_FILE_BYTES),
				{
					part: 'mask',
					input: MASK,
					maxBytes: MAX_FILE_BYTES,
					mask: { sameSizeAs: 'image', convention: 'blackChanges' },
				},
			],
			fileLists: V3_REFERENCE_LISTS,
			prompt: {},
			fields: [
				'magicPrompt',
				'numImages',
				'seed',
				'renderingSpeed',
				...IDEOGRAM_3_STYLE_FIELDS,
			],
			settings: ['editEndpoint'],
			timing: 'sync',
			quote: false,
			webhook: false,
			answer: 'images',
		},
		{
			...IDEOGRAM_4_5,
			runs: 'Ideogram 4.5 Precise Edit',
			path: '/v2/image/precise-edit/ideogram-4-5',
			encoding: 'multipart',
			files: [
				{ part: 'image', input: IMAGE, maxBytes: MAX_LARGE_FILE_BYTES },
				{
					part: 'mask',
					input: MASK,
					maxBytes: MAX_LARGE_FILE_BYTES,
					optional: true,
					mask: { sameSizeAs: 'image', convention: 'blackChanges' },
				},
			],
			fileLists: [referenceImages('reference_images', 4, 3)],
			prompt: {},
			fields: ['numImages', 'seed', 'quality', 'enableCopyrightDetection', 'webhookUrl'],
			timing: 'either',
			quote: true,
			webhook: true,
			answer: 'images',
		},
	],
	modelDefaults: NEWEST_FROM_VERSION_1_1,
	properties,
};

export const operation = defineOperation(definition);
