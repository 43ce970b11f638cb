import { imageSourceProperties, optionCollections } from './panel';
import { multipartOperation } from './define';
import type { OperationMeta, OperationSpec } from '../catalogue/types';

export const meta: OperationMeta = {
	value: 'layerizeText',
	name: 'Layerize Text',
	action: 'Separate the text from an image',
	description: 'Get the text of an image as positioned text blocks, and the image without it',
};

export const spec: OperationSpec = {
	path: () => '/v1/ideogram-v3/layerize-text',
	imageField: 'image',
	prompt: false,
	options: ['prompt', 'seed'],
	encoding: 'fields',
	answer: 'layers',
};

export const operation = multipartOperation(meta, spec, [...imageSourceProperties('Image'), ...optionCollections(spec.options)]);
