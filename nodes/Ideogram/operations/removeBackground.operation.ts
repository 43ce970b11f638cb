import { MAX_LARGE_FILE_BYTES } from '../options/apiValues';

import { imageSourceProperties, optionCollections } from './panel';
import { multipartOperation } from './define';
import type { OperationMeta, OperationSpec } from '../catalogue/types';

export const meta: OperationMeta = {
	value: 'removeBackground',
	name: 'Remove Background',
	action: 'Remove the background of an image',
	description: 'Cut out the subject as a transparent PNG',
};

export const spec: OperationSpec = {
	path: () => '/v1/remove-background',
	imageField: 'image',
	maxImageBytes: MAX_LARGE_FILE_BYTES,
	prompt: false,
	options: [],
	encoding: 'fields',
	answer: 'images',
};

export const operation = multipartOperation(meta, spec, [...imageSourceProperties('Image', 25), ...optionCollections(spec.options)]);
