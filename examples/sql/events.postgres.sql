-- The raw events table the facts query reads (examples/sql/facts.postgres.sql), for PostgreSQL.
-- One row per EngagementEvent (docs/scale.md); `id` keeps the arrival order, so that the first of repeated event_ids
-- (webhook retries) wins, as in the library. Store events here from the Engagement Webhook Trigger with n8n's
-- Postgres node (Insert, mapping contactId → contact_id, timestamp → ts, ...).
CREATE TABLE IF NOT EXISTS engagement_events (
	id bigserial PRIMARY KEY,
	event_id text,
	contact_id text NOT NULL,
	type text NOT NULL CHECK (type IN ('sent', 'delivered', 'open', 'click', 'conversion', 'bounce', 'complaint',
		'unsubscribe', 'subscribe', 'interaction', 'web_visit', 'purchase', 'block', 'unblock')),
	ts timestamptz NOT NULL,
	campaign_id text,
	campaign_kind text CHECK (campaign_kind IN ('broadcast', 'automation', 'transactional')),
	channel text,
	machine boolean NOT NULL DEFAULT false,
	-- false: a send whose opens are not measured (open tracking off, a privacy proxy); NULL or true: tracked
	tracked boolean,
	url text,
	value double precision,
	user_agent text
);
-- tables created before the tracked column came
ALTER TABLE engagement_events ADD COLUMN IF NOT EXISTS tracked boolean;
CREATE INDEX IF NOT EXISTS engagement_events_contact ON engagement_events (contact_id, ts);
-- lets the facts query keep the first of each event_id without sorting the table
CREATE INDEX IF NOT EXISTS engagement_events_event_id ON engagement_events (event_id, id);
-- lets the facts query find each campaign's earliest event (its kind) with one index probe per campaign
CREATE INDEX IF NOT EXISTS engagement_events_campaign ON engagement_events (campaign_id, ts, id);
