import { imageList, imageOutput, MAX_EXTRA_FIELD_CHARS } from '../../nodes/Ideogram/engine/answerChecks';

const image = (index = 0) => ({ url: `https://img.example/${index}.png?sig=1`, prompt: 'a cat', resolution: '1024x1024', is_image_safe: true, seed: index, style_type: 'GENERAL' });

describe('imageList', () => {
	it('accepts the API shape, up to the number asked', () => {
		expect(imageList([image(0), image(1)], 2)).toEqual({ images: [image(0), image(1)] });
		expect(imageList([image(0)], 4)).toEqual({ images: [image(0)] });
	});

	it('accepts an image withheld by the safety check (no url)', () => {
		expect(imageList([{ url: null, is_image_safe: false, seed: 1 }], 1)).toEqual({ images: [{ url: null, is_image_safe: false, seed: 1 }] });
	});

	it.each([
		['missing', undefined, 1, 'it has no image list ("data" is missing)'],
		['a string', 'not-an-array', 1, 'its image list ("data") is a string, not a list'],
		['an object', { url: 'x' }, 1, 'its image list ("data") is an object, not a list'],
		['empty', [], 1, 'its image list is empty'],
		['[null]', [null], 1, 'image 1 is null, not an image object'],
		['a string entry', [image(0), 'https://x/y.png'], 2, 'image 2 is a string, not an image object'],
		['an entry without url or is_image_safe', [{ seed: 1 }], 1, 'image 1 has neither "url" nor "is_image_safe"'],
		['a url that is not text', [{ url: 42 }], 1, 'image 1\'s "url" is a number, not text'],
		['300 images for 1', Array.from({ length: 300 }, (_, index) => image(index)), 1, 'it lists 300 images, but 1 was asked for'],
		['9 images for 12 (at most 8)', Array.from({ length: 9 }, (_, index) => image(index)), 12, 'it lists 9 images, but 8 were asked for'],
	])('refuses %s', (_name, list, asked, problem) => {
		expect(imageList(list, asked)).toEqual({ problem });
	});
});

describe('imageOutput', () => {
	it('keeps the documented fields as they are', () => {
		expect(imageOutput(image(3))).toEqual(image(3));
	});

	it('keeps small extra fields and leaves big ones out, naming them', () => {
		const output = imageOutput({ ...image(0), model: 'V_3', debug: 'y'.repeat(MAX_EXTRA_FIELD_CHARS + 1) });
		expect(output).toEqual({ ...image(0), model: 'V_3', omittedFields: ['debug'] });
	});
});
