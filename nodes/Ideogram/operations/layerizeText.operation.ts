import { imageFile } from '../catalogue/inputs';
import type { OperationDefinition } from '../catalogue/types';
import { MAX_FILE_BYTES } from '../options/apiValues';

import { defineOperation } from './define';
import { imageSourceProperties } from './panel';

export const definition: OperationDefinition = {
	meta: {
		value: 'layerizeText',
		name: 'Layerize Text',
		action: 'Separate the text from an image',
		description: 'Get the text of an image as positioned text blocks, and the image without it',
	},
	endpoints: [
		{
			model: 'ideogram-3',
			modelName: 'Ideogram 3.0',
			path: '/v1/ideogram-v3/layerize-text',
			encoding: 'multipart',
			files: [imageFile('image', MAX_FILE_BYTES)],
			fields: ['prompt', 'seed'],
			timing: 'sync',
			quote: false,
			webhook: false,
			answer: 'layers',
		},
	],
	properties: imageSourceProperties('Image'),
};

export const operation = defineOperation(definition);
