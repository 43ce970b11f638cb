import { imageSourceProperties, optionCollections } from './panel';
import { multipartOperation } from './define';
import type { OperationMeta, OperationSpec } from '../catalogue/types';

export const meta: OperationMeta = {
	value: 'upscale',
	name: 'Upscale',
	action: 'Upscale an image',
	description: 'Enlarge an image and add detail',
};

export const spec: OperationSpec = {
	path: () => '/upscale',
	imageField: 'image_file',
	prompt: false,
	options: ['prompt', 'resemblance', 'detail', 'magicPrompt', 'numImages', 'seed'],
	encoding: 'imageRequest',
	answer: 'images',
};

export const operation = multipartOperation(meta, spec, [...imageSourceProperties('Image'), ...optionCollections(spec.options)]);
