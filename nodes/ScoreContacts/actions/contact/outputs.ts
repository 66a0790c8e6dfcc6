import type { IDataObject, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import type { LatestContactFields } from '../../../../lib/events/latestContactFields';
import type { CompactContactScore, ContactScore } from '../../../../lib/models/types';
import { pairedWith } from '../../../shared/errors';
import { itemsOfContact, validItems } from '../../../shared/eventInput';
import type { EventInput } from '../../../shared/eventInput';

/**
 * Outputs follow the Account Summary option: a second "Account" output when asked for. n8n evaluates this as an
 * expression, so the function must be self-contained.
 */
const configuredOutputs = (parameters: { options?: { accountSummary?: string } }) =>
	parameters.options && parameters.options.accountSummary === 'secondOutput'
		? [
				{ type: 'main', displayName: 'Contacts' },
				{ type: 'main', displayName: 'Account' },
			]
		: [{ type: 'main' }];

export const outputsExpression: `={{${string}}}` = `={{(${configuredOutputs})($parameter)}}`;

/** The input items a contact's result, and the account summary, pair with. */
export interface Pairing {
	ofContact: (contactId: string) => IPairedItemData[];
	/** The account summary's: asked only when a summary is output (on many items it is a pass over every event). */
	all: () => IPairedItemData[];
}

/**
 * Pairing from the events' input items. With a single input item (one file, one batch) every result comes from it,
 * so the per-event pass is skipped: a million events read from a file pair with item 0 at no cost.
 */
export function pairingOf(input: EventInput, inputItemCount: number): Pairing {
	if (inputItemCount === 1) return singleItemPairing(input.itemOfEvent.length > 0);
	const itemsByContact = itemsOfContact(input);
	return {
		ofContact: (contactId) => pairedWith(itemsByContact.get(contactId) ?? []),
		all: () => pairedWith(validItems(input)),
	};
}

/** Every result pairs with the one input item; the account summary too when it held events. */
export function singleItemPairing(hadEvents: boolean): Pairing {
	return { ofContact: () => [{ item: 0 }], all: () => pairedWith(hadEvents ? [0] : []) };
}

/**
 * Keep Contact Fields: the named fields of each contact's latest input item by event time (the later item on a tie).
 * Only built when fields are asked for: it is a pass over every event.
 */
export function keptFieldsOf(
	input: EventInput,
	items: INodeExecutionData[],
	fields: string[],
): ((contactId: string) => IDataObject) | undefined {
	if (fields.length === 0) return undefined;
	const latestItem = new Map<string, { item: number; time: number }>();
	input.events.forEach((event, k) => {
		const item = input.itemOfEvent[k];
		const latest = latestItem.get(event.contactId);
		if (latest === undefined) latestItem.set(event.contactId, { item, time: event.time });
		else if (event.time >= latest.time) {
			latest.item = item;
			latest.time = event.time;
		}
	});
	return (contactId) => {
		const latest = latestItem.get(contactId);
		return latest === undefined ? {} : fieldsOf(items[latest.item], fields);
	};
}

/**
 * Keep Contact Fields from files: the named fields of each contact's latest row, and those its file has nowhere from
 * the item that carried the file.
 */
export function keptFileFieldsOf(
	latest: LatestContactFields,
	items: INodeExecutionData[],
): (contactId: string) => IDataObject {
	return (contactId) => {
		const row = latest.of(contactId);
		if (row === undefined) return {};
		return { ...fieldsOf(items[row.source], row.lacking), ...(row.values as IDataObject) };
	};
}

/** The named fields an item has (Keep Contact Fields). */
export function fieldsOf(item: INodeExecutionData, fields: readonly string[]): IDataObject {
	const kept: IDataObject = {};
	for (const field of fields) {
		// own fields only: `constructor` is no field of the item
		if (!Object.prototype.hasOwnProperty.call(item.json, field)) continue;
		const value = item.json[field];
		if (value !== undefined) kept[field] = value;
	}
	return kept;
}

/**
 * One item per scored contact: contactId, the kept fields, score, band, explanation and details (unless Include
 * Explanations is off: compact rows), model, asOf.
 */
export function contactItems(
	contacts: ReadonlyArray<ContactScore | CompactContactScore>,
	{
		model,
		asOf,
		kept,
		pairing,
	}: {
		model: string;
		asOf: string | null;
		kept: ((contactId: string) => IDataObject) | undefined;
		pairing: Pairing;
	},
): INodeExecutionData[] {
	const out = new Array<INodeExecutionData>(contacts.length);
	for (let k = 0; k < contacts.length; k++) {
		const contact = contacts[k];
		const json: IDataObject =
			kept === undefined
				? { contactId: contact.contactId }
				: { contactId: contact.contactId, ...kept(contact.contactId) };
		json.score = contact.score;
		json.band = contact.band;
		if ('details' in contact) {
			json.explanation = contact.explanation;
			json.details = contact.details as IDataObject;
		}
		json.model = model;
		json.asOf = asOf;
		out[k] = { json, pairedItem: pairing.ofContact(contact.contactId) };
	}
	return out;
}
