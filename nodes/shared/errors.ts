import type { INode, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { EngagementInputError } from '../../lib/errors';

/**
 * Turns a library error into the `NodeOperationError` n8n shows on the item: the item index and, for an
 * `EngagementInputError`, the field at fault in the description so the user knows what to fix.
 */
export function toNodeError(
	node: INode,
	error: Error,
	itemIndex: number,
	itemFieldOf: (field: string) => string | undefined = () => undefined,
): NodeOperationError {
	if (error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (!(error instanceof EngagementInputError))
		return new NodeOperationError(node, error, { itemIndex });
	// The library numbers events/rows in its own input; the node speaks of input items instead.
	const reason = libraryReason(error);
	const field = error.field;
	const message = field === undefined || reason.startsWith(field) ? reason : `${field}: ${reason}`;
	const itemField = field === undefined ? undefined : itemFieldOf(field);
	if (error.index === undefined && field !== undefined) {
		// No event or row named: a setting is at fault, not the data.
		return new NodeOperationError(node, message, { description: `Check the setting "${field}"` });
	}
	const where =
		field === undefined
			? `item ${itemIndex}`
			: itemField === undefined || itemField === field
				? `the field "${field}" of item ${itemIndex}`
				: `the field "${itemField}" (mapped to ${field}) of item ${itemIndex}`;
	return new NodeOperationError(node, message, {
		itemIndex,
		description: `Check ${where} of the input`,
	});
}

/** The library's mapping options, as the node fields that set them (nodes/shared/eventInput.ts). */
const NODE_MAPPING_HINTS: Record<string, string> = {
	typeValues: 'map it under Event Type Values, or set Unknown Event Types to Skip the Event',
	campaignKindValues: 'map it under Campaign Kind Values',
};

/**
 * A library error's reason alone: its "event N, field …:" prefix left out (the node names the item, row and field in
 * its own words), and its hints in the words of the node's fields.
 */
export function libraryReason(error: EngagementInputError): string {
	return inNodeTerms(
		error.message.replace(/^(event \d+, )?(field "[^"]*": )?/, '').replace(/^event \d+: /, ''),
	);
}

/** A library message's hint "map it with <option>" in the words of the node's fields. */
function inNodeTerms(message: string): string {
	return message.replace(
		/map it with (typeValues|campaignKindValues)\b/g,
		(_hint, option: string) => NODE_MAPPING_HINTS[option],
	);
}

/**
 * The item n8n expects for a failed input under Continue On Fail: `json.error` is what routes it to the error output
 * (`onError: continueErrorOutput`); the engine merges the input item's own fields back in for the user.
 */
export function errorItem(
	node: INode,
	error: Error,
	itemIndex: number,
	itemFieldOf?: (field: string) => string | undefined,
): INodeExecutionData {
	const nodeError = toNodeError(node, error, itemIndex, itemFieldOf);
	return { json: { error: nodeError.message }, error: nodeError, pairedItem: { item: itemIndex } };
}

/** Paired items for an output that aggregates several input items. */
export function pairedWith(itemIndices: Iterable<number>): IPairedItemData[] {
	const paired: IPairedItemData[] = [];
	for (const item of itemIndices) paired.push({ item });
	return paired;
}

/** The input item behind a library error that names an event index (item 0 when it names none). */
export function itemOfLibraryError(error: unknown, itemOfEvent: readonly number[]): number {
	const index = error instanceof EngagementInputError ? error.index : undefined;
	return index === undefined ? 0 : (itemOfEvent[index] ?? 0);
}
