/**
 * Raised for invalid input. `index` is the position of the offending event/record in its input and `field` the field
 * at fault, so nodes can turn it into a per-item `NodeOperationError` that names both.
 */
export class EngagementInputError extends Error {
	readonly index: number | undefined;
	readonly field: string | undefined;

	constructor(message: string, details: { index?: number; field?: string } = {}) {
		const where = [
			details.index === undefined ? undefined : `event ${details.index}`,
			details.field === undefined ? undefined : `field "${details.field}"`,
		]
			.filter(Boolean)
			.join(', ');
		super(where ? `${where}: ${message}` : message);
		this.name = 'EngagementInputError';
		this.index = details.index;
		this.field = details.field;
	}
}
