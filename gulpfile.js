const { src, dest } = require('gulp');

// tsc compiles the TypeScript; the icons (and the codex JSON, which tsc copies only when imported) are
// static files that n8n loads from dist/ next to the compiled node and credential.
function copyStaticFiles() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = copyStaticFiles;
