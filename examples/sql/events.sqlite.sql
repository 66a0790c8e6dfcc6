-- The raw events table the SQLite facts query reads (examples/sql/facts.sqlite.sql).
-- Times are epoch milliseconds (INTEGER); `id` keeps the arrival order so the first of repeated event_ids wins.
CREATE TABLE IF NOT EXISTS engagement_events (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	event_id TEXT,
	contact_id TEXT NOT NULL,
	type TEXT NOT NULL CHECK (type IN ('sent', 'delivered', 'open', 'click', 'conversion', 'bounce', 'complaint',
		'unsubscribe', 'subscribe', 'interaction', 'web_visit', 'purchase', 'block', 'unblock')),
	ts INTEGER NOT NULL,
	campaign_id TEXT,
	campaign_kind TEXT CHECK (campaign_kind IN ('broadcast', 'automation', 'transactional')),
	channel TEXT,
	machine INTEGER NOT NULL DEFAULT 0,
	-- 0: a send whose opens are not measured (open tracking off, a privacy proxy); NULL or 1: tracked. Tables created
	-- before this column: ALTER TABLE engagement_events ADD COLUMN tracked INTEGER;
	tracked INTEGER,
	url TEXT,
	value REAL,
	user_agent TEXT
);
CREATE INDEX IF NOT EXISTS engagement_events_contact ON engagement_events (contact_id, ts);
CREATE INDEX IF NOT EXISTS engagement_events_event_id ON engagement_events (event_id, id);
