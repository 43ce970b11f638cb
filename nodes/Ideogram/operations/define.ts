import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { prepareMultipart } from '../engine/prepare';
import { answerToItems } from '../engine/toItems';
import type { Operation, OperationMeta, OperationSpec } from '../catalogue/types';

/** An operation on one of Ideogram's multipart endpoints: the shared steps, steered by its spec. */
export function multipartOperation(meta: OperationMeta, spec: OperationSpec, properties: INodeProperties[]): Operation {
	return {
		meta,
		properties: updateDisplayOptions({ show: { operation: [meta.value] } }, properties),
		prepare: async (ctx, itemIndex, settings) => await prepareMultipart(ctx, itemIndex, spec, settings),
		toItems: async (ctx, itemIndex, settings, answer) => await answerToItems(ctx, itemIndex, meta, spec, settings, answer),
	};
}
