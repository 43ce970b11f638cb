import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operations } from './operations';
import { router } from './engine/router';

const byName = [...operations].sort((a, b) => a.meta.name.localeCompare(b.meta.name));

export class Ideogram implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ideogram',
		name: 'ideogram',
		icon: { light: 'file:ideogram.svg', dark: 'file:ideogram.dark.svg' },
		group: ['transform'],
		// 1.1 moves the node's own behaviour into "Request Options" and names result files in kebab-case;
		// version 1 keeps every default it had.
		version: [1, 1.1],
		defaultVersion: 1.1,
		// The operation's name as the panel shows it, from its value: replaceBackground → Replace Background.
		subtitle: '={{ $parameter["operation"].replace(/([A-Z])/g, " $1").replace(/^./, (first) => first.toUpperCase()) }}',
		description: 'Generate, edit with a mask, remix, reframe, upscale and describe images, replace or remove their backgrounds, separate their text, and fetch generations, with Ideogram',
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
				options: byName.map(({ meta }) => ({ name: meta.name, value: meta.value, action: meta.action, description: meta.description })),
				default: 'edit',
			},
			...operations.flatMap((operation) => operation.properties),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
