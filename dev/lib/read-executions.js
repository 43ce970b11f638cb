'use strict';
/**
 * Run with Node 24 (node:sqlite): prints every execution saved in an n8n user folder's SQLite database as
 * JSON [{id, workflowId, status, mode, data}], `data` being the full run (n8n stores it "flatted").
 * Usage: node read-executions.js <N8N_USER_FOLDER>
 */
const path = require('path');
const { DatabaseSync } = require('node:sqlite');

const [userFolder] = process.argv.slice(2);
const flatted = require('flatted');
const db = new DatabaseSync(path.join(userFolder, '.n8n', 'database.sqlite'), { readOnly: true });
const rows = db
	.prepare(
		`SELECT e.id AS id, e.workflowId AS workflowId, e.status AS status, e.mode AS mode, d.data AS data
		 FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id ORDER BY e.id`,
	)
	.all();
process.stdout.write(
	JSON.stringify(rows.map((row) => ({ ...row, data: row.data ? flatted.parse(row.data) : null }))),
);
