import { imageFile, V3_REFERENCE_LISTS } from '../catalogue/inputs';
import type { OperationDefinition } from '../catalogue/types';
import { MAX_FILE_BYTES } from '../options/apiValues';
import { RESOLUTION_OPTIONS } from '../options/definitions';

import { defineOperation } from './define';
import { imageSourceProperties } from './panel';

export const definition: OperationDefinition = {
	meta: {
		value: 'reframe',
		name: 'Reframe',
		action: 'Reframe an image',
		description: 'Extend a square image to a new size',
	},
	endpoints: [
		{
			model: 'ideogram-3',
			modelName: 'Ideogram 3.0',
			path: '/v1/ideogram-v3/reframe',
			encoding: 'multipart',
			files: [imageFile('image', MAX_FILE_BYTES)],
			fileLists: [V3_REFERENCE_LISTS[0]],
			parameters: [{ parameter: 'resolution', option: 'resolution' }],
			fields: ['numImages', 'seed', 'renderingSpeed', 'stylePreset', 'colorPalette', 'styleCodes'],
			timing: 'sync',
			quote: false,
			webhook: false,
			answer: 'images',
		},
	],
	properties: [
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
	],
};

export const operation = defineOperation(definition);
