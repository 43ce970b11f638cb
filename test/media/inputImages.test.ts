/**
 * How readBinaryImage learns a file's size on each kind of n8n: from `bytes` where n8n sets it, from
 * getBinaryMetadata for a stored file without it, and from the bytes themselves for a file kept inline
 * (n8n 2.x's in-memory mode, gone in n8n 3). Either way an oversized file is refused with the same words.
 */
import type { IBinaryData } from 'n8n-workflow';

import { readBinaryImage } from '../../nodes/Ideogram/media/inputImages';
import { pngFile } from '../support/fixtures';
import { createHarness } from '../support/harness';

function harnessWith(binaryMode: 'filesystem' | 'inline') {
	const { ctx } = createHarness({ parameters: {}, credentials: { apiKey: 'k' }, binaryMode, items: [{ binary: { data: pngFile(40, 30) } }] });
	const binary = ctx.getInputData()[0].binary!.data;
	const reads = { buffer: 0, metadata: 0 };
	const { getBinaryDataBuffer, getBinaryMetadata } = ctx.helpers;
	Object.assign(ctx.helpers, {
		getBinaryDataBuffer: async (...args: Parameters<typeof getBinaryDataBuffer>) => {
			reads.buffer++;
			return await getBinaryDataBuffer(...args);
		},
		getBinaryMetadata: async (id: string) => {
			reads.metadata++;
			return await getBinaryMetadata(id);
		},
	});
	return { ctx, binary, reads };
}

describe('readBinaryImage', () => {
	it('takes the size from `bytes` and reads the file once', async () => {
		const { ctx, binary, reads } = harnessWith('filesystem');
		expect(binary.bytes).toEqual(expect.any(Number));
		const image = await readBinaryImage(ctx, 0, 'data', 'Input Image Field');
		expect(image.info).toMatchObject({ format: 'png', width: 40, height: 30 });
		expect(reads).toEqual({ buffer: 1, metadata: 0 });
	});

	it('asks getBinaryMetadata for the size of a stored file without `bytes`, and refuses it before reading', async () => {
		const { ctx, binary, reads } = harnessWith('filesystem');
		delete (binary as IBinaryData & { bytes?: number }).bytes;
		await expect(readBinaryImage(ctx, 0, 'data', 'Input Image Field', 10)).rejects.toThrow(/^Input Image Field: binary field "data" is [\d.]+ MB, over the API's [\d.]+ MB limit/);
		expect(reads).toEqual({ buffer: 0, metadata: 1 });

		const image = await readBinaryImage(ctx, 0, 'data', 'Input Image Field');
		expect(image.info).toMatchObject({ format: 'png', width: 40, height: 30 });
		expect(reads).toEqual({ buffer: 1, metadata: 2 });
	});

	it('checks an inline file (no id, no `bytes`) by the length of its bytes', async () => {
		const { ctx, binary, reads } = harnessWith('inline');
		expect([binary.id, binary.bytes]).toEqual([undefined, undefined]);
		await expect(readBinaryImage(ctx, 0, 'data', 'Input Image Field', 10)).rejects.toThrow(/^Input Image Field: binary field "data" is [\d.]+ MB, over the API's [\d.]+ MB limit/);
		expect(reads).toEqual({ buffer: 1, metadata: 0 });
	});
});
