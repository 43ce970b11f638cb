// The GitHub workflows, parsed as GitHub parses them (YAML), checked for what a release depends on: when they
// run, with which permissions, and that publishing goes through the checks and provenance. JavaScript rather
// than TypeScript because it reads files and runs bash, which n8n's lint rules forbid in .ts files.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function load(name) {
	const text = fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8');
	const document = YAML.parseDocument(text);
	if (document.errors.length > 0) throw new Error(`${name} is not valid YAML: ${document.errors.join('; ')}`);
	return { text, workflow: document.toJS() };
}

const ci = load('ci.yml');
const publish = load('publish.yml');
const publishJob = publish.workflow.jobs.publish;
const runs = (job) => job.steps.filter((step) => step.run).map((step) => step.run.trim());

describe('ci.yml', () => {
	const job = ci.workflow.jobs.ci;

	it('runs on pushes to any branch and on pull requests, not on tags', () => {
		expect(Object.keys(ci.workflow.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.workflow.on.push).toEqual({ branches: ['**'] });
	});

	it('runs .ci/run on Ubuntu with Node.js 20, read-only, within 90 minutes', () => {
		expect(job['runs-on']).toBe('ubuntu-latest');
		expect(job.container).toMatch(/^node:20-/);
		expect(ci.workflow.permissions).toEqual({ contents: 'read' });
		expect(job['timeout-minutes']).toBeLessThan(90);
		expect(runs(job).some((run) => run.split('\n').includes('bash .ci/run'))).toBe(true);
	});

	it('caches the n8n install keyed on its installer, and uses no secret', () => {
		const cache = job.steps.find((step) => step.with?.path === '~/.cache/n8n-nodes-ideogram');
		expect(cache.uses).toMatch(/^actions\/cache@/);
		expect(cache.with.key).toContain("hashFiles('dev/lib/n8n-install.js')");
		expect(ci.text).not.toContain('secrets.');
	});

	it('.ci/run counts the scan', () => {
		const script = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
		expect(script).toContain('npm run scan 2>&1 | tee "$report/scan.txt"');
		expect(script).toContain('count "$report/scan.txt"');
	});
});

describe('ci.yml: the suite against n8n images', () => {
	const job = ci.workflow.jobs['n8n-images'];

	it('runs the newest n8n 3 and the oldest supported 2.x image from docker/compose.yml, without a secret', () => {
		expect(job['runs-on']).toBe('ubuntu-latest');
		expect(job.container).toBeUndefined();
		expect(job.strategy.matrix.image).toEqual(['docker.n8n.io/n8nio/n8n:latest', 'docker.n8n.io/n8nio/n8n:2.40.7']);
		expect(job.env.N8N_IMAGE).toBe('${{ matrix.image }}');
		expect(runs(job)).toContain('docker compose -f docker/compose.yml up -d --wait');
	});

	it('runs the suite with --n8n-url and fails unless it ends with 0 failed', () => {
		const suite = runs(job).find((run) => run.includes('npm run test:e2e -- --n8n-url http://127.0.0.1:5678'));
		expect(suite).toContain("grep -Eq '^[0-9]+ passed, 0 failed$' e2e.txt");
		expect(suite).toContain('set -o pipefail');
	});

	it('prepares the package and the owner with scripts that need no Docker', () => {
		expect(runs(job)).toEqual(expect.arrayContaining(['node dev/prepare-n8n.js package docker/package', 'node dev/prepare-n8n.js owner http://127.0.0.1:5678']));
		const compose = YAML.parse(fs.readFileSync(path.join(ROOT, 'docker', 'compose.yml'), 'utf8'));
		const n8n = compose.services.n8n;
		expect(n8n.network_mode).toBe('host');
		expect(n8n.environment).toMatchObject({ N8N_UNVERIFIED_PACKAGES_ENABLED: 'true', N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' });
		expect(n8n.volumes).toContain('./package/n8n-nodes-ideogram:/home/node/.n8n/nodes/node_modules/n8n-nodes-ideogram:ro');
		expect(JSON.stringify(n8n.environment)).not.toContain('N8N_CUSTOM_EXTENSIONS');
	});
});

describe('publish.yml', () => {
	it('runs on version tags v*.*.* only', () => {
		expect(publish.workflow.on).toEqual({ push: { tags: ['v*.*.*'] } });
	});

	it('may mint the OIDC token provenance needs and only read the repository', () => {
		expect(publishJob.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(publish.workflow.permissions).toBeUndefined();
	});

	it('sets up Node.js 20 with the npm registry for the token', () => {
		const setup = publishJob.steps.find((step) => /^actions\/setup-node@/.test(step.uses ?? ''));
		expect(setup.with).toMatchObject({ 'node-version': 20, 'registry-url': 'https://registry.npmjs.org' });
	});

	it('installs, builds, tests, lints and scans before it publishes with provenance', () => {
		const commands = runs(publishJob).filter((run) => run.startsWith('npm ') && !run.startsWith('npm install -g'));
		expect(commands).toEqual([
			'npm ci --no-audit --no-fund',
			'npm run build',
			'npm test',
			'npm run lint',
			'npm run scan',
			'npm publish --provenance --access public',
		]);
		for (const script of ['build', 'test', 'lint', 'scan']) expect(manifest.scripts[script]).toBeDefined();
	});

	it('gives the npm token from the repository secret NPM_TOKEN to the publish step only', () => {
		const withSecrets = publishJob.steps.filter((step) => JSON.stringify(step).includes('secrets.'));
		expect(withSecrets).toHaveLength(1);
		expect(withSecrets[0].run).toBe('npm publish --provenance --access public');
		expect(withSecrets[0].env.NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
		expect(publish.text.match(/secrets\.\w+/g)).toEqual(['secrets.NPM_TOKEN']);
	});

	describe('the tag check (run with bash, as the job runs it)', () => {
		const check = publishJob.steps.find((step) => /tag is package\.json's version/.test(step.name ?? ''));
		const runCheck = (tag, cwd = ROOT) =>
			spawnSync('bash', ['-e', '-c', check.run], { cwd, encoding: 'utf8', env: { ...process.env, GITHUB_REF_NAME: tag } });

		it('comes before npm ci', () => {
			expect(publishJob.steps.indexOf(check)).toBeLessThan(publishJob.steps.findIndex((step) => step.run === 'npm ci --no-audit --no-fund'));
		});

		it("passes for v + package.json's version, which CHANGELOG.md has a section for", () => {
			const result = runCheck(`v${manifest.version}`);
			expect(result.stdout + result.stderr).toBe('');
			expect(result.status).toBe(0);
		});

		it.each(['v9.9.9', manifest.version, `v${manifest.version}-rc.1`])('fails for the tag %s', (tag) => {
			const result = runCheck(tag);
			expect(result.status).toBe(1);
			expect(result.stdout).toContain(`::error::The tag ${tag} does not match package.json's version ${manifest.version}`);
		});

		it('fails when CHANGELOG.md has no section for the version', () => {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-tag-check-'));
			try {
				fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
				fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n\n## [0.0.1] - 2026-01-01\n');
				const result = runCheck(`v${manifest.version}`, dir);
				expect(result.status).toBe(1);
				expect(result.stdout).toContain(`::error::CHANGELOG.md has no section "## [${manifest.version}]".`);
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		});
	});
});

describe('actions', () => {
	const uses = [ci, publish].flatMap(({ workflow }) =>
		Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.uses).map((step) => step.uses)),
	);

	it.each([
		['actions/checkout', 4],
		['actions/setup-node', 4],
		['actions/cache', 4],
	])('%s is used at a major version tag, v%i or newer', (action, oldestMajor) => {
		const versions = uses.filter((use) => use.startsWith(`${action}@`));
		expect(versions.length).toBeGreaterThan(0);
		for (const use of versions) {
			const major = /^[^@]+@v(\d+)$/.exec(use);
			expect(major).not.toBeNull();
			expect(Number(major[1])).toBeGreaterThanOrEqual(oldestMajor);
		}
	});

	it('uses no other actions', () => {
		expect(uses.filter((use) => !/^actions\/(checkout|setup-node|cache)@/.test(use))).toEqual([]);
	});
});
