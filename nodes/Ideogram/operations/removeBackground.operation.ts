import { imageFile } from '../catalogue/inputs';
import type { OperationDefinition } from '../catalogue/types';
import { MAX_LARGE_FILE_BYTES } from '../options/apiValues';

import { defineOperation } from './define';
import { imageSourceProperties } from './panel';

export const definition: OperationDefinition = {
	meta: {
		value: 'removeBackground',
		name: 'Remove Background',
		action: 'Remove the background of an image',
		description: 'Cut out the subject as a transparent PNG',
	},
	endpoints: [
		{
			model: 'ideogram-1',
			modelName: 'Ideogram Background Remover',
			path: '/v1/remove-background',
			encoding: 'multipart',
			files: [imageFile('image', MAX_LARGE_FILE_BYTES)],
			fields: [],
			timing: 'sync',
			quote: false,
			webhook: false,
			answer: 'images',
		},
	],
	properties: imageSourceProperties('Image', 25),
};

export const operation = defineOperation(definition);
