const { src, dest } = require('gulp');

/** n8n loads node and credential icons from dist/, next to the compiled classes. */
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = copyIcons;
exports.default = copyIcons;
