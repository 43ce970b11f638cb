import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operations } from './operations';
import { router } from './engine/router';
import { NODE_VERSIONS } from './operations/panel';

const byName = [...operations].sort((a, b) => a.meta.name.localeCompare(b.meta.name));

export class Ideogram implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ideogram',
		name: 'ideogram',
		icon: { light: 'file:ideogram.svg', dark: 'file:ideogram.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		defaultVersion: NODE_VERSIONS[NODE_VERSIONS.length - 1],
		// The operation's name as the panel shows it, from its value: replaceBackground → Replace Background.
		subtitle:
			'={{ $parameter["operation"].replace(/([A-Z])/g, " $1").replace(/^./, (first) => first.toUpperCase()) }}',
		description:
			'Generate, edit, remix, reframe, upscale and describe images, remove objects and backgrounds, make and trace SVGs, and fetch generations, with Ideogram',
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
				options: byName.map(({ meta }) => ({
					name: meta.name,
					value: meta.value,
					action: meta.action,
					description: meta.description,
				})),
				default: 'edit',
			},
			...operations.flatMap((operation) => operation.properties),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
