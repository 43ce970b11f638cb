import { imageSourceProperties, optionCollections } from './panel';
import { multipartOperation } from './define';
import type { OperationMeta, OperationSpec } from '../catalogue/types';

export const meta: OperationMeta = {
	value: 'describe',
	name: 'Describe',
	action: 'Describe an image',
	description: 'Get text descriptions of an image',
};

export const spec: OperationSpec = {
	path: () => '/describe',
	imageField: 'image_file',
	prompt: false,
	options: ['describeModelVersion'],
	encoding: 'fields',
	answer: 'descriptions',
};

export const operation = multipartOperation(meta, spec, [...imageSourceProperties('Image'), ...optionCollections(spec.options, false)]);
