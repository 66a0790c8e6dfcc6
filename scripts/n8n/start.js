#!/usr/bin/env node
'use strict';
/**
 * `npm start`: a real n8n editor on http://127.0.0.1:5678 with this package loaded as the community package
 * n8n-nodes-engagement-scoring and the example workflows imported. Ctrl-C stops it.
 *
 * The user folder persists in .tmp/n8n-editor (so workflows you build survive restarts);
 * `npm start -- --fresh` starts from an empty one. `--port=5679` picks another port.
 */
const fs = require('node:fs');
const path = require('node:path');
const n8n = require('./n8n');

const args = process.argv.slice(2);
const port = Number((args.find((arg) => arg.startsWith('--port=')) ?? '--port=5678').split('=')[1]);
const fresh = args.includes('--fresh');
const log = (message) => process.stderr.write(`[start] ${message}\n`);

async function main() {
	await n8n.ensureRuntime();
	n8n.buildPackage({ log, force: true });

	const userFolder = path.join(n8n.REPO_ROOT, '.tmp', 'n8n-editor');
	if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	const importedMarker = path.join(userFolder, '.examples-imported');
	const firstStart = !fs.existsSync(importedMarker);
	fs.mkdirSync(userFolder, { recursive: true });
	n8n.createUserFolder(userFolder);
	fs.mkdirSync(path.join(n8n.REPO_ROOT, 'demo-output'), { recursive: true });

	if (firstStart) {
		log('importing the example workflows …');
		await n8n.importCredentials(userFolder, require('./credentials').demoCredentials());
		const ids = await n8n.importWorkflows(userFolder, n8n.exampleWorkflowFiles());
		fs.writeFileSync(importedMarker, `${ids.join('\n')}\n`);
		log(`imported ${ids.length} workflows`);
	}

	log(`starting n8n on http://127.0.0.1:${port} (Ctrl-C stops it) …`);
	const server = await n8n.startN8n({ userFolder, port });
	const types = await n8n.loadedNodeTypes(userFolder);
	const ours = types.filter((name) => name.startsWith(`${n8n.PACKAGE_NAME}.`));
	if (ours.length === 0) {
		log(
			`warning: n8n started but lists none of this package's nodes:\n${server.output().slice(-3000)}`,
		);
	}
	log(`loaded nodes: ${ours.join(', ')}`);
	log(
		`open http://127.0.0.1:${port}/ — create the owner account on first visit, then Overview → the "Engagement …" workflows`,
	);
	log(`n8n data: ${userFolder}`);
	server.process.stdout.pipe(process.stdout);
	server.process.stderr.pipe(process.stderr);

	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		log(`${signal}: stopping n8n …`);
		await server.stop();
		log('n8n stopped');
		process.exit(0);
	};
	process.removeAllListeners('SIGINT');
	process.removeAllListeners('SIGTERM');
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
	const exit = await new Promise((resolve) =>
		server.process.once('exit', (code, signal) => resolve({ code, signal })),
	);
	if (!stopping) {
		log(`n8n exited by itself (${JSON.stringify(exit)})`);
		process.exit(1);
	}
}

if (require.main === module) {
	main().catch((error) => {
		log(error.stack || error.message);
		n8n.killAllChildren();
		process.exit(1);
	});
}
