import { imageFile, MASK } from '../catalogue/inputs';
import type { OperationDefinition } from '../catalogue/types';
import { MAX_TOOL_FILE_BYTES } from '../options/apiValues';

import { defineOperation } from './define';
import { fileProperties, imageSourceProperties } from './panel';

export const definition: OperationDefinition = {
	meta: {
		value: 'removeObject',
		name: 'Remove Object',
		action: 'Remove an object from an image',
		description: 'Erase what the white area of a mask covers and fill it in from its surroundings',
	},
	endpoints: [
		{
			model: 'ideogram-1',
			modelName: 'Ideogram Object Remover',
			path: '/v2/image/remove-object/ideogram-1',
			encoding: 'multipart',
			files: [
				imageFile('image', MAX_TOOL_FILE_BYTES),
				{
					part: 'mask',
					input: MASK,
					maxBytes: MAX_TOOL_FILE_BYTES,
					mask: { sameSizeAs: 'image', convention: 'whiteChanges' },
				},
			],
			fields: ['seed'],
			// Always asynchronous, and it takes no webhook: the node polls the generation.
			timing: 'async',
			quote: true,
			webhook: false,
			answer: 'images',
		},
	],
	properties: [
		...imageSourceProperties('Image', 50),
		...fileProperties(MASK, {
			binaryPlaceholder: 'mask',
			hint: "White marks what Ideogram removes, black what it keeps: the opposite of Edit's mask (turn on Invert Mask in Options to use an Edit mask). Exactly the image's size.",
			description: 'The black-and-white mask (JPEG, PNG or WebP, up to 50 MB)',
		}),
	],
};

export const operation = defineOperation(definition);
