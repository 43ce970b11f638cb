import { encodeMultipart } from '../../nodes/Ideogram/media/multipart';

async function parse(body: Buffer, contentType: string): Promise<FormData> {
	return await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
}

describe('encodeMultipart', () => {
	it('encodes text, JSON and file parts that a standard parser reads back unchanged', async () => {
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]);
		const { body, contentType } = encodeMultipart([
			{ field: 'image', value: { filename: 'photo.png', contentType: 'image/png', data: png } },
			{ field: 'prompt', value: 'A café — with "quotes"\r\nand a new line' },
			{ field: 'style_codes', value: 'AAFF5733' },
			{ field: 'style_codes', value: '0133FF57' },
			{ field: 'color_palette', value: '{"name":"PASTEL"}', contentType: 'application/json' },
		]);
		expect(contentType).toMatch(/^multipart\/form-data; boundary=----n8nIdeogram[0-9a-f]{24}$/);

		const form = await parse(body, contentType);
		const image = form.get('image') as File;
		expect(image.name).toBe('photo.png');
		expect(image.type).toBe('image/png');
		expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
		expect(form.get('prompt')).toBe('A café — with "quotes"\r\nand a new line');
		expect(form.getAll('style_codes')).toEqual(['AAFF5733', '0133FF57']);
		expect(JSON.parse(form.get('color_palette') as string)).toEqual({ name: 'PASTEL' });
	});

	it('escapes quotes and line breaks in file names so they cannot break the header', async () => {
		const { body, contentType } = encodeMultipart([
			{ field: 'image', value: { filename: 'a"b\r\nc.png', contentType: 'image/png', data: Buffer.from('x') } },
		]);
		expect(body.toString('latin1')).toContain('filename="a%22b%0D%0Ac.png"');
		const form = await parse(body, contentType);
		expect((form.get('image') as File).size).toBe(1);
	});

	it('uses a fresh boundary for every body', () => {
		const first = encodeMultipart([{ field: 'prompt', value: 'x' }]).contentType;
		const second = encodeMultipart([{ field: 'prompt', value: 'x' }]).contentType;
		expect(first).not.toBe(second);
	});
});
