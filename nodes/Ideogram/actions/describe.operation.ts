import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { imageSourceProperties, optionsCollection } from './descriptions';
import { runOperation, type OperationSpec } from './run';

const spec: OperationSpec = {
	name: 'describe',
	path: () => '/describe',
	imageField: 'image_file',
	promptRequired: false,
	options: ['describeModelVersion'],
	result: 'descriptions',
};

const properties: INodeProperties[] = [...imageSourceProperties('Image'), optionsCollection(spec.options, false)];

export const description = updateDisplayOptions({ show: { operation: ['describe'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await runOperation(this, itemIndex, spec);
}
