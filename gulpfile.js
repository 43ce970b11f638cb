const { rmSync } = require('fs');
const { src, dest } = require('gulp');

// A build starts from an empty dist/, so a renamed or deleted source file leaves nothing behind.
function clean(done) {
	rmSync('dist', { recursive: true, force: true });
	done();
}

// tsc compiles the TypeScript; the icons (and the codex JSON, which tsc copies only when imported) are
// static files that n8n loads from dist/ next to the compiled node and credential.
function copyStaticFiles() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports.clean = clean;
exports['build:icons'] = copyStaticFiles;
