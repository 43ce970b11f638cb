import { taskImages, taskOf } from '../../nodes/Ideogram/transport/tasks';

describe('taskOf', () => {
	it('finds the task object of a gateway task answer', () => {
		expect(taskOf({ code: 200, data: { task_id: 't1', task_status: 'submitted' } })).toEqual({ task_id: 't1', task_status: 'submitted' });
	});

	it('is undefined for a normal image answer or an answer without a task id', () => {
		expect(taskOf({ created: 'x', data: [{ url: 'https://img/1.png' }] })).toBeUndefined();
		expect(taskOf({ data: { status: 'done' } })).toBeUndefined();
		expect(taskOf({ descriptions: [] })).toBeUndefined();
	});
});

describe('taskImages', () => {
	const image = { url: 'https://img/1.png', seed: 3 };

	it.each([
		['task_result as a list', { task_result: [image] }],
		['task_result.images', { task_result: { images: [image] } }],
		['task_result.data', { task_result: { data: [image] } }],
		['images on the task', { images: [image] }],
		['data on the task', { data: [image] }],
	])('reads the images from %s', (_where, task) => {
		expect(taskImages(task)).toEqual([image]);
	});

	it('turns bare URL strings into image objects and drops entries that are not objects', () => {
		expect(taskImages({ task_result: ['https://img/2.png', null, 7, image] as never })).toEqual([{ url: 'https://img/2.png' }, image]);
	});

	it('is empty when the task holds no image list', () => {
		expect(taskImages({ task_result: { message: 'done' } })).toEqual([]);
	});
});
