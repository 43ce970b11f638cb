import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as describe from './actions/describe.operation';
import * as edit from './actions/edit.operation';
import * as generate from './actions/generate.operation';
import * as reframe from './actions/reframe.operation';
import * as remix from './actions/remix.operation';
import * as replaceBackground from './actions/replaceBackground.operation';
import { router } from './actions/router';
import * as upscale from './actions/upscale.operation';

export class Ideogram implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ideogram',
		name: 'ideogram',
		icon: { light: 'file:ideogram.svg', dark: 'file:ideogram.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"describe":"Describe","edit":"Edit","generate":"Generate","reframe":"Reframe","remix":"Remix","replaceBackground":"Replace Background","upscale":"Upscale"}[$parameter["operation"]] }}',
		description: 'Edit, remix, reframe, upscale and generate images with Ideogram 3.0',
		defaults: { name: 'Ideogram' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ideogramApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Describe', value: 'describe', action: 'Describe an image', description: 'Get text descriptions of an image' },
					{ name: 'Edit', value: 'edit', action: 'Edit an image with a mask', description: 'Repaint the black area of a mask with what the prompt describes' },
					{ name: 'Generate', value: 'generate', action: 'Generate an image', description: 'Create images from a prompt' },
					{ name: 'Reframe', value: 'reframe', action: 'Reframe an image', description: 'Extend a square image to a new size' },
					{ name: 'Remix', value: 'remix', action: 'Remix an image', description: 'Make new images guided by an image and a prompt' },
					{ name: 'Replace Background', value: 'replaceBackground', action: 'Replace the background of an image', description: 'Keep the subject and paint a new background' },
					{ name: 'Upscale', value: 'upscale', action: 'Upscale an image', description: 'Enlarge an image and add detail' },
				],
				default: 'edit',
			},
			...edit.description,
			...remix.description,
			...replaceBackground.description,
			...reframe.description,
			...generate.description,
			...upscale.description,
			...describe.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
