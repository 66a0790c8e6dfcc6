/**
 * Score Contacts' subtitle (under the node on the canvas) fits the operation: the model scored with, the sunset preset
 * (and for Model Bands its model), or the merge. Evaluated as the editor does: n8n's expression engine over the node's
 * parameters with their defaults filled in.
 */
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { INode, INodeParameters, INodeTypes } from 'n8n-workflow';

import { ScoreContacts } from '../../nodes/ScoreContacts/ScoreContacts.node';

const nodeType = new ScoreContacts();
const nodeTypes: INodeTypes = {
	getByName: () => nodeType,
	getByNameAndVersion: () => nodeType,
	getKnownTypes: () => ({}),
};

function subtitleOf(parameters: INodeParameters): unknown {
	const node: INode = {
		id: '1',
		name: 'Score Contacts',
		type: 'n8n-nodes-engagement-scoring.scoreContacts',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	node.parameters =
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			parameters,
			true,
			false,
			node,
			nodeType.description,
		) ?? {};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	return workflow.expression.getSimpleParameterValue(
		node,
		nodeType.description.subtitle as string,
		'internal',
		{},
	);
}

test.each([
	[{}, 'model: decay'],
	[{ operation: 'score', model: 'recency5' }, 'model: recency5'],
	[{ operation: 'sunset' }, 'sunset: hubspotGraymail'],
	[{ operation: 'sunset', preset: 'klaviyoSunset' }, 'sunset: klaviyoSunset'],
	[{ operation: 'sunset', preset: 'bands', sunsetModel: 'lifecycle' }, 'sunset: lifecycle bands'],
	[{ operation: 'mergeStatistics' }, 'merge statistics'],
])('%j → "%s"', (parameters, subtitle) => {
	expect(subtitleOf(parameters as INodeParameters)).toBe(subtitle);
});
